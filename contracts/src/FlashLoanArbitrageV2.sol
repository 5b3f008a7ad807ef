// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ContextUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/ContextUpgradeable.sol";
import {ERC2771ContextUpgradeable} from "@openzeppelin/contracts-upgradeable/metatx/ERC2771ContextUpgradeable.sol";
import {FlashLoanArbitrageBase} from "./FlashLoanArbitrageBase.sol";

/// @title FlashLoanArbitrageV2
/// @notice The implementation new proxies get, and the one a deployed proxy of version 1 or 2 is
/// upgraded to (UUPS, deployed directly otherwise). It reports version 5: version 2 (this
/// contract's name: version 1 plus a trusted forwarder) with the hardened loan callbacks and the
/// allowed factories of `FlashLoanArbitrageBase`. The same routes, loans, roles and storage (all
/// in `FlashLoanArbitrageBase`),
/// and it trusts one EIP-2771 forwarder, so the owner or the executor can *sign* a request (e.g.
/// `execute(routes)`) that a relayer submits and pays for. Every role check uses `_msgSender()`:
/// the signer when the call comes through the trusted forwarder, `msg.sender` otherwise. Nobody
/// else gains anything: a stranger's signed request fails the same checks as a stranger's
/// transaction.
/// @dev State lives in the base's plain slots after OpenZeppelin's namespaced storage, exactly as
/// in V1 (slots 0-3: executor, executions, balancerVault, aavePool), plus the base's namespaced
/// allow-list of factories; `ERC2771ContextUpgradeable` adds no storage. The trusted forwarder is
/// an immutable of this implementation (in its code, not in storage), so upgrading needs no
/// initializer (pass `setFactoriesAllowed(factories, true)` to `upgradeToAndCall` to allow the
/// factories a proxy of an earlier version has none of) and changing the forwarder means deploying
/// and upgrading to a new implementation. Loan callbacks still check `msg.sender` (the lender
/// itself), never `_msgSender()`: the forwarder is not a lender.
contract FlashLoanArbitrageV2 is FlashLoanArbitrageBase, ERC2771ContextUpgradeable {
    /// @param trustedForwarder_ the EIP-2771 forwarder whose requests carry their signer as
    /// sender (zero: none, then this behaves exactly like V1)
    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(address trustedForwarder_) ERC2771ContextUpgradeable(trustedForwarder_) {}

    /// @notice Version of this implementation; bumped by every upgrade. 2 was this contract before
    /// the base's hardening (route-bound callbacks, allowed factories); 4 added routes of any hops;
    /// 5 adds `swapRoute` (a swap from the contract's own inventory, no loan).
    function version() external pure virtual override returns (uint256) {
        return 5;
    }

    function _msgSender() internal view override(ContextUpgradeable, ERC2771ContextUpgradeable) returns (address) {
        return ERC2771ContextUpgradeable._msgSender();
    }

    function _msgData() internal view override(ContextUpgradeable, ERC2771ContextUpgradeable) returns (bytes calldata) {
        return ERC2771ContextUpgradeable._msgData();
    }

    function _contextSuffixLength()
        internal
        view
        override(ContextUpgradeable, ERC2771ContextUpgradeable)
        returns (uint256)
    {
        return ERC2771ContextUpgradeable._contextSuffixLength();
    }
}
