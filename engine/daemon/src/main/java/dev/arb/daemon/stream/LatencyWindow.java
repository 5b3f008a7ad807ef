package dev.arb.daemon.stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Tick-to-decision latencies of the last minute, for {@code /status}: one writer (the runner)
 * records each event's latency into an HdrHistogram recorder (allocation-free); every {@value
 * #SLOT_SECONDS} s the recorded interval is moved into a ring of {@value #SLOTS} slots, and a read
 * adds up the slots of the last minute. Values from 1 µs to 60 s at two significant digits (1 %);
 * below 1 µs counts as 1 µs.
 */
public final class LatencyWindow {
  static final int SLOTS = 12;
  static final int SLOT_SECONDS = 5;
  private static final long SLOT_NANOS = SLOT_SECONDS * 1_000_000_000L;
  private static final long LOWEST = 1_000;
  private static final long HIGHEST = 60_000_000_000L;

  private final SingleWriterRecorder recorder = new SingleWriterRecorder(LOWEST, HIGHEST, 2);
  private final Histogram[] slots = new Histogram[SLOTS];
  private final long[] slotStart = new long[SLOTS];
  private Histogram interval;
  private final Histogram sum = new Histogram(LOWEST, HIGHEST, 2);
  private long nextRoll;
  private long total;

  /** An empty window; {@code nowNanos} from {@link System#nanoTime()}. */
  public LatencyWindow(long nowNanos) {
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Histogram(LOWEST, HIGHEST, 2);
      slotStart[i] = Long.MIN_VALUE;
    }
    interval = recorder.getIntervalHistogram();
    nextRoll = nowNanos + SLOT_NANOS;
  }

  /**
   * Records one latency (the writer thread only); rolls the window when a slot's time is up.
   * Allocates nothing.
   */
  public void record(long nanos, long nowNanos) {
    recorder.recordValue(Math.min(HIGHEST, Math.max(LOWEST, nanos)));
    if (nowNanos - nextRoll >= 0) {
      roll(nowNanos);
    }
  }

  /** Moves what was recorded since the last roll into the current slot. */
  private synchronized void roll(long nowNanos) {
    interval = recorder.getIntervalHistogram(interval);
    total += interval.getTotalCount();
    long start = nowNanos - Math.floorMod(nowNanos, SLOT_NANOS);
    int i = (int) Math.floorMod(Math.floorDiv(nowNanos, SLOT_NANOS), (long) SLOTS);
    if (slotStart[i] != start) {
      slots[i].reset();
      slotStart[i] = start;
    }
    slots[i].add(interval);
    nextRoll = start + SLOT_NANOS;
  }

  /**
   * Latencies of the last minute (the current slot and the eleven before it), in nanoseconds;
   * {@code total}: every latency recorded since start.
   */
  public record Stats(long count, long p50, long p99, long p999, long max, long total) {}

  /** The last minute's latencies as of {@code nowNanos}. */
  public synchronized Stats lastMinute(long nowNanos) {
    roll(nowNanos);
    sum.reset();
    long oldest = nowNanos - SLOTS * SLOT_NANOS;
    for (int i = 0; i < SLOTS; i++) {
      if (slotStart[i] != Long.MIN_VALUE && slotStart[i] > oldest) {
        sum.add(slots[i]);
      }
    }
    long n = sum.getTotalCount();
    if (n == 0) {
      return new Stats(0, 0, 0, 0, 0, total);
    }
    return new Stats(
        n,
        sum.getValueAtPercentile(50),
        sum.getValueAtPercentile(99),
        sum.getValueAtPercentile(99.9),
        sum.getMaxValue(),
        total);
  }
}
