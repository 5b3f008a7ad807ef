package dev.arb.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How cycles are traded ({@code arb.trading}).
 *
 * @param mode {@code paper} (default: fills simulated on the scanned books) or {@code live} (orders
 *     sent to the exchanges, which needs each exchange's API key and secret); {@code arb run
 *     --dry-run} always trades on paper
 * @param legs how a cycle's legs are sent
 * @param orderTimeout how long a live order may stay open before arb cancels it
 * @param pollInterval wait between two queries of an open live order
 */
public record TradingConfig(Mode mode, Legs legs, Duration orderTimeout, Duration pollInterval) {

  /** Paper or live. */
  public enum Mode {
    PAPER,
    LIVE;

    /** The config form, e.g. {@code paper}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

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

  /** Default of {@code order-timeout}. */
  public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@code poll-interval}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

  public TradingConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(legs, "legs");
    Objects.requireNonNull(orderTimeout, "orderTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** The defaults of {@code reference.conf}: paper, sequential legs, default timeouts. */
  public static TradingConfig defaults() {
    return new TradingConfig(
        Mode.PAPER, Legs.SEQUENTIAL, DEFAULT_ORDER_TIMEOUT, DEFAULT_POLL_INTERVAL);
  }

  /** These settings with {@code legs} instead. */
  public TradingConfig withLegs(Legs l) {
    return new TradingConfig(mode, l, orderTimeout, pollInterval);
  }

  /** These settings with {@code mode} instead. */
  public TradingConfig withMode(Mode m) {
    return new TradingConfig(m, legs, orderTimeout, pollInterval);
  }
}
