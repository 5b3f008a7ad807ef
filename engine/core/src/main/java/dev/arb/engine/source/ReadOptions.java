package dev.arb.engine.source;

import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file does not say and the caller must: the exchange name for formats that carry none
 * (top-of-book CSV, rate tables) and the taker fee for formats without fees (all but arb's own
 * snapshot, which carries its fees).
 *
 * @param exchangeName exchange to file the markets under; empty: derived from the file name (CSV)
 *     or {@code rates} (rate tables). L2 book files name their exchange themselves.
 * @param takerFee taker fee fraction applied to every market of a format that carries no fees (all
 *     but arb's own snapshot), 0 &le; fee &lt; 1. The CLI decides it; recorded data whose source
 *     states zero fees (MO-book, rate tables) is read with 0.
 * @param limits how much input is read and which observation times are believed
 */
public record ReadOptions(Optional<String> exchangeName, BigDecimal takerFee, InputLimits limits) {
  public ReadOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(exchangeName, "exchangeName");
    exchangeName =
        exchangeName.map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty());
    takerFee = Decimals.normalise(Objects.requireNonNull(takerFee, "takerFee"));
    if (takerFee.signum() < 0 || takerFee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("taker fee must be in [0, 1), got " + takerFee);
    }
  }

  /** These options with the default {@link InputLimits} for this JVM. */
  public ReadOptions(Optional<String> exchangeName, BigDecimal takerFee) {
    this(exchangeName, takerFee, InputLimits.defaults());
  }

  /** No exchange name given, the given taker fee. */
  public static ReadOptions withFee(BigDecimal takerFee) {
    return new ReadOptions(Optional.empty(), takerFee);
  }

  /** No exchange name given, no fee. */
  public static ReadOptions defaults() {
    return withFee(BigDecimal.ZERO);
  }

  /** The same options filed under this exchange name. */
  public ReadOptions withExchangeName(String name) {
    return new ReadOptions(Optional.of(name), takerFee, limits);
  }

  /** The same options read within these limits. */
  public ReadOptions withLimits(InputLimits other) {
    return new ReadOptions(exchangeName, takerFee, other);
  }

  /** The same options judging observation times by this clock. */
  public ReadOptions withClock(Clock clock) {
    return withLimits(limits.withClock(clock));
  }
}
