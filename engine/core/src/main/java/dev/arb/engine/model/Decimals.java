package dev.arb.engine.model;

import java.math.BigDecimal;

/** Helpers for exact decimals: the scale normalisation every model record applies. */
public final class Decimals {
  private Decimals() {}

  /**
   * The value with trailing zeros stripped and a scale of at least 0, so that {@code 1.0}, {@code
   * 1.00} and {@code 1} are equal under {@link BigDecimal#equals}.
   */
  public static BigDecimal normalise(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
