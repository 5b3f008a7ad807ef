// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @notice The ERC-1967 proxy FlashLoanArbitrage is deployed behind (OpenZeppelin's, unchanged;
/// compiled here so its bytecode sits next to the implementation's).
contract FlashLoanArbitrageProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
