package dev.arb.daemon.stream;

import dev.arb.daemon.trade.ScanResult;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The decision step of the streaming runner, the same for {@code arb run} (live or replayed) and
 * {@code arb backtest}: a snapshot is decided by a full scan (as {@code arb run} always did) and
 * then becomes the engine's state; a book or pool event updates the state in place and is decided
 * from the cycles through the edges it changed ({@link StreamEngine}). Records of streamed
 * decisions are stamped with the event's receive time, so that a replay of a journal decides and
 * records exactly what the recording run did.
 *
 * <p>Books that arrive before the first snapshot wait for it (they are merged into it, the newer
 * book of a market kept). One thread, the runner's, applies events ({@link #search}); sizing and
 * judging ({@link #finish}) may run on a second one, so that sizing a burst of cycles never holds
 * up the next events' detection.
 */
public final class EventDecider {

  /** A full scan of a snapshot: what {@code arb run} does with every polled snapshot. */
  @FunctionalInterface
  public interface SnapshotScan {
    /** Scans {@code snapshot}; its records are stamped {@code at}. */
    ScanResult scan(MarketSnapshot snapshot, Instant at);
  }

  private final ScanRequest request;
  private final StreamEngine.Settings settings;
  private final SnapshotScan scan;
  private final Map<String, OrderBook> early = new LinkedHashMap<>();
  private StreamEngine engine;
  private final StreamEngine.Sizing ownSizing;
  private final LongAdder streamDecisions = new LongAdder();
  private final LongAdder opportunities = new LongAdder();
  private boolean timeStages = true;

  /**
   * @param request what streamed decisions search and size (as {@code arb.scan})
   * @param scan the full scan of a snapshot
   */
  public EventDecider(ScanRequest request, StreamEngine.Settings settings, SnapshotScan scan) {
    this.request = Objects.requireNonNull(request, "request");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.scan = Objects.requireNonNull(scan, "scan");
    this.ownSizing = new StreamEngine.Sizing(request);
  }

  /**
   * A snapshot: scanned (unless {@code scanned} already), then the engine's state.
   *
   * @param at the records' time
   * @return the scan, or null when it was scanned before
   */
  public ScanResult snapshot(MarketSnapshot s, Instant at, long atNanos, boolean scanned) {
    ScanResult result = scanned ? null : scan.scan(s, at);
    adopt(s, atNanos);
    return result;
  }

  /** Makes {@code s} the engine's state without scanning it. */
  public void adopt(MarketSnapshot s, long atNanos) {
    if (engine == null) {
      engine = new StreamEngine(withEarlyBooks(s), request, settings, atNanos);
      engine.timeStages(timeStages);
      early.clear();
    } else {
      engine.reset(s, atNanos);
    }
  }

  private MarketSnapshot withEarlyBooks(MarketSnapshot s) {
    if (early.isEmpty()) {
      return s;
    }
    Map<String, OrderBook> books = new LinkedHashMap<>();
    for (OrderBook b : s.books()) {
      books.put(b.market().id(), b);
    }
    for (OrderBook b : early.values()) {
      OrderBook had = books.get(b.market().id());
      if (had == null || b.observedAt().isAfter(had.observedAt())) {
        books.put(b.market().id(), b);
      }
    }
    return s.withBooks(new ArrayList<>(books.values()));
  }

  /**
   * A book event: the state updated in place, and the decision when a cycle runs through an edge it
   * changed; null (nothing allocated) when there is nothing to decide.
   */
  public ScanResult book(MarketEvent e) {
    return book(e, true);
  }

  /**
   * {@link #book(MarketEvent)}; with {@code decide} false (paused, kill switch) the state is
   * updated and nothing is decided.
   */
  public ScanResult book(MarketEvent e, boolean decide) {
    Pending p = search(e, decide);
    return p == null ? null : finish(p, ownSizing);
  }

  /** A pool event, as {@link #book}; ignored before the first snapshot (it has no chain). */
  public ScanResult pool(MarketEvent e, boolean decide) {
    Pending p = search(e, decide);
    return p == null ? null : finish(p, ownSizing);
  }

  /**
   * The first half of {@link #book}/{@link #pool}, on the runner's thread: the event applied to the
   * state and, when it flagged edges, their search captured ({@link StreamEngine#defer()}: the
   * state it reads copied, the search itself left to {@link #finish}), to be searched, sized and
   * judged by {@link #finish} (on any one thread, with that thread's {@link StreamEngine.Sizing});
   * null when there is nothing to decide (almost every event; nothing allocated then).
   */
  public Pending search(MarketEvent e, boolean decide) {
    if (engine == null) {
      if (e.kind == MarketEvent.Kind.BOOK) {
        early.put(e.book.market().id(), e.book);
      }
      return null;
    }
    int flagged =
        e.kind == MarketEvent.Kind.BOOK
            ? engine.book(
                e.book, e.market, e.bestBid, e.bestAsk, e.observedNanos, e.receivedEpochNanos)
            : engine.pool(e.pool, e.poolObservedAt, e.receivedEpochNanos);
    if (flagged == 0 || !decide) {
      return null;
    }
    StreamEngine.Deferred d = engine.defer();
    return d == null ? null : new Pending(d, e.receivedNanos, e.receivedEpochNanos);
  }

  /**
   * One short step of keeping the engine's working set in the CPU's caches ({@link
   * StreamEngine#warm()}), for a runner that spins while it waits; nothing before the first
   * snapshot. On the runner's thread.
   */
  public void warm() {
    if (engine != null) {
      engine.warm();
    }
  }

  /**
   * What {@link #search} captured, with the event's receive times ({@link System#nanoTime()} and
   * epoch nanoseconds).
   */
  public record Pending(StreamEngine.Deferred search, long receivedNanos, long receivedEpochNanos) {
    public Pending {
      Objects.requireNonNull(search, "search");
    }
  }

  /**
   * The second half: {@code p} searched (unless the runner had to), sized and judged with {@code
   * sizing} (one per thread); the decision with opportunities, or null when no cycle beats the
   * threshold. Safe on another thread than the runner's (one thread per pending).
   */
  public ScanResult finish(Pending p, StreamEngine.Sizing sizing) {
    StreamEngine.Candidates c = p.search().candidates();
    if (c == null) {
      return null;
    }
    List<Opportunity> found = sizing.size(c);
    if (found.isEmpty()) {
      return null;
    }
    streamDecisions.increment();
    opportunities.add(found.size());
    Instant at = EventRing.instant(p.receivedEpochNanos());
    MarketSnapshot books = c.snapshot();
    List<OpportunityRecord> records = new ArrayList<>(found.size());
    for (Opportunity o : found) {
      records.add(OpportunityRecords.of(o, books.source(), at));
    }
    return new ScanResult(c.markets(), records, found, Optional.of(books));
  }

  /**
   * Whether the engine times each event's update and detection ({@link StreamEngine#timeStages}; on
   * by default): the runner turns it off when nobody reads the stage timings.
   */
  public void timeStages(boolean on) {
    timeStages = on;
    if (engine != null) {
      engine.timeStages(on);
    }
  }

  /** A sizing for {@link #finish} on another thread, under this decider's request. */
  public StreamEngine.Sizing sizing() {
    return new StreamEngine.Sizing(request);
  }

  /** The engine, once the first snapshot arrived (else empty). */
  public Optional<StreamEngine> engine() {
    return Optional.ofNullable(engine);
  }

  /** Streamed events that led to a decision with opportunities. */
  public long streamDecisions() {
    return streamDecisions.sum();
  }

  /** Opportunities of streamed decisions. */
  public long opportunities() {
    return opportunities.sum();
  }
}
