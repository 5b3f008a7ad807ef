// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {FlashLoanArbitrageBase} from "./FlashLoanArbitrageBase.sol";

/// @title FlashLoanArbitrage
/// @notice Version 1: the flash-loan arbitrage of `FlashLoanArbitrageBase` (borrow without
/// capital from a Uniswap V2 pair, the Balancer V2 Vault or the Aave V3 Pool, swap along a cycle
/// of Uniswap-V2-style pairs, repay, send the profit to the owner, revert below the minimum
/// profit) with plain `msg.sender` semantics: OpenZeppelin's Context makes `_msgSender()` the
/// direct caller, so only a transaction sent by the owner or the executor can start a route.
/// Built from today's base, so it has the base's hardening too; it keeps reporting version 1 (what
/// the local demo and the upgrade tests deploy), proxies in use run `FlashLoanArbitrageV2`.
/// @dev Deployed behind an ERC-1967 proxy (UUPS); all logic and state live in the base, so
/// `FlashLoanArbitrageV2` upgrades a proxy of this contract in place, keeping every slot.
contract FlashLoanArbitrage is FlashLoanArbitrageBase {
    /// @notice Version of this implementation; bumped by every upgrade.
    function version() external pure virtual override returns (uint256) {
        return 1;
    }
}
