// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IV3SwapCallee {
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;
}

/// @notice Test attacker: passes for a Uniswap V3 pool of `claimedFactory` (zero: of itself, with
/// `getPool` naming itself, so a test can make the victim's owner allow it as a V3 factory and
/// reach the swap callback's own checks). In `swap` it pays out `payOut` of the output token it
/// holds (a fair-looking trade), then calls back as `mode` says. Local chains only.
contract RogueV3Pool {
    enum Mode {
        AskMore, // asks for one more than the swap's input
        Twice, // asks for the input, twice
        Silent // never calls back
    }

    address public immutable token0;
    address public immutable token1;
    uint24 public immutable fee;
    address private immutable claimedFactory;
    Mode public mode;
    uint256 public payOut;

    constructor(address tokenA, address tokenB, uint24 fee_, address factory_) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        fee = fee_;
        claimedFactory = factory_ == address(0) ? address(this) : factory_;
    }

    function setMode(Mode newMode, uint256 newPayOut) external {
        mode = newMode;
        payOut = newPayOut;
    }

    function factory() external view returns (address) {
        return claimedFactory;
    }

    function getPool(address, address, uint24) external view returns (address) {
        return address(this);
    }

    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1)
    {
        IERC20(zeroForOne ? token1 : token0).transfer(recipient, payOut);
        int256 asked = mode == Mode.AskMore ? amountSpecified + 1 : amountSpecified;
        (amount0, amount1) = zeroForOne ? (asked, -int256(payOut)) : (-int256(payOut), asked);
        if (mode == Mode.Silent) return (amount0, amount1);
        IV3SwapCallee(msg.sender).uniswapV3SwapCallback(amount0, amount1, data);
        if (mode == Mode.Twice) IV3SwapCallee(msg.sender).uniswapV3SwapCallback(amount0, amount1, data);
    }
}
