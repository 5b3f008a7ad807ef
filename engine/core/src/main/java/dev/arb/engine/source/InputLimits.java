package dev.arb.engine.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * How much input arb reads, and which observation times it believes. Every bound is checked while
 * reading, before the memory is spent, so no input (a 10 GB file, {@code /dev/zero}, a rate table
 * announcing 2³¹ rows) can exhaust the Java heap: input beyond a limit is refused with exit code 2,
 * naming the limit and what to do. The defaults follow the Java heap, so that what is accepted fits
 * ({@link #defaults()}); give arb more heap ({@code ARB_JAVA_OPTS=-Xmx1g}) to read more.
 *
 * @param maxBytes most bytes of one input: a file, or all {@code *.json} files of a folder
 * @param maxJsonTokens most JSON tokens (values, brackets, keys) of one file
 * @param maxMarkets most markets of one input: rows, book files, snapshot markets, rate cells
 * @param maxLevels most book levels of one input, both sides of every book
 * @param futureSkew how far after now an observation may be stamped (clocks differ), &ge; 0
 * @param clock what "now" is
 */
public record InputLimits(
    long maxBytes,
    long maxJsonTokens,
    int maxMarkets,
    long maxLevels,
    Duration futureSkew,
    Clock clock) {

  /** The largest input limit: 256 MiB per file or folder, whatever the heap. */
  public static final long MAX_BYTES = 256L << 20;

  /** The default skew: an observation may be stamped up to one day after now. */
  public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofDays(1);

  /**
   * No observation is older than the first Bitcoin block (2009-01-03T18:15:05Z); arb takes the day
   * it was mined, 2009-01-03T00:00:00Z, as the earliest plausible time.
   */
  public static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

  /** JSON nested deeper than this is refused (arb's formats need 6 levels). */
  public static final int MAX_JSON_DEPTH = 64;

  public InputLimits {
    if (maxBytes < 1 || maxJsonTokens < 1 || maxMarkets < 1 || maxLevels < 1) {
      throw new IllegalArgumentException("input limits must be positive");
    }
    Objects.requireNonNull(futureSkew, "futureSkew");
    if (futureSkew.isNegative()) {
      throw new IllegalArgumentException("futureSkew must not be negative, got " + futureSkew);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * The limits for this JVM's heap {@code H}: {@code min(256 MiB, H/16)} bytes per input (16 MiB
   * with the launcher's 256 MiB heap), {@code H/256} JSON tokens per file, {@code H/1 KiB} markets
   * and {@code H/512} book levels per input; a one-day skew; the system clock.
   */
  public static InputLimits defaults() {
    return forHeap(Runtime.getRuntime().maxMemory(), Clock.systemUTC());
  }

  /** The default limits for a heap of {@code heapBytes} (see {@link #defaults()}). */
  public static InputLimits forHeap(long heapBytes, Clock clock) {
    long heap = Math.max(heapBytes, 16L << 20);
    return new InputLimits(
        Math.min(MAX_BYTES, heap / 16),
        heap / 256,
        (int) Math.min(Integer.MAX_VALUE, heap / 1024),
        heap / 512,
        DEFAULT_FUTURE_SKEW,
        clock);
  }

  /** These limits with another clock (tests, replays judged at a fixed time). */
  public InputLimits withClock(Clock other) {
    return new InputLimits(maxBytes, maxJsonTokens, maxMarkets, maxLevels, futureSkew, other);
  }

  /** These limits with another byte limit (the other counts unchanged). */
  public InputLimits withMaxBytes(long bytes) {
    return new InputLimits(bytes, maxJsonTokens, maxMarkets, maxLevels, futureSkew, clock);
  }

  /** These limits with other count limits. */
  public InputLimits withCounts(long jsonTokens, int markets, long levels) {
    return new InputLimits(maxBytes, jsonTokens, markets, levels, futureSkew, clock);
  }

  /**
   * Why {@code at} is not a plausible observation time, or null if it is: before {@link #EARLIEST}
   * or more than {@link #futureSkew()} after now.
   */
  public String implausibleTime(Instant at) {
    if (at.isBefore(EARLIEST)) {
      return "observed at "
          + at
          + ", before 2009-01-03 (the first Bitcoin block): not a real observation time";
    }
    Instant now = clock.instant();
    if (at.isAfter(now.plus(futureSkew))) {
      return "observed at "
          + at
          + ", in the future (more than "
          + duration(futureSkew)
          + " after now, "
          + now
          + "); check the clock of whatever wrote it";
    }
    return null;
  }

  /**
   * Why a file of {@code bytes} bytes is too large, or null: {@code what} names it ({@code the
   * file}, {@code its *.json files}).
   */
  String tooLarge(long bytes, String what) {
    if (bytes <= maxBytes) {
      return null;
    }
    return what
        + " "
        + (what.endsWith("files") ? "hold " : "is ")
        + size(bytes)
        + ", larger than the input limit of "
        + size(maxBytes)
        + "; "
        + moreMemory();
  }

  /** What to do when an input exceeds a limit that follows the heap. */
  static String moreMemory() {
    return "split the input, or give arb more memory (e.g. ARB_JAVA_OPTS=-Xmx1g; the limits"
        + " grow with the Java heap up to 256 MB per input)";
  }

  /** {@code 16 MB}, {@code 1.5 KB}, {@code 12 bytes}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.floor(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }

  /** {@code 1 day}, {@code 2h}, {@code 30s}. */
  static String duration(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
