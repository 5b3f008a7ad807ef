package dev.arb.daemon;

import dev.arb.engine.port.RecordStore;
import dev.arb.error.ArbException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record store opening on its own thread while the daemon starts (SQLite and its migrations
 * take a while), and the recovery once it is open: records a previous process left {@code
 * executing} are marked {@code failed}, {@value Daemon#INTERRUPTED}.
 */
final class StoreOpening {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final CompletableFuture<RecordStore> opening = new CompletableFuture<>();

  private StoreOpening() {}

  /** Starts opening a store with {@code stores}. */
  static StoreOpening start(Supplier<RecordStore> stores) {
    StoreOpening o = new StoreOpening();
    Thread opener =
        new Thread(
            () -> {
              try {
                o.opening.complete(stores.get());
              } catch (Throwable e) {
                o.opening.completeExceptionally(e);
              }
            },
            "arb-store-open");
    opener.setDaemon(true);
    opener.start();
    return o;
  }

  /**
   * Waits until the store is open.
   *
   * @throws ArbException (or the opener's own unchecked exception) when it could not be opened
   */
  RecordStore await() {
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new ArbException("run: cannot open the record store: " + e.getCause(), e.getCause());
    }
  }

  /** Closes the store once it is open (the daemon failed while it was still opening). */
  void closeWhenOpen() {
    opening.thenAccept(RecordStore::close);
  }

  /** Marks the records left in flight failed and notes the newest record in {@code stats}. */
  void recover(RecordStore store, DaemonStats stats) {
    int failed = store.opportunities().failExecuting(Daemon.INTERRUPTED);
    Instant latest = store.opportunities().latestDetectedAt().orElse(null);
    stats.recovered(failed, latest);
    if (failed > 0) {
      LOG.warn(
          "recovery: {} records left executing were marked failed ({})",
          failed,
          Daemon.INTERRUPTED);
    }
  }
}
