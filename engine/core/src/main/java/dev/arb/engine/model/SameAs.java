package dev.arb.engine.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A same-as join: a chain token and an exchange asset held as one ({@code WETH} on {@code ethereum}
 * and {@code ETH} on every exchange), like {@code --transfers} joins one asset on two exchanges:
 * inventory on both sides, no transfer cost, one unit for one unit. Without a join the two are
 * different nodes.
 *
 * @param chain lower-case chain name
 * @param token the token's address as an asset
 * @param asset the exchange asset it is joined to, on every exchange that lists it
 */
public record SameAs(String chain, Asset token, Asset asset) {
  public SameAs {
    Objects.requireNonNull(chain, "chain");
    chain = chain.trim().toLowerCase(Locale.ROOT);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be blank");
    }
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(asset, "asset");
    if (!token.isToken()) {
      throw new IllegalArgumentException("same-as needs a token address, got " + token);
    }
    if (asset.isToken()) {
      throw new IllegalArgumentException(
          "same-as joins a token to an exchange asset, got " + asset);
    }
  }
}
