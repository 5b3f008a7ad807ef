// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Receives a call on every transfer of a `HookToken` (as an ERC-777 token calls its
/// holders' hooks).
interface ITransferHook {
    function onTransfer(address from, address to, uint256 value) external;
}

/// @notice Test ERC-20 with a transfer hook: after every transfer (not mint or burn) it calls
/// `hook.onTransfer`, so whoever sets the hook runs code in the middle of anyone's transfer, as an
/// ERC-777 token or a token with callbacks would. Its admin (the deployer) or the hook can also
/// `seize` a holder's tokens, like an issuer's freeze-and-burn. 18 decimals; the deployer gets
/// the initial supply. Local chains only.
contract HookToken is ERC20 {
    address public immutable admin;
    address public hook;

    constructor(string memory name_, string memory symbol_, uint256 initialSupply) ERC20(name_, symbol_) {
        admin = msg.sender;
        _mint(msg.sender, initialSupply);
    }

    function setHook(address newHook) external {
        require(msg.sender == admin, "only admin");
        hook = newHook;
    }

    function seize(address holder, uint256 amount) external {
        require(msg.sender == admin || msg.sender == hook, "only admin or hook");
        _burn(holder, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (hook != address(0) && from != address(0) && to != address(0)) {
            ITransferHook(hook).onTransfer(from, to, value);
        }
    }
}
