package dev.arb.engine.sizing;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Leg;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How one leg of a plan fills against its book, or swaps through its pool, exactly. For a pool leg
 * the amounts are the integer swap's in token units and {@code swap} holds it in smallest units;
 * base is token0 and prices are token1 per token0.
 *
 * @param leg the leg
 * @param spent amount of {@code leg.from()} spent (quote for BUY, base for SELL), &gt; 0
 * @param received amount of {@code leg.to()} received after the fee, &gt; 0
 * @param baseAmount the order's base amount, a multiple of the market's lot size
 * @param averagePrice volume-weighted price of the fill (quote per base): before the fee for a
 *     book, after it for a pool (what the swap pays)
 * @param worstPrice price of the last level touched (the limit price to send); for a pool, its
 *     marginal price after the swap, before the fee
 * @param fee fee paid, in {@code leg.to()} (the fee is taken from the amount received); for a pool,
 *     what the same swap without its fee would pay more
 * @param levelsUsed number of book levels the fill touches (pieces of a pool's curve), &ge; 1
 * @param swap a pool leg's integer swap, empty for a book leg
 */
public record LegFill(
    Leg leg,
    BigDecimal spent,
    BigDecimal received,
    BigDecimal baseAmount,
    BigDecimal averagePrice,
    BigDecimal worstPrice,
    BigDecimal fee,
    int levelsUsed,
    Optional<PoolSwap> swap) {
  /** A book leg's fill. */
  public LegFill(
      Leg leg,
      BigDecimal spent,
      BigDecimal received,
      BigDecimal baseAmount,
      BigDecimal averagePrice,
      BigDecimal worstPrice,
      BigDecimal fee,
      int levelsUsed) {
    this(
        leg,
        spent,
        received,
        baseAmount,
        averagePrice,
        worstPrice,
        fee,
        levelsUsed,
        Optional.empty());
  }

  public LegFill {
    Objects.requireNonNull(leg, "leg");
    spent = positive(spent, "spent");
    received = positive(received, "received");
    baseAmount = positive(baseAmount, "baseAmount");
    averagePrice = positive(averagePrice, "averagePrice");
    worstPrice = positive(worstPrice, "worstPrice");
    fee = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    if (fee.signum() < 0) {
      throw new IllegalArgumentException("fee must not be negative, got " + fee);
    }
    if (levelsUsed < 1) {
      throw new IllegalArgumentException("levelsUsed must be >= 1, got " + levelsUsed);
    }
    Objects.requireNonNull(swap, "swap");
    if (swap.isPresent() != leg.isPool()) {
      throw new IllegalArgumentException("a pool leg needs its swap, a book leg none");
    }
  }

  private static BigDecimal positive(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
    return Decimals.normalise(v);
  }
}
