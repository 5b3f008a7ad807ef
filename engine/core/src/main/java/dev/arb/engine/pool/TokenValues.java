package dev.arb.engine.pool;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Pool;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A token's value in another token, from the snapshot's own pools: its marginal price (before the
 * fee) in the pool joining the two that holds the most of the reference token, the deepest and so
 * hardest to move. The reference token is worth 1; a token with no pool joining it to the reference
 * has no value here. Used to value gas and by the liquidity filter.
 */
public final class TokenValues {
  private TokenValues() {}

  /** The value of one {@code token} in {@code in} on the chain, if a pool joins them. */
  public static OptionalDouble value(ChainSnapshot chain, Asset token, Asset in) {
    Objects.requireNonNull(chain, "chain");
    if (token.equals(in)) {
      return OptionalDouble.of(1.0);
    }
    double depth = -1;
    double price = 0;
    for (Pool p : chain.pools()) {
      if (p.base().equals(token) && p.quote().equals(in) && p.amount1() > depth) {
        depth = p.amount1();
        price = p.price();
      } else if (p.quote().equals(token) && p.base().equals(in) && p.amount0() > depth) {
        depth = p.amount0();
        price = 1.0 / p.price();
      }
    }
    return depth < 0 ? OptionalDouble.empty() : OptionalDouble.of(price);
  }

  /**
   * The value in {@code in} of every token that has a pool with it (and {@code in} itself, 1), in
   * one pass over the pools.
   */
  public static Map<Asset, Double> valuesIn(ChainSnapshot chain, Asset in) {
    Map<Asset, Double> depth = new HashMap<>();
    Map<Asset, Double> value = new HashMap<>();
    for (Pool p : chain.pools()) {
      Asset other;
      double held;
      double price;
      if (p.quote().equals(in)) {
        other = p.base();
        held = p.amount1();
        price = p.price();
      } else if (p.base().equals(in)) {
        other = p.quote();
        held = p.amount0();
        price = 1.0 / p.price();
      } else {
        continue;
      }
      Double d = depth.get(other);
      if (d == null || held > d) {
        depth.put(other, held);
        value.put(other, price);
      }
    }
    value.put(in, 1.0);
    return value;
  }
}
