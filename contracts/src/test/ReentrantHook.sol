// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// @notice Test attacker run by a `HookToken`'s transfer hook: on every transfer it makes each of
/// its armed calls (target + call data) and records how each went, without reverting, so the
/// transfer (and the route around it) goes on and a test can read afterwards what every attempt
/// got. It can also act as an account (`act`) for its operator, e.g. as the owner of the contract
/// it attacks. Local chains only.
contract ReentrantHook {
    /// @notice The account that deployed it: the only one that may arm it or make it act.
    address public immutable operator;

    address[] private targets;
    bytes[] private calls;
    bool private firing;

    /// @notice Transfers it has reacted to.
    uint256 public fired;
    /// @notice Per armed call: how many times it succeeded, how many times it reverted, and the
    /// revert data of its last revert.
    mapping(uint256 => uint256) public succeeded;
    mapping(uint256 => uint256) public reverted;
    mapping(uint256 => bytes) public lastRevert;

    constructor() {
        operator = msg.sender;
    }

    modifier onlyOperator() {
        require(msg.sender == operator, "only operator");
        _;
    }

    /// @notice The calls to make on each transfer, replacing earlier ones; none to disarm.
    function arm(address[] calldata targets_, bytes[] calldata calls_) external onlyOperator {
        require(targets_.length == calls_.length, "one target per call");
        targets = targets_;
        delete calls;
        for (uint256 i = 0; i < calls_.length; i++) {
            calls.push(calls_[i]);
        }
    }

    /// @notice Makes this contract call `target` with `data`; bubbles a revert up.
    function act(address target, bytes calldata data) external onlyOperator returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    function onTransfer(address, address, uint256) external {
        if (firing) return;
        firing = true;
        fired += 1;
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory ret) = targets[i].call(calls[i]);
            if (ok) {
                succeeded[i] += 1;
            } else {
                reverted[i] += 1;
                lastRevert[i] = ret;
            }
        }
        firing = false;
    }
}
