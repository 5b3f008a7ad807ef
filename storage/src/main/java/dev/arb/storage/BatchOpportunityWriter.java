package dev.arb.storage;

import dev.arb.config.StorageConfig;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous {@link OpportunityRecorder}: producers put records on a bounded queue, one writer
 * thread stores them through a repository in batches of up to {@code batchSize}, at the latest
 * {@code flushInterval} after the first record of a batch arrived, on {@link #flush()} and on
 * {@link #close()}.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>When the queue is full, {@link #record} waits (back-pressure); it never drops a record.
 *   <li>Records are written in the order they were accepted, each batch in one transaction, so
 *       after a crash the store holds a prefix of what was accepted.
 *   <li>A failed write is logged and retried with back-off, keeping the batch; {@link #flush()}
 *       throws a {@link StorageException} when a write fails while it waits (the records stay
 *       queued). {@link #close()} retries a few more times and, if the store still fails, throws a
 *       {@link StorageException} saying how many records could not be written: loud, never silent.
 * </ul>
 */
public final class BatchOpportunityWriter implements OpportunityRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(BatchOpportunityWriter.class);

  /** Writer wake-up period while waiting, so flush requests and close are seen promptly. */
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private static final long FIRST_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 2_000;

  /** Further attempts after close() before pending records are given up, loudly. */
  private static final int ATTEMPTS_AFTER_CLOSE = 3;

  private final OpportunityRepository repository;
  private final String target;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final BlockingQueue<OpportunityRecord> queue;
  private final Thread writer;

  /** Held while a producer puts, so the accepted count matches the queue order. */
  private final ReentrantLock acceptLock = new ReentrantLock();

  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean stopping;

  private final Object progress = new Object();
  // guarded by progress
  private long accepted;
  private long written;
  private long flushTarget;
  private long failures;
  private StorageException lastFailure;
  private long lost;

  private BatchOpportunityWriter(
      OpportunityRepository repository,
      String target,
      int batchSize,
      Duration flushInterval,
      int queueCapacity) {
    if (batchSize < 1
        || queueCapacity < 1
        || flushInterval.isNegative()
        || flushInterval.isZero()) {
      throw new IllegalArgumentException(
          "batch writer needs batchSize >= 1, queueCapacity >= 1 and a positive flushInterval, got "
              + batchSize
              + ", "
              + queueCapacity
              + ", "
              + flushInterval);
    }
    this.repository = repository;
    this.target = target;
    this.batchSize = batchSize;
    this.flushIntervalNanos = flushInterval.toNanos();
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::runWriter, "arb-record-writer");
    this.writer.setDaemon(true);
  }

  /**
   * Starts a writer.
   *
   * @param repository where batches go ({@link OpportunityRepository#saveAll})
   * @param target what the repository writes to, for messages (e.g. the database file)
   * @param config batch size, flush interval and queue capacity
   */
  public static BatchOpportunityWriter start(
      OpportunityRepository repository, String target, StorageConfig config) {
    BatchOpportunityWriter w =
        new BatchOpportunityWriter(
            repository, target, config.batchSize(), config.flushInterval(), config.queueCapacity());
    w.writer.start();
    return w;
  }

  @Override
  public void record(OpportunityRecord record) {
    java.util.Objects.requireNonNull(record, "record");
    acceptLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the record writer for " + target + " is closed");
      }
      try {
        queue.put(record);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(
            "interrupted while waiting for room in the record queue of "
                + target
                + "; the record was not accepted",
            e);
      }
      synchronized (progress) {
        accepted++;
      }
    } finally {
      acceptLock.unlock();
    }
  }

  /**
   * Blocks until every record accepted before this call is written.
   *
   * @throws StorageException if a write fails meanwhile (the records stay queued and are retried)
   */
  @Override
  public void flush() {
    synchronized (progress) {
      long goal = accepted;
      long failuresBefore = failures;
      flushTarget = Math.max(flushTarget, goal);
      boolean interrupted = false;
      try {
        while (written < goal) {
          if (failures > failuresBefore && lastFailure != null) {
            throw new StorageException(
                "flush of "
                    + target
                    + " failed; "
                    + (goal - written)
                    + " records are kept and retried: "
                    + lastFailure.getMessage(),
                lastFailure);
          }
          if (!writer.isAlive()) {
            throw new StorageException(
                "the record writer for "
                    + target
                    + " has stopped; "
                    + (goal - written)
                    + " records were not written");
          }
          try {
            progress.wait(100);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Stops accepting, writes everything accepted and stops the writer thread. Idempotent.
   *
   * @throws StorageException if some accepted records could not be written (says how many)
   */
  @Override
  public void close() {
    if (!closeStarted.compareAndSet(false, true)) {
      joinWriter();
      return;
    }
    closed = true;
    acceptLock.lock(); // waits for a producer that is still putting
    try {
      stopping = true;
    } finally {
      acceptLock.unlock();
    }
    joinWriter();
    synchronized (progress) {
      if (lost > 0) {
        throw new StorageException(
            lost
                + " records could not be written to "
                + target
                + " and are lost: "
                + (lastFailure == null ? "unknown error" : lastFailure.getMessage()),
            lastFailure);
      }
    }
  }

  @Override
  public long acceptedCount() {
    synchronized (progress) {
      return accepted;
    }
  }

  @Override
  public long writtenCount() {
    synchronized (progress) {
      return written;
    }
  }

  private void joinWriter() {
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void runWriter() {
    List<OpportunityRecord> batch = new ArrayList<>(batchSize);
    long deadline = 0;
    while (true) {
      try {
        if (batch.isEmpty()) {
          OpportunityRecord first = queue.poll(SLICE_NANOS, TimeUnit.NANOSECONDS);
          if (first == null) {
            if (stopping && queue.isEmpty()) {
              return;
            }
            continue;
          }
          batch.add(first);
          deadline = System.nanoTime() + flushIntervalNanos;
        }
        while (batch.size() < batchSize) {
          queue.drainTo(batch, batchSize - batch.size());
          if (batch.size() >= batchSize || stopping || flushRequested()) {
            break;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          OpportunityRecord next = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
          if (next != null) {
            batch.add(next);
          }
        }
        writeWithRetry(batch);
        batch.clear();
      } catch (InterruptedException e) {
        // Only close() ends this thread, after draining; an interrupt from elsewhere is ignored.
        LOG.debug("record writer interrupted; carrying on until closed");
      }
    }
  }

  private boolean flushRequested() {
    synchronized (progress) {
      return flushTarget > written;
    }
  }

  private void writeWithRetry(List<OpportunityRecord> batch) {
    long backoff = FIRST_BACKOFF_MS;
    int attemptsAfterClose = 0;
    while (true) {
      try {
        repository.saveAll(batch);
        synchronized (progress) {
          written += batch.size();
          progress.notifyAll();
        }
        return;
      } catch (RuntimeException e) {
        StorageException failure =
            e instanceof StorageException se
                ? se
                : new StorageException(
                    "could not write " + batch.size() + " records to " + target + ": " + e, e);
        synchronized (progress) {
          failures++;
          lastFailure = failure;
          progress.notifyAll();
        }
        if (closed && ++attemptsAfterClose > ATTEMPTS_AFTER_CLOSE) {
          giveUp(batch, failure);
          return;
        }
        LOG.error(
            "{} ({} records kept, retrying in {} ms)", failure.getMessage(), batch.size(), backoff);
        LOG.debug("record write failure", e);
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  /** Closing and the store keeps failing: count everything pending as lost and say so. */
  private void giveUp(List<OpportunityRecord> batch, StorageException failure) {
    List<OpportunityRecord> rest = new ArrayList<>();
    queue.drainTo(rest);
    long n = batch.size() + rest.size();
    synchronized (progress) {
      lost += n;
      progress.notifyAll();
    }
    LOG.error(
        "giving up: {} records could not be written to {}: {}", n, target, failure.getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      LOG.debug("record writer back-off interrupted");
    }
  }
}
