package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * An on-chain token, identified by (chain, address); its symbol and decimals are metadata (symbols
 * are not unique: copies named USDT exist).
 *
 * @param chain lower-case chain name ({@code ethereum})
 * @param asset the token's address as an asset (lower-case), the graph node's asset on the chain
 * @param symbol what the token calls itself, 1 to 64 characters, no control characters
 * @param decimals {@code 0} to {@value #MAX_DECIMALS}: one token is {@code 10^decimals} smallest
 *     units
 */
public record Token(String chain, Asset asset, String symbol, int decimals) {
  /** The largest number of decimals accepted (a uint256 holds fewer than 78 digits). */
  public static final int MAX_DECIMALS = 77;

  public Token {
    chain = Chains.name(chain);
    Objects.requireNonNull(asset, "asset");
    if (!asset.isToken()) {
      throw new IllegalArgumentException("a token needs an address, got " + asset);
    }
    Objects.requireNonNull(symbol, "symbol");
    symbol = symbol.trim();
    if (symbol.isEmpty() || symbol.length() > 64) {
      throw new IllegalArgumentException("symbol must be 1 to 64 characters, got '" + symbol + "'");
    }
    for (int i = 0; i < symbol.length(); i++) {
      if (Character.isISOControl(symbol.charAt(i))) {
        throw new IllegalArgumentException("symbol must not hold control characters");
      }
    }
    if (decimals < 0 || decimals > MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "decimals must be 0 to " + MAX_DECIMALS + ", got " + decimals);
    }
  }

  /** A token from its address in any case. */
  public static Token of(String chain, String address, String symbol, int decimals) {
    return new Token(chain, new Asset(Addresses.normalise(address)), symbol, decimals);
  }

  /** The address, lower-case. */
  public String address() {
    return asset.code();
  }

  /** The EIP-55 checksummed address. */
  public String checksumAddress() {
    return Addresses.checksum(asset.code());
  }

  /** An amount in smallest units as a token amount ({@code 1500000} USDC → {@code 1.5}). */
  public BigDecimal human(BigInteger units) {
    return Decimals.normalise(new BigDecimal(units, decimals));
  }

  /** A token amount in smallest units, rounded DOWN (never more than the amount). */
  public BigInteger units(BigDecimal human) {
    return human.movePointRight(decimals).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
  }

  /** Whether {@code other} has the same symbol, ignoring case. */
  public boolean sameSymbol(Token other) {
    return symbol.toLowerCase(Locale.ROOT).equals(other.symbol.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return symbol;
  }
}
