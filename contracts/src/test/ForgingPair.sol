// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

interface IForgedCallbacks {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;
}

/// @notice Test attacker: passes for a Uniswap V2 pair of any two tokens (`factory()` and
/// `getPair` name itself, so a test can make the victim's owner allow it and put it on a route as
/// a hop) with empty reserves, and in its `swap` pays nothing and calls back whoever called it:
/// `uniswapV2Call` with the bytes the test set (e.g. the very route being executed), or
/// `uniswapV3SwapCallback` asking for `asked` of both tokens. Local chains only.
contract ForgingPair {
    bool public forgeV3;
    bytes public forgedData;
    int256 public asked;

    function arm(bool forgeV3_, bytes calldata forgedData_, int256 asked_) external {
        forgeV3 = forgeV3_;
        forgedData = forgedData_;
        asked = asked_;
    }

    function factory() external view returns (address) {
        return address(this);
    }

    function getPair(address, address) external view returns (address) {
        return address(this);
    }

    function getReserves() external pure returns (uint112, uint112, uint32) {
        return (0, 0, 0);
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address, bytes calldata) external {
        if (forgeV3) {
            IForgedCallbacks(msg.sender).uniswapV3SwapCallback(asked, asked, "");
        } else {
            IForgedCallbacks(msg.sender).uniswapV2Call(msg.sender, amount0Out, amount1Out, forgedData);
        }
    }
}
