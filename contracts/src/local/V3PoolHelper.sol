// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev The parts of a Uniswap V3 pool the helper uses.
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

/// @notice Local-chain helper for real Uniswap V3 pools (no periphery needed): adds liquidity (`mint`,
/// paying in `uniswapV3MintCallback`) and swaps exact input (`swap`, paying in
/// `uniswapV3SwapCallback`), both from the caller's tokens, which must have approved this helper.
/// It pays only the pool it is calling right now, only during that call. Local chains only.
contract V3PoolHelper {
    using SafeERC20 for IERC20;

    address private pendingPool;
    address private payer;

    /// @notice Adds `liquidity` between the two ticks to `pool`, owned by the caller.
    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity)
        external
        returns (uint256 amount0, uint256 amount1)
    {
        _start(pool);
        (amount0, amount1) = IV3PoolForHelper(pool).mint(msg.sender, tickLower, tickUpper, liquidity, "");
        _end();
    }

    /// @notice Sells exactly `amountIn` of the pool's token0 (`zeroForOne`) or token1 for the
    /// other, paid to the caller, with no price limit.
    function swap(address pool, bool zeroForOne, uint256 amountIn) external returns (int256 amount0, int256 amount1) {
        _start(pool);
        (amount0, amount1) = IV3PoolForHelper(pool).swap(
            msg.sender,
            zeroForOne,
            int256(amountIn),
            zeroForOne ? 4295128740 : 1461446703485210103287273052203988822378723970341,
            ""
        );
        _end();
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        require(msg.sender == pendingPool, "not the pool being called");
        if (amount0Owed > 0) IERC20(IV3PoolForHelper(msg.sender).token0()).safeTransferFrom(payer, msg.sender, amount0Owed);
        if (amount1Owed > 0) IERC20(IV3PoolForHelper(msg.sender).token1()).safeTransferFrom(payer, msg.sender, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        require(msg.sender == pendingPool, "not the pool being called");
        if (amount0Delta > 0) {
            IERC20(IV3PoolForHelper(msg.sender).token0()).safeTransferFrom(payer, msg.sender, uint256(amount0Delta));
        }
        if (amount1Delta > 0) {
            IERC20(IV3PoolForHelper(msg.sender).token1()).safeTransferFrom(payer, msg.sender, uint256(amount1Delta));
        }
    }

    function _start(address pool) private {
        pendingPool = pool;
        payer = msg.sender;
    }

    function _end() private {
        pendingPool = address(0);
        payer = address(0);
    }
}
