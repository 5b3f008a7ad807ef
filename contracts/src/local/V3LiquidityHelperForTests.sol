// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

interface IV3PoolForHelper {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

interface IERC20ForHelper {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @notice For local chains only: adds liquidity to and swaps exact inputs through real Uniswap V3
/// pools, paying the pool in its callbacks from the caller's balance (the caller approves this
/// contract for both tokens first). A swap called with eth_call returns what the pool would pay
/// without changing the chain.
contract V3LiquidityHelperForTests {
    // TickMath's bounds: a swap without a limit uses them (exclusive)
    uint160 private constant MIN_SQRT_RATIO = 4295128739;
    uint160 private constant MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342;

    address private activePool;
    address private activePayer;

    error NotTheActivePool(address caller);

    /// @notice Mints `liquidity` in [tickLower, tickUpper) for the caller, who pays the tokens owed.
    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity)
        external
        returns (uint256 amount0, uint256 amount1)
    {
        activePool = pool;
        activePayer = msg.sender;
        (amount0, amount1) = IV3PoolForHelper(pool).mint(msg.sender, tickLower, tickUpper, liquidity, "");
        activePool = address(0);
        activePayer = address(0);
    }

    /// @notice Swaps exactly `amountIn` of token0 (zeroForOne) or token1 from the caller; the output
    /// goes to the caller. A limit of 0 means none. Returns the pool's signed deltas.
    function swapExactIn(address pool, bool zeroForOne, uint256 amountIn, uint160 sqrtPriceLimitX96)
        external
        returns (int256 amount0, int256 amount1)
    {
        activePool = pool;
        activePayer = msg.sender;
        uint160 limit = sqrtPriceLimitX96;
        if (limit == 0) limit = zeroForOne ? MIN_SQRT_RATIO + 1 : MAX_SQRT_RATIO - 1;
        (amount0, amount1) = IV3PoolForHelper(pool).swap(msg.sender, zeroForOne, int256(amountIn), limit, "");
        activePool = address(0);
        activePayer = address(0);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    function _pay(uint256 amount0, uint256 amount1) private {
        if (msg.sender != activePool || activePool == address(0)) revert NotTheActivePool(msg.sender);
        if (amount0 > 0) {
            require(IERC20ForHelper(IV3PoolForHelper(msg.sender).token0()).transferFrom(activePayer, msg.sender, amount0));
        }
        if (amount1 > 0) {
            require(IERC20ForHelper(IV3PoolForHelper(msg.sender).token1()).transferFrom(activePayer, msg.sender, amount1));
        }
    }
}
