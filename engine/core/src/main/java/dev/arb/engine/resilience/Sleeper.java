package dev.arb.engine.resilience;

/** Waits; tests pass one that records the waits (and advances a fake clock) instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep}. */
  Sleeper SYSTEM =
      nanos -> {
        if (nanos > 0) {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };

  /** Waits {@code nanos} nanoseconds. */
  void sleepNanos(long nanos) throws InterruptedException;
}
