// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IUniswapV2CalleeMalicious {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

/// @notice Test lender that passes for a Uniswap V2 pair (token0, token1, swap, and its own factory:
/// `factory()` and `getPair` name itself, so a test can make the borrower's owner allow it) and
/// misbehaves in its flash swap as `mode` says. It really lends: it holds `token0` and sends the
/// amount asked for before calling back. Local chains only.
contract MaliciousLender {
    enum Mode {
        Honest, // lends, calls back once with what it lent: a well-behaved pair
        Twice, // lends, calls back twice with the same arguments
        WrongAmount, // lends, calls back claiming twice the amount
        Silent, // lends, never calls back
        OtherSender // lends, calls back naming itself as the swap's sender
    }

    address public immutable token0;
    address public immutable token1;
    Mode public mode;

    constructor(address lentToken, address otherToken) {
        token0 = lentToken;
        token1 = otherToken;
    }

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    function factory() external view returns (address) {
        return address(this);
    }

    function getPair(address, address) external view returns (address) {
        return address(this);
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external {
        IERC20(token0).transfer(to, amount0Out);
        IUniswapV2CalleeMalicious borrower = IUniswapV2CalleeMalicious(to);
        if (mode == Mode.Honest) {
            borrower.uniswapV2Call(to, amount0Out, amount1Out, data);
        } else if (mode == Mode.Twice) {
            borrower.uniswapV2Call(to, amount0Out, amount1Out, data);
            borrower.uniswapV2Call(to, amount0Out, amount1Out, data);
        } else if (mode == Mode.WrongAmount) {
            borrower.uniswapV2Call(to, amount0Out * 2, amount1Out, data);
        } else if (mode == Mode.OtherSender) {
            borrower.uniswapV2Call(address(this), amount0Out, amount1Out, data);
        }
    }
}
