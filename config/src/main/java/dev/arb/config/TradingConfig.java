package dev.arb.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How cycles are traded ({@code arb.trading}).
 *
 * @param legs how a cycle's legs are sent
 */
public record TradingConfig(Legs legs) {

  /** {@code arb.trading.legs}. */
  public enum Legs {
    /** One after the other, each spending what the previous one received. */
    SEQUENTIAL,
    /** All at once when every leg's input is already held on its exchange; else sequential. */
    CONCURRENT;

    /** The config form, e.g. {@code sequential}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public TradingConfig {
    Objects.requireNonNull(legs, "legs");
  }

  /** The defaults of {@code reference.conf}: sequential legs. */
  public static TradingConfig defaults() {
    return new TradingConfig(Legs.SEQUENTIAL);
  }
}
