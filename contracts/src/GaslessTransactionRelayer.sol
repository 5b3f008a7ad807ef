// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";

/// @title GaslessTransactionRelayer
/// @notice arb's EIP-2771 forwarder: OpenZeppelin 5's `ERC2771Forwarder` (EIP-712 domain
/// `name`/"1", `ForwardRequest(address from,address to,uint256 value,uint256 gas,uint256 nonce,
/// uint48 deadline,bytes data)`, one sequential nonce per signer, `execute` and `executeBatch`),
/// plus `digest`, a view giving the EIP-712 hash the forwarder recovers the signer from, so an
/// off-chain signer can check its own hashing against the deployed contract.
/// @dev Anyone may submit requests; who pays for what is the relayer's (off-chain) policy. Targets
/// must trust this forwarder (`ERC2771Context`), otherwise `verify` is false and `execute` reverts.
contract GaslessTransactionRelayer is ERC2771Forwarder {
    constructor(string memory name) ERC2771Forwarder(name) {}

    /// @notice The EIP-712 digest of `request` with the signer's current nonce: what its
    /// `signature` must sign for `verify` to accept it now. `request.signature` is ignored.
    function digest(ForwardRequestData calldata request) external view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        FORWARD_REQUEST_TYPEHASH,
                        request.from,
                        request.to,
                        request.value,
                        request.gas,
                        nonces(request.from),
                        request.deadline,
                        keccak256(request.data)
                    )
                )
            );
    }
}
