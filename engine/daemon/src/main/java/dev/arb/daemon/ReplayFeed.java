package dev.arb.daemon;

import dev.arb.engine.model.MarketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replays recorded snapshots in order, each read when it is due (so a malformed file is reported
 * when its turn comes and the replay goes on). Pacing: with {@code speed > 0} the wait between two
 * snapshots that carry times is their recorded distance divided by {@code speed} (at most {@code
 * maxWait}); otherwise, and before the first snapshot of a loop, it is {@code interval}. With
 * {@code loop} the replay starts over at the end; without it the feed ends.
 */
public final class ReplayFeed implements SnapshotFeed {

  /** One input: a name for messages, and how to read it. */
  public record Source(String name, Supplier<MarketSnapshot> reader) {}

  private final List<Source> sources;
  private final double speed;
  private final Duration interval;
  private final Duration maxWait;
  private final boolean loop;
  private int index;
  private boolean first = true;
  private Instant previousAsOf;
  // snapshots read ahead by after(), by source index, handed out by next() without a second read
  private final Map<Integer, MarketSnapshot> ahead = new HashMap<>();

  /**
   * @param sources the inputs, in replay order (at least one)
   * @param speed replay speed, {@code 0} for the fixed {@code interval} between snapshots
   * @param interval wait between snapshots without recorded times (positive)
   * @param maxWait the longest recorded gap that is waited out
   * @param loop start over at the end
   */
  public ReplayFeed(
      List<Source> sources, double speed, Duration interval, Duration maxWait, boolean loop) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one input");
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("replay speed must be 0 or more, got " + speed);
    }
    this.sources = List.copyOf(sources);
    this.speed = speed;
    this.interval = interval;
    this.maxWait = maxWait;
    this.loop = loop;
  }

  @Override
  public String describe() {
    String pace =
        speed > 0
            ? String.format(Locale.ROOT, "at %sx recorded pace", trim(speed))
            : "every " + interval.toMillis() + " ms";
    String what = sources.size() == 1 ? sources.get(0).name() : sources.size() + " inputs";
    return "replay of " + what + " " + pace + (loop ? ", looping" : "");
  }

  /**
   * The books as they are {@code latency} after {@code seen}, the snapshot {@link #next()} returned
   * last, for paper fills: the latest of the following snapshots recorded no later than {@code
   * seen}'s newest observation plus {@code latency}; for snapshots without times, the next one.
   * Empty when the books are still {@code seen}'s (no later snapshot that early, the end of the
   * replay, or the next input cannot be read). Snapshots read here are not read again by {@link
   * #next()}.
   */
  public synchronized Optional<MarketSnapshot> after(MarketSnapshot seen, Duration latency) {
    Optional<Instant> seenAt = seen.newestObservation();
    Optional<MarketSnapshot> found = Optional.empty();
    for (int i = index; i < sources.size(); i++) {
      MarketSnapshot s = ahead.get(i);
      if (s == null) {
        try {
          s = sources.get(i).reader().get();
        } catch (RuntimeException e) {
          return found; // next() reports it when it gets there
        }
        ahead.put(i, s);
      }
      Optional<Instant> at = s.newestObservation();
      if (seenAt.isEmpty() || at.isEmpty()) {
        return found.isPresent() ? found : Optional.of(s);
      }
      if (at.get().isAfter(seenAt.get().plus(latency))) {
        return found;
      }
      found = Optional.of(s);
    }
    return found;
  }

  @Override
  public synchronized Optional<Update> next() {
    if (index >= sources.size()) {
      if (!loop) {
        return Optional.empty();
      }
      index = 0;
      previousAsOf = null;
      ahead.clear();
    }
    MarketSnapshot cached = ahead.remove(index);
    Source s = sources.get(index++);
    boolean isFirst = first;
    first = false;
    MarketSnapshot snapshot;
    try {
      snapshot = cached != null ? cached : s.reader().get();
    } catch (RuntimeException e) {
      // a bad input must never end the daemon: report it and go on
      previousAsOf = null;
      return Optional.of(
          new Unreadable(
              s.name(), String.valueOf(e.getMessage()), isFirst ? Duration.ZERO : interval));
    }
    Optional<Instant> asOf = snapshot.newestObservation();
    Duration delay = isFirst ? Duration.ZERO : interval;
    if (!isFirst && speed > 0 && asOf.isPresent() && previousAsOf != null) {
      Duration gap = Duration.between(previousAsOf, asOf.get());
      if (!gap.isNegative()) {
        long nanos = (long) (Math.min(gap.toNanos(), maxWait.toNanos()) / speed);
        delay = Duration.ofNanos(nanos);
      }
    }
    previousAsOf = asOf.orElse(null);
    return Optional.of(new Snapshot(snapshot, s.name(), delay));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
