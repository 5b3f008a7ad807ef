package dev.arb.daemon;

import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.text.Durations;
import dev.arb.error.ArbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arb.run.retention}: deletes the records older than the retention on a thread of its own,
 * once when the store is open and then every {@code every}, in batches (as {@code arb history
 * prune} does), so a looping daemon's database does not grow without end. A failure is reported and
 * the next run tries again.
 */
final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** Records deleted per transaction: the writer waits at most one batch. */
  static final int BATCH = 1000;

  private final ScheduledExecutorService timer;
  private volatile long deleted;

  /**
   * @param keep records detected longer ago than this are deleted
   * @param every time between runs after the first
   * @param onError told of a failure: kind {@code storage} and the message
   */
  Retention(
      Duration keep,
      Duration every,
      OpportunityRepository records,
      Clock clock,
      BiConsumer<String, String> onError) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "arb-retention");
              t.setDaemon(true);
              return t;
            });
    String age = Durations.format(keep);
    Runnable prune =
        () -> {
          Instant before = clock.instant().minus(keep);
          try {
            long n = records.prune(before, Set.of(), BATCH);
            deleted += n;
            if (n > 0) {
              LOG.info("retention {}: deleted {} records detected before {}", age, n, before);
            }
          } catch (ArbException e) {
            onError.accept("storage", "retention " + age + ": " + e.getMessage());
          }
        };
    timer.scheduleWithFixedDelay(prune, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records deleted since start. */
  long deleted() {
    return deleted;
  }

  /** Stops the runs; waits for one in progress (a batch at most), so the store can be closed. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("retention: a prune did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
