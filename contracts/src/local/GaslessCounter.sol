// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";

/// @title GaslessCounter
/// @notice Example target of gasless requests (local chains, tests and the demo): it trusts one
/// forwarder and counts calls per `_msgSender()`, which is the request's signer when the call
/// comes through that forwarder and `msg.sender` otherwise.
contract GaslessCounter is ERC2771Context {
    mapping(address => uint256) public counts;
    address public lastSender;

    event Incremented(address indexed sender, uint256 count);

    error Refused(address sender);

    constructor(address trustedForwarder_) ERC2771Context(trustedForwarder_) {}

    /// @notice Counts one call of the effective sender.
    function increment() external returns (uint256 count) {
        address sender = _msgSender();
        count = ++counts[sender];
        lastSender = sender;
        emit Incremented(sender, count);
    }

    /// @notice Always reverts with `Refused(effective sender)`: a request a relayer must not pay for.
    function fail() external view {
        revert Refused(_msgSender());
    }
}
