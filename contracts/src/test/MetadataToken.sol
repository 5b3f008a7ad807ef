// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC-20 for tests of token metadata readers only: the decimals are chosen, and symbol()
/// and decimals() can misbehave the ways tokens in the wild do (a bytes32 symbol like MKR's, a
/// revert, no return data, return data that is not an ABI string). Transfers are standard, so the
/// token works in a Uniswap V2 pair.
contract MetadataToken is ERC20 {
    enum Quirk {
        None,
        SymbolBytes32,
        SymbolReverts,
        SymbolEmpty,
        SymbolMalformed,
        DecimalsReverts,
        DecimalsEmpty
    }

    Quirk public immutable quirk;
    uint8 private immutable _decimals;
    bytes32 private immutable _symbol32;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, Quirk quirk_, uint256 supply)
        ERC20(name_, symbol_)
    {
        bytes memory s = bytes(symbol_);
        require(s.length <= 32, "symbol longer than 32 bytes");
        bytes32 word;
        for (uint256 i = 0; i < s.length; i++) {
            word |= bytes32(s[i]) >> (i * 8);
        }
        _symbol32 = word;
        _decimals = decimals_;
        quirk = quirk_;
        _mint(msg.sender, supply);
    }

    function symbol() public view override returns (string memory) {
        Quirk q = quirk;
        if (q == Quirk.SymbolBytes32) {
            bytes32 word = _symbol32;
            assembly {
                mstore(0, word)
                return(0, 32)
            }
        }
        if (q == Quirk.SymbolReverts) {
            revert("no symbol here");
        }
        if (q == Quirk.SymbolEmpty) {
            assembly {
                return(0, 0)
            }
        }
        if (q == Quirk.SymbolMalformed) {
            assembly {
                mstore(0, 0x1000) // an offset far past the end of the data
                mstore(32, 3)
                return(0, 64)
            }
        }
        return super.symbol();
    }

    function decimals() public view override returns (uint8) {
        Quirk q = quirk;
        if (q == Quirk.DecimalsReverts) {
            revert();
        }
        if (q == Quirk.DecimalsEmpty) {
            assembly {
                return(0, 0)
            }
        }
        return _decimals;
    }
}
