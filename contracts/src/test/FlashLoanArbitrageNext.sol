// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {FlashLoanArbitrage} from "../FlashLoanArbitrage.sol";

/// @notice Upgrade target used by the tests of V1: same storage layout, new version number.
contract FlashLoanArbitrageNext is FlashLoanArbitrage {
    function version() external pure override returns (uint256) {
        return 2;
    }
}
