package dev.arb.engine.sizing;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Token;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The gas of a cycle's swaps, valued in its start asset through the snapshot's own prices.
 *
 * @param units gas units in all
 * @param value what the gas costs in the start asset (rounded up: never flattering)
 * @param asset the start asset
 * @param chains one part per chain the cycle swaps on (one transaction each)
 */
public record GasCost(long units, BigDecimal value, Asset asset, List<Part> chains) {
  public GasCost {
    if (units < 0) {
      throw new IllegalArgumentException("gas units must not be negative");
    }
    value = Decimals.normalise(Objects.requireNonNull(value, "value"));
    Objects.requireNonNull(asset, "asset");
    chains = List.copyOf(chains);
  }

  /**
   * One chain's transaction.
   *
   * @param chain the chain
   * @param units gas units: the swaps plus the per-transaction overhead
   * @param gasPriceGwei the gas price used
   * @param nativeToken the wrapped native token the gas is priced in
   * @param nativeAmount {@code units · gasPrice}, in native token units (exact)
   * @param price one native token in the start asset: its marginal price in the pool joining it to
   *     the start token (or the token the start asset is joined to) that holds the most of the
   *     latter
   * @param value {@code nativeAmount · price}, rounded up
   */
  public record Part(
      String chain,
      long units,
      BigDecimal gasPriceGwei,
      Token nativeToken,
      BigDecimal nativeAmount,
      BigDecimal price,
      BigDecimal value) {
    public Part {
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(gasPriceGwei, "gasPriceGwei");
      Objects.requireNonNull(nativeToken, "nativeToken");
      nativeAmount = Decimals.normalise(Objects.requireNonNull(nativeAmount, "nativeAmount"));
      price = Decimals.normalise(Objects.requireNonNull(price, "price"));
      value = Decimals.normalise(Objects.requireNonNull(value, "value"));
    }
  }
}
