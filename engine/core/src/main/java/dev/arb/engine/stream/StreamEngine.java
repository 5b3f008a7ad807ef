package dev.arb.engine.stream;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.path.CacheWarmer;
import dev.arb.engine.path.EdgeCycleSearch;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.IncrementalDetector;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.LiquidityFilter;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.GasValuation;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state the streaming runner decides on: the latest book of every market and state of every
 * pool, the graph built from them once and updated in place per event ({@link PathGraph}), the
 * {@link IncrementalDetector} over it, the search restricted to the changed edges ({@link
 * EdgeCycleSearch}) and the exact sizing ({@link AmtOptimizer}).
 *
 * <p>One event: {@link #book} (or {@link #pool}) updates the market's two edges, checks them
 * against the kept potentials and returns how many edges are worth a search: 0 for almost every
 * update, with nothing allocated. When it is not 0, {@link #decide} searches the best cycles
 * through those edges only, sizes them against the books' depth and judges them as a scan does
 * ({@link Scanner#judge}). A cycle handed to sizing leaves the potentials untouched: its changed
 * edge is masked (see {@link IncrementalDetector}).
 *
 * <p>Full runs of the detector (the safety net): every {@link Settings#fullRunEvery} events, every
 * {@link Settings#fullRunInterval} of event time (receive times, so a replay runs them at the same
 * events), and whenever the detector is unsure. A full run also leaves out markets older than the
 * request's {@code maxAge} behind the newest observation (their edges disabled until their next
 * update), as a scan does.
 *
 * <p>{@link #reset} replaces the whole state with a snapshot (a polled or replayed snapshot: a
 * batch of events decided by a full scan), keeping a market's current book where it is newer than
 * the snapshot's. A book or pool the graph does not have yet rebuilds it (a structural change).
 *
 * <p>Not thread-safe: one thread (the runner) owns it.
 */
public final class StreamEngine {

  /**
   * When the detector runs in full.
   *
   * @param fullRunEvery events between two full runs, &gt; 0
   * @param fullRunInterval event time between two full runs, positive
   */
  public record Settings(long fullRunEvery, Duration fullRunInterval) {
    public Settings {
      Objects.requireNonNull(fullRunInterval, "fullRunInterval");
      if (fullRunEvery <= 0) {
        throw new IllegalArgumentException("full-run-every must be positive, got " + fullRunEvery);
      }
      if (fullRunInterval.isNegative() || fullRunInterval.isZero()) {
        throw new IllegalArgumentException(
            "full-run-interval must be positive, got " + fullRunInterval);
      }
    }

    /** A full run every 10,000 events or every second of event time. */
    public static Settings defaults() {
      return new Settings(10_000, Duration.ofSeconds(1));
    }
  }

  private final ScanRequest request;
  private final Settings settings;
  private final long intervalNanos;
  private final long maxAgeNanos;
  private final GraphOptions graphOptions;
  private final Sizing ownSizing;

  private MarketSnapshot base;
  private PathGraph graph;
  private IncrementalDetector detector;
  private EdgeCycleSearch search;
  private OrderBook[] books;
  private Pool[] pools;
  private long[] observed;
  private boolean[] stale;
  // replaced (not cleared) by a build: frames in flight keep reading the one they were captured on
  private Map<Market, Integer> byMarket = new HashMap<>();
  private Frames frames;
  // the market number by the identity of the Market instance (a feed passes the same one for every
  // book of a market): a direct-mapped cache in front of byMarket, whose record hash reads every
  // field (about 110 ns against 25 ns per event, measured on the synthetic stream)
  private Market[] cachedMarket;
  private int[] cachedNumber;
  // the instance cached for each market number, whose header (identity hash) an update reads
  private Market[] cachedInstance;
  // keeps the lines an update touches in the caches while a spinning runner waits (warm())
  private final CacheWarmer warmer = new CacheWarmer();
  private long warmSink;
  private int[] flaggedScratch = new int[16];
  // the changes, in order, with what they set (a ring of the last LOG): a frame takes the entries
  // since its last capture (a sequential copy) and replays them on its own graph twin, on the
  // thread that searches it
  private static final int LOG = 1 << 13;
  // cache lines read per warm() step
  private static final int WARM_LINES = 8;
  private final ChangeLog log = new ChangeLog(LOG);

  private long events;
  private long sinceFull;
  private long lastFullAt;
  private long newestObserved = Long.MIN_VALUE;
  private long fullRuns;
  private long rebuilds;
  private long ignored;
  // whether book and pool events time their update and detection (two clock reads each)
  private boolean timed = true;
  private long updateNanos;
  private long detectNanos;
  private long searchNanos;
  private long sizeNanos;
  private List<OrderBook> decidedBooks = List.of();

  /**
   * An engine on {@code initial}'s markets.
   *
   * @param request the scan request decisions follow (query, amount, max age, transfers, pools)
   * @param atNanos the event time of the snapshot (epoch nanoseconds of its receipt)
   */
  public StreamEngine(
      MarketSnapshot initial, ScanRequest request, Settings settings, long atNanos) {
    this.request = Objects.requireNonNull(request, "request");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.intervalNanos = settings.fullRunInterval().toNanos();
    this.maxAgeNanos = request.maxAge().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    this.graphOptions =
        (request.transfers() ? GraphOptions.withTransfers(0) : GraphOptions.defaults())
            .withSameAs(request.pools().sameAs());
    this.ownSizing = new Sizing(request);
    build(prepared(initial), atNanos);
  }

  /** The snapshot as the graph takes it: pools under the liquidity floor left out. */
  private MarketSnapshot prepared(MarketSnapshot s) {
    if (request.pools().minLiquidity().isEmpty() || s.chains().isEmpty()) {
      return s;
    }
    return LiquidityFilter.apply(s, request.pools().minLiquidity().get()).snapshot();
  }

  private void build(MarketSnapshot s, long atNanos) {
    base = s;
    graph = PathGraph.forUpdates(s, graphOptions);
    int markets = graph.marketCount();
    books = new OrderBook[markets];
    pools = new Pool[markets];
    observed = new long[markets];
    stale = new boolean[markets];
    byMarket = new HashMap<>();
    int slots = Integer.highestOneBit(Math.max(8, markets) * 4 - 1);
    cachedMarket = new Market[slots];
    cachedNumber = new int[slots];
    cachedInstance = new Market[markets];
    int m = 0;
    for (OrderBook b : s.books()) {
      books[m] = b;
      observed[m] = nanos(b.observedAt());
      byMarket.put(b.market(), m);
      m++;
    }
    for (ChainSnapshot c : s.chains()) {
      for (Pool p : c.pools()) {
        pools[m] = p;
        observed[m] = nanos(c.observedAt());
        m++;
      }
    }
    newestObserved = Long.MIN_VALUE;
    for (long o : observed) {
      newestObserved = Math.max(newestObserved, o);
    }
    leaveOutStale();
    detector = new IncrementalDetector(graph);
    search = new EdgeCycleSearch(graph, request.query());
    frames = new Frames(this);
    warmer.clear();
    graph.hotArrays(warmer);
    detector.hotArrays(warmer);
    warmer.add(books, false).add(observed).add(stale).add(cachedMarket, false).add(cachedNumber);
    warmer.add(cachedInstance, true);
    fullRuns++;
    rebuilds++;
    sinceFull = 0;
    lastFullAt = atNanos;
  }

  /**
   * Replaces the state with {@code snapshot} (a batch: every market in it, no other), keeping a
   * market's current book where it was observed after the snapshot's; the detector runs in full.
   * Nothing is flagged afterwards: the caller decides a snapshot with a full scan.
   */
  public void reset(MarketSnapshot snapshot, long atNanos) {
    MarketSnapshot s = prepared(snapshot);
    List<OrderBook> merged = new ArrayList<>(s.books().size());
    boolean same = s.books().size() == countBooks() && s.chains().equals(base.chains());
    int m = 0;
    for (OrderBook b : s.books()) {
      Integer at = byMarket.get(b.market());
      OrderBook keep = b;
      if (at != null && books[at] != null && books[at].observedAt().isAfter(b.observedAt())) {
        keep = books[at];
      }
      merged.add(keep);
      same &= at != null && at == m;
      m++;
    }
    if (!same) {
      build(s.withBooks(merged), atNanos);
      detector.beginStep();
      return;
    }
    base = s.withBooks(merged);
    for (int i = 0; i < merged.size(); i++) {
      OrderBook b = merged.get(i);
      books[i] = b;
      observed[i] = nanos(b.observedAt());
      newestObserved = Math.max(newestObserved, observed[i]);
      stale[i] = false;
      double bid = bestBid(b);
      double ask = bestAsk(b);
      graph.updateBook(i, bid, ask);
      log.book(i, bid, ask, b);
    }
    events++;
    fullRun(atNanos);
    detector.beginStep();
  }

  private int countBooks() {
    int n = 0;
    for (OrderBook b : books) {
      n += b != null ? 1 : 0;
    }
    return n;
  }

  /**
   * One book update, its best prices given as doubles (0 for an empty side) so that nothing is
   * converted here; {@code atNanos}: its receive time (epoch nanoseconds). Returns how many edges
   * are worth a search ({@link #decide}); 0 for almost every update. Allocates nothing unless the
   * market is new (the graph is rebuilt then).
   */
  public int book(OrderBook book, double bestBid, double bestAsk, long atNanos) {
    return book(book, book.market(), bestBid, bestAsk, nanos(book.observedAt()), atNanos);
  }

  /**
   * {@link #book(OrderBook, double, double, long)} with the book's market and observation time
   * (epoch nanoseconds) read where it arrived too, so that the runner does not go back to the
   * book's objects: they are in the cache of the thread that received it.
   */
  public int book(
      OrderBook book,
      Market market,
      double bestBid,
      double bestAsk,
      long observedNanos,
      long atNanos) {
    long t0 = timed ? System.nanoTime() : 0;
    int slot = System.identityHashCode(market) & (cachedMarket.length - 1);
    int m;
    if (cachedMarket[slot] == market) {
      m = cachedNumber[slot];
    } else {
      Integer at = byMarket.get(market);
      if (at == null) {
        return structural(book, null, atNanos);
      }
      m = at;
      cachedMarket[slot] = market;
      cachedNumber[slot] = m;
      cachedInstance[m] = market;
    }
    books[m] = book;
    observed[m] = observedNanos;
    if (observedNanos > newestObserved) {
      newestObserved = observedNanos;
    }
    stale[m] = false;
    detector.beginStep();
    int changed = graph.updateBook(m, bestBid, bestAsk);
    log.book(m, bestBid, bestAsk, book);
    long t1 = timed ? System.nanoTime() : 0;
    checkChanged(m, changed);
    detector.endStep();
    events++;
    sinceFull++;
    if (sinceFull >= settings.fullRunEvery() || atNanos - lastFullAt >= intervalNanos) {
      fullRun(atNanos);
    }
    if (timed) {
      updateNanos = t1 - t0;
      detectNanos = System.nanoTime() - t1;
    }
    return detector.flaggedCount();
  }

  /** {@link #book(OrderBook, double, double, long)} with the best prices read from the book. */
  public int book(OrderBook book, long atNanos) {
    return book(book, bestBid(book), bestAsk(book), atNanos);
  }

  /**
   * One pool's new state (same contract, new reserves); {@code observedAt}: its block's time. A
   * pool of a chain the engine does not have is ignored (counted in {@link #ignored()}).
   */
  public int pool(Pool pool, Instant observedAt, long atNanos) {
    long t0 = timed ? System.nanoTime() : 0;
    int m = graph.market(pool.id());
    if (m < 0) {
      return structural(null, pool, atNanos);
    }
    pools[m] = pool;
    observed[m] = nanos(observedAt);
    newestObserved = Math.max(newestObserved, observed[m]);
    stale[m] = false;
    detector.beginStep();
    int changed = graph.updatePool(m, pool);
    log.pool(m, pool);
    long t1 = timed ? System.nanoTime() : 0;
    checkChanged(m, changed);
    detector.endStep();
    events++;
    sinceFull++;
    if (sinceFull >= settings.fullRunEvery() || atNanos - lastFullAt >= intervalNanos) {
      fullRun(atNanos);
    }
    if (timed) {
      updateNanos = t1 - t0;
      detectNanos = System.nanoTime() - t1;
    }
    return detector.flaggedCount();
  }

  private void checkChanged(int m, int changed) {
    if ((changed & 1) != 0) {
      detector.edgeChanged(graph.sellEdge(m));
    }
    if ((changed & 2) != 0) {
      detector.edgeChanged(graph.buyEdge(m));
    }
  }

  /** A market the graph does not have: rebuilt with it, then every cycle found is flagged. */
  private int structural(OrderBook book, Pool pool, long atNanos) {
    MarketSnapshot now = current(true);
    if (book != null) {
      List<OrderBook> all = new ArrayList<>(now.books());
      all.removeIf(b -> b.market().id().equals(book.market().id())); // a market whose fee changed
      all.add(book);
      now = now.withBooks(all);
    } else {
      List<ChainSnapshot> chains = new ArrayList<>();
      boolean placed = false;
      for (ChainSnapshot c : now.chains()) {
        if (c.name().equals(pool.chain())
            && c.token(pool.token0().address()).isPresent()
            && c.token(pool.token1().address()).isPresent()) {
          List<Pool> ps = new ArrayList<>(c.pools());
          ps.add(pool);
          chains.add(c.withPools(ps));
          placed = true;
        } else {
          chains.add(c);
        }
      }
      if (!placed) {
        ignored++;
        return 0;
      }
      now = now.withChains(chains);
    }
    events++;
    build(now, atNanos);
    return detector.flaggedCount();
  }

  private void fullRun(long atNanos) {
    leaveOutStale();
    detector.fullRun();
    fullRuns++;
    sinceFull = 0;
    lastFullAt = atNanos;
  }

  /** Disables the edges of markets observed more than max-age before the newest observation. */
  private void leaveOutStale() {
    if (maxAgeNanos == Long.MAX_VALUE || newestObserved == Long.MIN_VALUE) {
      return;
    }
    long oldest = newestObserved - maxAgeNanos;
    for (int m = 0; m < observed.length; m++) {
      if (!stale[m] && observed[m] < oldest) {
        stale[m] = true;
        graph.disableMarket(m);
        log.stale(m);
      }
    }
  }

  /**
   * The decision for the edges the last event flagged: the best cycles through them (at most the
   * query's K, best top-of-book return first, each once), sized and judged. Empty when nothing was
   * flagged or no cycle through a flagged edge beats the profit threshold. The same as {@link
   * #candidates()} sized by this engine's own {@link Sizing}.
   */
  public List<Opportunity> decide() {
    Candidates c = candidates();
    if (c == null) {
      sizeNanos = 0;
      decidedBooks = List.of();
      return List.of();
    }
    long t0 = System.nanoTime();
    List<Opportunity> out = ownSizing.size(c);
    sizeNanos = System.nanoTime() - t0;
    decidedBooks = c.books();
    return out;
  }

  /**
   * The first half of {@link #decide}, on the engine's thread: the best cycles through the edges
   * the last event flagged, with the books and pools they are to be sized on, as an immutable value
   * that a {@link Sizing} may size on another thread while this engine goes on with the next
   * events. Null when nothing was flagged or no cycle runs through a flagged edge.
   */
  public Candidates candidates() {
    int flagged = detector.flaggedCount();
    if (flagged == 0) {
      searchNanos = 0;
      return null;
    }
    long t0 = System.nanoTime();
    if (flaggedScratch.length < flagged) {
      flaggedScratch = new int[Math.max(flagged, 2 * flaggedScratch.length)];
    }
    for (int i = 0; i < flagged; i++) {
      flaggedScratch[i] = detector.flagged(i);
    }
    Candidates c =
        find(
            search,
            flaggedScratch,
            flagged,
            request.query().topK(),
            books,
            pools,
            stale,
            byMarket,
            base,
            graph.marketCount());
    searchNanos = System.nanoTime() - t0;
    return c;
  }

  /**
   * {@link #candidates()} deferred, so that the search runs on another thread (the decision stage)
   * while this engine goes on with the next events: here, on the engine's thread, the state the
   * search reads (the graph's rates, weights and legs, the books and pools, and the flagged edges)
   * is copied into a frame made with the graph (only the markets changed since the frame's last
   * capture: a microsecond or two); {@link Deferred#candidates()} then searches that copy, on any
   * one thread, and finds exactly what {@link #candidates()} would have found now. Later updates
   * never reach the copy (nothing torn). With {@value #FRAMES} frames in flight the search runs
   * here, at once (as {@link #candidates()}). Null when nothing was flagged.
   */
  public Deferred defer() {
    int flagged = detector.flaggedCount();
    if (flagged == 0) {
      searchNanos = 0;
      return null;
    }
    long t0 = System.nanoTime();
    Frame f = frames.take();
    if (f == null) {
      Candidates c = candidates();
      return new Deferred(c, null, searchNanos);
    }
    f.capture(this, flagged);
    searchNanos = System.nanoTime() - t0;
    return new Deferred(null, f, searchNanos);
  }

  /** Frames of one graph build that may be in flight at once. */
  public static final int FRAMES = 8;

  /**
   * A search of flagged edges, found at once ({@link #defer()} with every frame in flight) or still
   * to run on a frame: {@link #candidates()} runs it (once; later calls return the same value) and
   * hands the frame back. For one thread at a time.
   */
  public static final class Deferred {
    private final boolean onFrame;
    private Candidates found;
    private Frame frame;
    private long nanos;

    private Deferred(Candidates found, Frame frame, long nanos) {
      this.onFrame = frame != null;
      this.found = found;
      this.frame = frame;
      this.nanos = nanos;
    }

    /** What {@link StreamEngine#candidates()} found (or would have found) at the event. */
    public Candidates candidates() {
      Frame f = frame;
      if (f != null) {
        frame = null;
        long t0 = System.nanoTime();
        try {
          found = f.find();
        } finally {
          nanos += System.nanoTime() - t0;
          f.release();
        }
      }
      return found;
    }

    /** Whether the search runs (or ran) on a frame; false: it ran on the engine's thread. */
    public boolean onFrame() {
      return onFrame;
    }

    /** Nanoseconds of the search so far: the frame's capture, and its search once run. */
    public long searchNanos() {
      return nanos;
    }
  }

  /**
   * The frames of one graph build, made with it; taken on the engine's thread, handed back from any
   * (the last one handed back is taken first: it has the fewest changes to catch up on).
   */
  private static final class Frames {
    private final Frame[] free = new Frame[FRAMES];
    private int freeCount;

    Frames(StreamEngine e) {
      for (int i = 0; i < FRAMES; i++) {
        free[freeCount++] = new Frame(this, e.graph.twin(), e.request.query(), e.books.length);
      }
    }

    /** A free frame, or null when every one is in flight. */
    synchronized Frame take() {
      return freeCount == 0 ? null : free[--freeCount];
    }

    synchronized void give(Frame f) {
      free[freeCount++] = f;
    }
  }

  /**
   * A copy of what a search reads, with its own graph twin and search scratch space. A capture (on
   * the engine's thread) takes only the changes since the frame's last one, copied out of the
   * engine's {@link ChangeLog} in order, and the search replays them first (on its own thread); it
   * copies everything when the log no longer reaches back that far (the first capture, or a frame
   * left unused for more than the log holds).
   */
  private static final class Frame {
    private final Frames owner;
    private final PathGraph twin;
    private final EdgeCycleSearch search;
    private final int topK;
    private int[] flagged = new int[16];
    private int flaggedCount;
    private final OrderBook[] books;
    private final Pool[] pools;
    private final boolean[] stale;
    // the engine's change count at the last capture; -1: none yet
    private long capturedAt = -1;
    // the changes since the capture before, to replay before the search
    private final ChangeLog.Delta delta = new ChangeLog.Delta();
    private Map<Market, Integer> byMarket;
    private MarketSnapshot base;
    private int markets;

    Frame(Frames owner, PathGraph twin, PathQuery query, int markets) {
      this.owner = owner;
      this.twin = twin;
      this.search = new EdgeCycleSearch(twin, query);
      this.topK = query.topK();
      this.books = new OrderBook[markets];
      this.pools = new Pool[markets];
      this.stale = new boolean[markets];
    }

    /** Copies engine {@code e}'s state (on its thread); {@code count} edges flagged. */
    void capture(StreamEngine e, int count) {
      long from = capturedAt;
      long to = e.log.count();
      // the changes copied out of the log in order (sequential: a few ns each; replayed at random
      // places by the search's thread), or the arrays whole when the log no longer has them
      if (from < 0 || to - from > e.log.capacity()) {
        delta.clear();
        twin.copyRatesFrom(e.graph);
        System.arraycopy(e.books, 0, books, 0, books.length);
        System.arraycopy(e.pools, 0, pools, 0, pools.length);
        System.arraycopy(e.stale, 0, stale, 0, stale.length);
      } else {
        e.log.copyTo(from, to, delta);
      }
      capturedAt = to;
      if (flagged.length < count) {
        flagged = new int[Math.max(count, 2 * flagged.length)];
      }
      for (int i = 0; i < count; i++) {
        flagged[i] = e.detector.flagged(i);
      }
      flaggedCount = count;
      byMarket = e.byMarket;
      base = e.base;
      markets = e.graph.marketCount();
    }

    Candidates find() {
      delta.replay(twin, books, pools, stale);
      return StreamEngine.find(
          search, flagged, flaggedCount, topK, books, pools, stale, byMarket, base, markets);
    }

    /** Hands the frame back for the next capture. */
    void release() {
      base = null;
      byMarket = null;
      owner.give(this);
    }
  }

  /**
   * The best cycles through {@code flagged[0..count)} (at most {@code topK}, best top-of-book
   * return first, each once), with the books (and pools) they are to be sized on: {@link
   * #candidates()} on the engine's live state or on a frame's copy of it.
   */
  private static Candidates find(
      EdgeCycleSearch search,
      int[] flagged,
      int count,
      int topK,
      OrderBook[] books,
      Pool[] pools,
      boolean[] stale,
      Map<Market, Integer> byMarket,
      MarketSnapshot base,
      int markets) {
    List<Cycle> found = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (Cycle c : search.through(flagged[i])) {
        if (!found.contains(c)) {
          found.add(c);
        }
      }
    }
    found.sort(Comparator.comparingDouble(Cycle::topOfBookReturn).reversed());
    if (found.size() > topK) {
      found = new ArrayList<>(found.subList(0, topK));
    }
    if (found.isEmpty()) {
      return null;
    }
    List<List<OrderBook>> legBooks = new ArrayList<>(found.size());
    Map<String, OrderBook> used = new LinkedHashMap<>();
    MarketSnapshot withPools = null;
    for (Cycle c : found) {
      List<OrderBook> bs = new ArrayList<>(c.legs().size());
      for (Leg l : c.legs()) {
        if (l.isPool()) {
          bs.add(null);
          if (withPools == null) {
            withPools = current(books, pools, stale, base, false);
          }
        } else {
          OrderBook b = books[byMarket.get(l.market())];
          bs.add(b);
          used.put(b.market().id(), b);
        }
      }
      legBooks.add(Collections.unmodifiableList(bs));
    }
    return new Candidates(
        List.copyOf(found),
        List.copyOf(legBooks),
        withPools,
        List.copyOf(used.values()),
        base.source(),
        markets);
  }

  /**
   * Cycles to size, with the state they were found on: {@code legBooks} (per cycle, per leg: the
   * book, null for a pool leg), {@code withPools} (every fresh book and pool, when a cycle has a
   * pool leg, else null), {@code books} (the books of the book legs, each once) and the engine's
   * source name and market count.
   */
  public record Candidates(
      List<Cycle> cycles,
      List<List<OrderBook>> legBooks,
      MarketSnapshot withPools,
      List<OrderBook> books,
      String source,
      int markets) {
    public Candidates {
      Objects.requireNonNull(cycles, "cycles");
      Objects.requireNonNull(legBooks, "legBooks");
      Objects.requireNonNull(books, "books");
      if (legBooks.size() != cycles.size()) {
        throw new IllegalArgumentException(
            "one list of leg books per cycle: " + legBooks.size() + " for " + cycles.size());
      }
    }

    /** The books the cycles are sized on, as a snapshot (the paper trader's and data age's). */
    public MarketSnapshot snapshot() {
      return new MarketSnapshot(books, List.of(), source);
    }
  }

  /**
   * The second half of {@link #decide}: sizes and judges {@link Candidates} exactly as a scan does.
   * Holds sizing scratch space: one per thread.
   */
  public static final class Sizing {
    private final ScanRequest request;
    private final AmtOptimizer sizer;
    private final BigDecimal available;

    /** A sizing for decisions under {@code request} (as the engine's). */
    public Sizing(ScanRequest request) {
      this.request = Objects.requireNonNull(request, "request");
      this.sizer = new AmtOptimizer(request.query().maxLength());
      this.available = request.amount().orElse(new BigDecimal("1E+24"));
    }

    /** The candidates sized and judged, best top-of-book return first (ranks 1, 2, ...). */
    public List<Opportunity> size(Candidates c) {
      List<Opportunity> out = new ArrayList<>(c.cycles().size());
      GasValuation gas = null;
      for (int i = 0; i < c.cycles().size(); i++) {
        Cycle cycle = c.cycles().get(i);
        List<OrderBook> legBooks = c.legBooks().get(i);
        SizingOutcome outcome;
        if (legBooks.contains(null)) {
          if (gas == null) {
            gas = new GasValuation(request.pools().gas(), c.withPools(), request.pools().sameAs());
          }
          outcome = sizer.size(cycle, c.withPools(), available, gas);
        } else {
          outcome = sizer.size(cycle, legBooks, available);
        }
        out.add(Scanner.judge(i + 1, outcome, request));
      }
      return out;
    }
  }

  /**
   * The books the last {@link #decide} sized on, as a snapshot (for the paper trader and the
   * records' data age), with the engine's source name.
   */
  public MarketSnapshot decidedSnapshot() {
    return new MarketSnapshot(decidedBooks, List.of(), base.source());
  }

  /**
   * The current state as a snapshot: every book and pool (stale ones too when {@code withStale}).
   */
  public MarketSnapshot current(boolean withStale) {
    return current(books, pools, stale, base, withStale);
  }

  private static MarketSnapshot current(
      OrderBook[] books, Pool[] pools, boolean[] stale, MarketSnapshot base, boolean withStale) {
    List<OrderBook> bs = new ArrayList<>(books.length);
    Map<String, List<Pool>> byChain = new HashMap<>();
    for (int m = 0; m < books.length; m++) {
      if (!withStale && stale[m]) {
        continue;
      }
      if (books[m] != null) {
        bs.add(books[m]);
      } else if (pools[m] != null) {
        byChain.computeIfAbsent(pools[m].chain(), k -> new ArrayList<>()).add(pools[m]);
      }
    }
    List<ChainSnapshot> chains = new ArrayList<>(base.chains().size());
    for (ChainSnapshot c : base.chains()) {
      chains.add(c.withPools(byChain.getOrDefault(c.name(), List.of())));
    }
    return new MarketSnapshot(bs, base.problems(), base.source(), chains);
  }

  /** The best bid as a double, 0 for an empty side. */
  public static double bestBid(OrderBook b) {
    return b.bids().isEmpty() ? 0 : b.bids().get(0).price().doubleValue();
  }

  /** The best ask as a double, 0 for an empty side. */
  public static double bestAsk(OrderBook b) {
    return b.asks().isEmpty() ? 0 : b.asks().get(0).price().doubleValue();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Whether the graph has a cycle with return above 1 now (as the full detector would say). */
  public boolean hasNegativeCycle() {
    return detector.hasNegativeCycle();
  }

  /** The graph (updated in place; for benchmarks and tests). */
  public PathGraph graph() {
    return graph;
  }

  /** The detector (for benchmarks and tests). */
  public IncrementalDetector detector() {
    return detector;
  }

  /** Books and pools in the graph. */
  public int markets() {
    return graph.marketCount();
  }

  /** Events applied (books, pools, snapshots). */
  public long events() {
    return events;
  }

  /** Full runs of the detector, graph builds included. */
  public long fullRuns() {
    return fullRuns;
  }

  /** Graph builds (the first, snapshots that change the market set, new markets). */
  public long rebuilds() {
    return rebuilds;
  }

  /** Pool events of chains the engine does not have. */
  public long ignored() {
    return ignored;
  }

  /**
   * One short step (some 0.1 µs) of keeping this engine's working set in the CPU's caches, for a
   * runner that spins on its own core while it waits for the next event ({@code arb.run.wait =
   * spin}): reads the next few cache lines of the arrays an update touches (see {@link
   * CacheWarmer}) and the change log's next entries. Changes nothing; call it on the thread that
   * applies the events.
   */
  public void warm() {
    warmer.step(WARM_LINES);
    warmSink += log.ahead();
  }

  /**
   * Whether {@link #book} and {@link #pool} time their update and detection ({@link
   * #updateNanos()}, {@link #detectNanos()}; on by default): three clock reads per event, about 75
   * ns, that a runner whose stage timings nobody reads leaves out.
   */
  public void timeStages(boolean on) {
    timed = on;
    if (!on) {
      updateNanos = 0;
      detectNanos = 0;
    }
  }

  /** Nanoseconds the last event took to update the graph (0 when not timed). */
  public long updateNanos() {
    return updateNanos;
  }

  /**
   * Nanoseconds the last event's detection took (a full run included when one was due; 0 when not
   * timed).
   */
  public long detectNanos() {
    return detectNanos;
  }

  /** Nanoseconds the last {@link #decide} searched. */
  public long searchNanos() {
    return searchNanos;
  }

  /** Nanoseconds the last {@link #decide} sized and judged. */
  public long sizeNanos() {
    return sizeNanos;
  }
}
