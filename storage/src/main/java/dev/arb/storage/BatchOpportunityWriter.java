package dev.arb.storage;

import dev.arb.config.StorageConfig;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.StorageException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *       Memory is bounded by the queue's capacity.
 *   <li>Records are written in the order they were accepted, each batch in one transaction, so
 *       after a crash the store holds a prefix of what was accepted (and the spill the rest of what
 *       was settled).
 *   <li>A failed write is reported at once ({@link #failure()}, the {@link Watcher}), logged, and
 *       retried with back-off, keeping the batch. With a {@link SpillJournal} (the process holding
 *       the data directory), a batch the store refused {@value #SPILL_AFTER_FAILURES} times, or
 *       once for a failure that waiting does not cure (read-only, disk full, I/O error), goes to
 *       the spill file, fsync'd; so does every batch after it, so the queue keeps draining while
 *       the store cannot be written. The store is probed with back-off (up to {@value
 *       #MAX_BACKOFF_MS} ms): the first write that succeeds replays the spill, exactly once, before
 *       anything newer. When the spill cannot be written either, the batch stays in memory and is
 *       retried; the queue fills and producers wait.
 *   <li>{@link #flush()} throws a {@link StorageException} when a write fails while it waits (the
 *       records stay kept). {@link #close()} retries a few more times and, if records remain only
 *       in the spill, says so; if some could be neither written nor spilled, it says how many are
 *       lost: loud, never silent.
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

  /** Failed writes of one batch after which it goes to the spill (transient failures). */
  static final int SPILL_AFTER_FAILURES = 3;

  private final OpportunityRepository repository;
  private final String target;
  private final SpillJournal spill;
  private volatile Watcher watcher = NO_WATCHER;
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
  // accepted records in the spill, not in the store yet
  private long spilled;
  private long flushTarget;
  private long failures;
  // failed writes whose records were neither written nor kept in the spill (guarded by progress)
  private long unkeptFailures;
  private StorageException lastFailure;
  private String failure;
  private long lost;

  // writer thread only: when the store is probed next while records wait in the spill
  private long nextProbe;
  private long probeBackoff = FIRST_BACKOFF_MS;

  private static final Watcher NO_WATCHER =
      new Watcher() {
        @Override
        public void failed(String reason) {}

        @Override
        public void recovered(String note) {}
      };

  private BatchOpportunityWriter(
      OpportunityRepository repository,
      String target,
      SpillJournal spill,
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
    this.spill = spill;
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
    return start(repository, target, config, null);
  }

  /**
   * Starts a writer that keeps in {@code spill} what the store refuses.
   *
   * @param spill where batches go while the store cannot be written; null for none
   */
  static BatchOpportunityWriter start(
      OpportunityRepository repository, String target, StorageConfig config, SpillJournal spill) {
    BatchOpportunityWriter w =
        new BatchOpportunityWriter(
            repository,
            target,
            spill,
            config.batchSize(),
            config.flushInterval(),
            config.queueCapacity());
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
   * Blocks until every record accepted before this call is written, or kept in the spill.
   *
   * @throws StorageException if a write fails meanwhile and its records can be neither written nor
   *     kept in the spill (they stay queued and are retried); a failure whose records went to the
   *     spill does not fail the flush
   */
  @Override
  public void flush() {
    synchronized (progress) {
      long goal = accepted;
      long failuresBefore = unkeptFailures;
      flushTarget = Math.max(flushTarget, goal);
      boolean interrupted = false;
      try {
        while (settled() < goal) {
          if (unkeptFailures > failuresBefore && lastFailure != null) {
            throw new StorageException(
                "flush of "
                    + target
                    + " failed; "
                    + (goal - settled())
                    + " records are kept and retried: "
                    + lastFailure.getMessage(),
                lastFailure);
          }
          if (!writer.isAlive()) {
            throw new StorageException(
                "the record writer for "
                    + target
                    + " has stopped; "
                    + (goal - settled())
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
      if (spilled > 0) {
        throw new StorageException(
            spilled
                + " records are kept in "
                + spill.file()
                + " because "
                + target
                + " could not be written ("
                + (lastFailure == null ? "unknown error" : lastFailure.getMessage())
                + "); they are written to it at the next start",
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

  @Override
  public long spilledCount() {
    synchronized (progress) {
      return spilled;
    }
  }

  @Override
  public Optional<String> failure() {
    synchronized (progress) {
      return Optional.ofNullable(failure);
    }
  }

  @Override
  public void watch(Watcher w) {
    this.watcher = java.util.Objects.requireNonNull(w, "watcher");
  }

  /** Records written or kept in the spill (guarded by progress). */
  private long settled() {
    return written + spilled;
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
    if (spillPending()) {
      // left by an earlier process whose records could not be written at start: try now
      StorageException f = replay();
      if (f != null) {
        probedInVain();
        report(f, "; the records of " + spill.file() + " stay there until it can be");
      }
    }
    List<OpportunityRecord> batch = new ArrayList<>(batchSize);
    long deadline = 0;
    while (true) {
      try {
        if (batch.isEmpty()) {
          OpportunityRecord first = queue.poll(SLICE_NANOS, TimeUnit.NANOSECONDS);
          if (first == null) {
            if (stopping && queue.isEmpty()) {
              lastReplay();
              return;
            }
            probeWhileIdle();
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

  /**
   * With records waiting in the spill and nothing new to write, the store is still probed on the
   * back-off schedule: the spill is replayed when the store can be written again even if no record
   * arrives after it (the last batch before a quiet spell would otherwise wait for the next one).
   */
  private void probeWhileIdle() {
    if (spillPending() && System.nanoTime() >= nextProbe) {
      StorageException f = replay();
      if (f != null) {
        probedInVain();
      }
    }
  }

  private boolean flushRequested() {
    synchronized (progress) {
      return flushTarget > settled();
    }
  }

  /**
   * Writes a batch to the store, or (with a spill) keeps it in the spill, retrying until one of
   * them takes it; gives up only after {@link #close()} and a few more attempts.
   */
  private void writeWithRetry(List<OpportunityRecord> batch) {
    long backoff = FIRST_BACKOFF_MS;
    int refused = 0;
    int attemptsAfterClose = 0;
    while (true) {
      StorageException failed = null;
      boolean attempted = false;
      if (spillPending() && System.nanoTime() >= nextProbe) {
        attempted = true;
        failed = replay(); // what waits in the spill goes first
      }
      if (!spillPending()) {
        attempted = true;
        try {
          repository.saveAll(batch);
          wrote(batch.size());
          return;
        } catch (RuntimeException e) {
          failed = storageFailure(e, batch.size());
        }
      }
      boolean toSpill = spill != null && spillPending();
      if (attempted && failed != null) {
        refused++;
        probedInVain();
        toSpill |=
            spill != null
                && (refused >= SPILL_AFTER_FAILURES || !StorageErrors.isTransient(failed));
      }
      String spillProblem = null;
      if (toSpill) {
        spillProblem = spill(batch);
        if (spillProblem == null) {
          if (failed != null) {
            report(
                failed,
                "; the records are kept in "
                    + spill.file()
                    + " and written to the database once it can be written again");
          }
          return;
        }
      }
      if (failed != null || spillProblem != null) {
        StorageException cause = failed != null ? failed : lastFailure();
        if (cause == null) {
          cause = new StorageException("could not write records to " + target);
        }
        synchronized (progress) {
          unkeptFailures++; // the batch is neither in the store nor in the spill: flush says so
        }
        report(
            cause,
            spillProblem != null
                ? "; and they cannot be kept in "
                    + spill.file()
                    + " either ("
                    + spillProblem
                    + "): "
                    + batch.size()
                    + " records wait in memory and are retried"
                : " (" + batch.size() + " records kept, retried in " + backoff + " ms)");
      }
      if (closed && ++attemptsAfterClose > ATTEMPTS_AFTER_CLOSE) {
        giveUp(batch, lastFailure());
        return;
      }
      sleep(backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  /** Closing with records in the spill: one more try to get them into the store. */
  private void lastReplay() {
    if (spillPending()) {
      StorageException f = replay();
      if (f != null) {
        report(f, "; the records stay in " + spill.file() + " and are written at the next start");
      }
    }
  }

  private boolean spillPending() {
    return spill != null && spill.records() > 0;
  }

  /** Replays the spill into the store; null when it is all in, else why not. */
  private StorageException replay() {
    long own;
    synchronized (progress) {
      own = spilled;
    }
    try {
      long n = spill.replay();
      recovered(
          n
              + " records kept in "
              + spill.file()
              + " while "
              + target
              + " could not be written are in it now",
          0,
          own);
      return null;
    } catch (RuntimeException e) {
      return storageFailure(e, spill.records());
    }
  }

  /** Appends to the spill; null when it is durable there, else why not. */
  private String spill(List<OpportunityRecord> batch) {
    try {
      spill.append(batch);
    } catch (IOException | RuntimeException e) {
      LOG.debug("spill failure", e);
      return String.valueOf(e.getMessage());
    }
    synchronized (progress) {
      spilled += batch.size();
      progress.notifyAll();
    }
    return null;
  }

  private void wrote(int n) {
    recovered(target + " can be written again", n, 0);
  }

  /**
   * Counts {@code wrote} records written and {@code replayed} moved from the spill into the store,
   * and clears the failure, at once: a reader never sees every record written while the failure
   * still shows.
   */
  private void recovered(String note, long wrote, long replayed) {
    boolean was;
    synchronized (progress) {
      written += wrote + replayed;
      spilled -= replayed;
      was = failure != null;
      failure = null;
      progress.notifyAll();
    }
    probeBackoff = FIRST_BACKOFF_MS;
    nextProbe = 0;
    if (was) {
      Watcher w = watcher;
      if (w == NO_WATCHER) {
        LOG.info("record store recovered: {}", note);
      }
      w.recovered(note);
    }
  }

  private StorageException storageFailure(RuntimeException e, long records) {
    return e instanceof StorageException se
        ? se
        : new StorageException(
            "could not write " + records + " records to " + target + ": " + e, e);
  }

  /** A probe of the store while records wait in the spill failed: probe later, less often. */
  private void probedInVain() {
    nextProbe = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(probeBackoff);
    probeBackoff = Math.min(MAX_BACKOFF_MS, probeBackoff * 2);
  }

  private StorageException lastFailure() {
    synchronized (progress) {
      return lastFailure;
    }
  }

  /** Records a failure: for flush, health and the watcher, and in the log. */
  private void report(StorageException e, String whereTheRecordsAre) {
    String reason = e.getMessage() + whereTheRecordsAre;
    synchronized (progress) {
      failures++;
      lastFailure = e;
      failure = reason;
      progress.notifyAll();
    }
    Watcher w = watcher;
    if (w == NO_WATCHER) {
      LOG.error("{}", reason);
    } else {
      LOG.debug("{}", reason); // the watcher logs and reports it
    }
    LOG.debug("record write failure", e);
    w.failed(reason);
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
        "giving up: {} records could not be written to {}: {}",
        n,
        target,
        failure == null ? "unknown error" : failure.getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      LOG.debug("record writer back-off interrupted");
    }
  }
}
