// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

interface IFeeV2Callee {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

/// @notice Local-chain DEX: a Uniswap-V2-style factory whose pairs charge `feeBps` (e.g. 25, as
/// PancakeSwap V2 does) instead of Uniswap's 30. Written here from the constant-product rules
/// (no fork with another fee ships its bytecode on npm): pairs sorted by address, `getPair` both
/// ways, and a pair's `swap` that pays first, calls `uniswapV2Call` when given data, and then
/// requires `(balance0 * 10000 - in0 * fee) * (balance1 * 10000 - in1 * fee) >= reserve0 *
/// reserve1 * 10000^2`. Liquidity is added by paying tokens in and calling `mint` (no LP tokens:
/// it is donated). Local chains only.
contract FeeV2Factory {
    uint16 public immutable feeBps;
    mapping(address => mapping(address => address)) public getPair;
    address[] public allPairs;

    constructor(uint16 feeBps_) {
        require(feeBps_ < 10_000, "fee below 10000 bps");
        feeBps = feeBps_;
    }

    function allPairsLength() external view returns (uint256) {
        return allPairs.length;
    }

    function createPair(address tokenA, address tokenB) external returns (address pair) {
        require(tokenA != tokenB && tokenA != address(0) && tokenB != address(0), "bad tokens");
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        require(getPair[token0][token1] == address(0), "pair exists");
        pair = address(new FeeV2Pair(token0, token1, feeBps));
        getPair[token0][token1] = pair;
        getPair[token1][token0] = pair;
        allPairs.push(pair);
    }
}

/// @notice A pair of `FeeV2Factory` (see there).
contract FeeV2Pair {
    using SafeERC20 for IERC20;

    address public immutable factory;
    address public immutable token0;
    address public immutable token1;
    uint16 public immutable feeBps;

    uint112 private reserve0;
    uint112 private reserve1;
    uint32 private blockTimestampLast;
    bool private locked;

    event Sync(uint112 reserve0, uint112 reserve1);

    constructor(address token0_, address token1_, uint16 feeBps_) {
        factory = msg.sender;
        token0 = token0_;
        token1 = token1_;
        feeBps = feeBps_;
    }

    modifier lock() {
        require(!locked, "locked");
        locked = true;
        _;
        locked = false;
    }

    function getReserves() external view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, blockTimestampLast);
    }

    /// @notice Takes whatever was paid in as liquidity (donated: no LP token); returns 0.
    function mint(address) external lock returns (uint256) {
        _update();
        return 0;
    }

    function sync() external lock {
        _update();
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external lock {
        require(amount0Out > 0 || amount1Out > 0, "no output");
        (uint256 r0, uint256 r1) = (reserve0, reserve1);
        require(amount0Out < r0 && amount1Out < r1, "not enough liquidity");
        require(to != token0 && to != token1, "bad to");
        if (amount0Out > 0) IERC20(token0).safeTransfer(to, amount0Out);
        if (amount1Out > 0) IERC20(token1).safeTransfer(to, amount1Out);
        if (data.length > 0) IFeeV2Callee(to).uniswapV2Call(msg.sender, amount0Out, amount1Out, data);
        uint256 balance0 = IERC20(token0).balanceOf(address(this));
        uint256 balance1 = IERC20(token1).balanceOf(address(this));
        uint256 in0 = balance0 > r0 - amount0Out ? balance0 - (r0 - amount0Out) : 0;
        uint256 in1 = balance1 > r1 - amount1Out ? balance1 - (r1 - amount1Out) : 0;
        require(in0 > 0 || in1 > 0, "no input");
        uint256 adjusted0 = balance0 * 10_000 - in0 * feeBps;
        uint256 adjusted1 = balance1 * 10_000 - in1 * feeBps;
        require(adjusted0 * adjusted1 >= r0 * r1 * 100_000_000, "K");
        _update();
    }

    function _update() private {
        uint256 balance0 = IERC20(token0).balanceOf(address(this));
        uint256 balance1 = IERC20(token1).balanceOf(address(this));
        require(balance0 <= type(uint112).max && balance1 <= type(uint112).max, "overflow");
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        blockTimestampLast = uint32(block.timestamp);
        emit Sync(reserve0, reserve1);
    }
}
