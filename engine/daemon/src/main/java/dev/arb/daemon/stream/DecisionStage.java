package dev.arb.daemon.stream;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of the streaming runner ({@code arb run}'s, and {@code arb bench stream}'s): one
 * thread that sizes, judges and hands over the cycles the runner found, so that sizing a burst of
 * cycles (a few hundred microseconds) never holds up the detection of the events behind it. The
 * runner stays the only writer of the market state; what it hands over is immutable (the cycles
 * with the books and pools they were found on).
 *
 * <p>Bounded: when {@value #CAPACITY} decisions wait, {@link #offer} refuses and the runner decides
 * the event itself (slower for the events behind it, nothing lost). {@link #close} lets every
 * decision handed over finish before the store closes.
 */
public final class DecisionStage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionStage.class);

  /** Decisions that may wait for the stage. */
  public static final int CAPACITY = 1024;

  private final ThreadPoolExecutor executor;
  private volatile boolean idle;

  /** A stage whose thread is called {@code name}, at normal priority. */
  public DecisionStage(String name) {
    this(name, false);
  }

  /**
   * A stage whose thread is called {@code name}; {@code background}: the thread puts itself in the
   * idle scheduling class first ({@link BackgroundPriority}), for a runner that spins on a core of
   * its own and must not lose it to the stage.
   */
  public DecisionStage(String name, boolean background) {
    CountDownLatch ready = new CountDownLatch(1);
    executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY),
            r -> {
              Runnable work =
                  !background
                      ? r
                      : () -> {
                        idle = BackgroundPriority.lowerCurrentThread();
                        ready.countDown();
                        r.run();
                      };
              Thread t = new Thread(work, name);
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    // the thread starts now (and, in the background, lowers its priority before any decision)
    executor.prestartCoreThread();
    if (background) {
      try {
        ready.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether the stage's thread runs in the idle scheduling class (it started as a background stage
   * and the class could be set).
   */
  public boolean idle() {
    return idle;
  }

  /** Hands {@code decision} to the stage; false (not run) when the stage is full or closed. */
  public boolean offer(Runnable decision) {
    try {
      executor.execute(decision);
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /**
   * Stops taking decisions and waits up to {@code bound} for those handed over.
   *
   * @return whether every one finished
   */
  public boolean close(Duration bound) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn(
        "{} streamed decisions did not finish within {}",
        executor.getQueue().size() + executor.getActiveCount(),
        dev.arb.engine.text.Durations.format(bound));
    return false;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
