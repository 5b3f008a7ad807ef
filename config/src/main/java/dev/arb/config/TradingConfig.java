package dev.arb.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How trades are executed ({@code arb.trading}).
 *
 * @param mode {@code paper} (default: fills simulated on the scanned books) or {@code live} (orders
 *     sent to the exchanges, which needs each exchange's API key and secret); {@code arb run
 *     --dry-run} always trades on paper
 * @param orderTimeout how long a live order may stay open before arb cancels it
 * @param pollInterval wait between two queries of an open live order
 */
public record TradingConfig(Mode mode, Duration orderTimeout, Duration pollInterval) {

  /** Paper or live. */
  public enum Mode {
    PAPER,
    LIVE;

    /** The config form, e.g. {@code paper}. */
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
    Objects.requireNonNull(orderTimeout, "orderTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** Paper trading, default timeouts. */
  public static TradingConfig defaults() {
    return new TradingConfig(Mode.PAPER, DEFAULT_ORDER_TIMEOUT, DEFAULT_POLL_INTERVAL);
  }
}
