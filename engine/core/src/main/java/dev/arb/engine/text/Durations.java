package dev.arb.engine.text;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Durations as people write them ({@code 2h 40m}), never ISO-8601 ({@code PT2H40M}). */
public final class Durations {
  private Durations() {}

  /**
   * {@code d} as people write it: its non-zero parts from days down to nanoseconds, largest first
   * ({@code 2h 40m}, {@code 1d 6h}, {@code 5s 250ms}, {@code 0s}); negative durations start with
   * {@code -}.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    StringBuilder b = new StringBuilder();
    part(b, d.toDays(), "d");
    part(b, d.toHoursPart(), "h");
    part(b, d.toMinutesPart(), "m");
    part(b, d.toSecondsPart(), "s");
    part(b, d.toMillisPart(), "ms");
    part(b, d.toNanosPart() % 1_000_000, "ns");
    return b.toString();
  }

  /**
   * {@code d} for a message, to the precision a person needs: whole minutes from an hour up ({@code
   * 85d 19m}), whole seconds from a minute up ({@code 2m 5s}), milliseconds from a second up
   * ({@code 2s 310ms}), exact below; written as {@link #format} writes it.
   */
  public static String rounded(Duration d) {
    if (d.isNegative()) {
      return "-" + rounded(d.negated());
    }
    ChronoUnit unit;
    if (d.compareTo(Duration.ofHours(1)) >= 0) {
      unit = ChronoUnit.MINUTES;
    } else if (d.compareTo(Duration.ofMinutes(1)) >= 0) {
      unit = ChronoUnit.SECONDS;
    } else if (d.compareTo(Duration.ofSeconds(1)) >= 0) {
      unit = ChronoUnit.MILLIS;
    } else {
      unit = ChronoUnit.NANOS;
    }
    return format(d.truncatedTo(unit));
  }

  private static void part(StringBuilder b, long n, String unit) {
    if (n != 0) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(n).append(unit);
    }
  }
}
