package dev.arb.daemon.chain;

import dev.arb.engine.chain.ChainView;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.chain.DexExecutor;
import dev.arb.engine.chain.PoolWatch;
import dev.arb.engine.execution.InventoryCycles;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.sizing.GasModel;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.error.ArbException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one chain: on its own thread, every {@code poll} it advances the {@link PoolWatch}; after
 * a block that changed a pool (or a reorg) it scans the chain's pools, and hands each sized cycle
 * whose legs are all pools to the {@link DexExecutor}, unless it was rejected before on exactly the
 * same pool states (nothing new to decide, nothing recorded twice). Pools of a transaction still
 * pending, or already used by a transaction sent at this block, are not used again (never two
 * transactions for the same pools in one block); such a cycle is decided at a later block. Each
 * block first settles the pending transactions. Every finished attempt goes to the recorder. Data
 * older than {@code maxAge} is not scanned.
 *
 * <p>With {@link #tradeInventory} the scan also holds the exchanges' books joined to the chain's
 * tokens ({@code same-as}), and every block with news is scanned: a sized cycle that mixes books
 * and pools of this chain goes to the {@link InventoryTrader} (all legs at once from inventory),
 * unless one of its pools is busy, one of its pools or books was traded earlier in the same step
 * (the scan sized it on what that trade took), or it was traded before on exactly the same pool
 * states.
 */
public final class ChainFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

  /**
   * How to follow.
   *
   * @param poll time between two polls of the node
   * @param send whether transactions are sent ({@code arb.trading.mode = live}); otherwise each
   *     cycle is decided and recorded as rejected, "paper mode"
   * @param maxLength longest cycle, in hops (2 to 6, the contract's limit)
   * @param topK cycles sized per scan
   * @param minProfitBp cycles at or below this return (before gas) are not sized
   * @param startTokens symbols or addresses of the tokens cycles may start in (the loan token);
   *     empty: any
   * @param maxAge pool data older than this (since its block was made) is not scanned
   * @param gas the gas model; the chain's gas price comes from each block
   */
  public record Settings(
      Duration poll,
      boolean send,
      int maxLength,
      int topK,
      double minProfitBp,
      List<String> startTokens,
      Optional<Duration> maxAge,
      GasModel gas) {
    public Settings {
      Objects.requireNonNull(poll, "poll");
      if (poll.isNegative() || poll.isZero()) {
        throw new IllegalArgumentException("poll must be positive, got " + poll);
      }
      if (maxLength < 2 || maxLength > 6) {
        throw new IllegalArgumentException("maxLength must be 2 to 6, got " + maxLength);
      }
      if (topK < 1) {
        throw new IllegalArgumentException("topK must be at least 1, got " + topK);
      }
      startTokens = List.copyOf(startTokens);
      Objects.requireNonNull(maxAge, "maxAge");
      Objects.requireNonNull(gas, "gas");
    }
  }

  private final PoolWatch watch;
  private final DexExecutor executor;
  private final Settings settings;
  private final OpportunityRecorder recorder;
  private final Clock clock;
  private final Consumer<DexAttempt> listener;
  private final Map<DexAttempt.Outcome, Long> counts = new EnumMap<>(DexAttempt.Outcome.class);

  /** Most rejected cycles remembered (with their pools' states) so as not to record them again. */
  private static final int MAX_REMEMBERED = 10_000;

  private final Map<List<String>, List<Pool>> rejected = new HashMap<>();
  private final Map<List<String>, List<Pool>> inventoryTried = new HashMap<>();
  private final Map<OpportunityStatusKey, Long> inventoryCounts = new HashMap<>();
  private volatile Inventory inventory;

  /** Why decisions are held now (the daemon paused, its kill switch on), or empty. */
  private volatile Supplier<Optional<String>> hold = Optional::empty;

  /** The hold reason last logged, so a hold is logged once, not every block. */
  private Optional<String> held = Optional.empty();

  /** A hold ended: the first step after it scans even without news (blocks passed unscanned). */
  private boolean scanAfterHold;

  /**
   * CEX–DEX cycles traded from inventory.
   *
   * @param books the exchanges' current books
   * @param joins the chain's tokens held as one with exchange assets, by token address
   * @param symbolJoins more such joins, the token named by its symbol (e.g. {@code WETH -> ETH}):
   *     resolved at each scan among the tokens of the chain's pools; a symbol no token or more than
   *     one token has joins nothing (logged once)
   * @param trader trades such cycles
   */
  public record Inventory(
      Supplier<List<OrderBook>> books,
      List<SameAs> joins,
      Map<String, Asset> symbolJoins,
      InventoryTrader trader) {
    public Inventory {
      Objects.requireNonNull(books, "books");
      joins = List.copyOf(joins);
      symbolJoins = Map.copyOf(symbolJoins);
      if (joins.isEmpty() && symbolJoins.isEmpty()) {
        throw new IllegalArgumentException("no same-as join: books and pools cannot meet");
      }
      Objects.requireNonNull(trader, "trader");
    }

    /** Joins by token address only. */
    public Inventory(Supplier<List<OrderBook>> books, List<SameAs> joins, InventoryTrader trader) {
      this(books, joins, Map.of(), trader);
    }
  }

  /** Symbols of {@code same-as} joins already reported as not resolvable. */
  private final Set<String> unresolved = ConcurrentHashMap.newKeySet();

  /** The joins of {@code inv} on {@code chain}'s tokens: by address, and by symbol if unique. */
  private List<SameAs> joins(Inventory inv, ChainSnapshot chain) {
    if (inv.symbolJoins().isEmpty()) {
      return inv.joins();
    }
    List<SameAs> out = new ArrayList<>(inv.joins());
    for (Map.Entry<String, Asset> j : inv.symbolJoins().entrySet()) {
      List<Token> found = chain.find(j.getKey());
      if (found.size() == 1) {
        out.add(new SameAs(chain.name(), found.get(0).asset(), j.getValue()));
      } else if (unresolved.add(j.getKey() + "/" + found.size())) {
        LOG.warn(
            "{}: same-as {} = {} joins nothing: {} of the pools' tokens have the symbol {}{}",
            chain.name(),
            j.getKey(),
            j.getValue(),
            found.size(),
            j.getKey(),
            found.isEmpty() ? "" : "; write the token's address instead");
      }
    }
    return out;
  }

  /** How inventory trades ended, for counting. */
  private enum OpportunityStatusKey {
    EXECUTED,
    FAILED,
    REJECTED
  }

  private volatile ChainView last;
  private volatile String error;
  private volatile BigInteger gasSpent = BigInteger.ZERO;
  private volatile boolean stopping;
  private Thread thread;

  /**
   * @param listener told of every attempt (pending ones too), on the follower's thread
   */
  public ChainFollower(
      PoolWatch watch,
      DexExecutor executor,
      Settings settings,
      OpportunityRecorder recorder,
      Clock clock,
      Consumer<DexAttempt> listener) {
    this.watch = Objects.requireNonNull(watch, "watch");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    for (DexAttempt.Outcome o : DexAttempt.Outcome.values()) {
      counts.put(o, 0L);
    }
  }

  /** Also trades the CEX–DEX cycles of this chain from inventory; call before {@link #start}. */
  public ChainFollower tradeInventory(Inventory inv) {
    this.inventory = Objects.requireNonNull(inv, "inventory");
    return this;
  }

  /**
   * Inventory trades so far: {@code executed}, {@code failed} and {@code rejected} (a risk limit,
   * the kill switch, live trading paused).
   */
  public Map<String, Long> inventoryTrades() {
    synchronized (inventoryCounts) {
      Map<String, Long> out = new java.util.TreeMap<>();
      for (OpportunityStatusKey k : OpportunityStatusKey.values()) {
        out.put(k.name().toLowerCase(java.util.Locale.ROOT), inventoryCounts.getOrDefault(k, 0L));
      }
      return out;
    }
  }

  /** The chain's name. */
  public String chain() {
    return watch.chain();
  }

  /**
   * Holds decisions while {@code reason} gives one (the daemon's pause and kill switch): the
   * follower keeps following blocks (pool states stay fresh) and settling the transactions it has
   * already sent, but decides, sends and trades nothing new; once the hold ends, the next block is
   * scanned in full. Call before {@link #start}.
   */
  public ChainFollower holdWhile(Supplier<Optional<String>> reason) {
    this.hold = Objects.requireNonNull(reason, "reason");
    return this;
  }

  /** Starts following on a thread of its own. */
  public synchronized ChainFollower start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::loop, "arb-chain-" + watch.chain());
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopping) {
      try {
        step();
      } catch (ArbException | IllegalArgumentException e) {
        error = e.getMessage();
        LOG.warn("{}: {}", watch.chain(), e.getMessage());
        LOG.debug("{}: chain update failed", watch.chain(), e);
      }
      try {
        watch.awaitNews(settings.poll());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One poll: advance, settle, scan and attempt. Public for tests that drive the follower without
   * its thread.
   */
  public synchronized void step() {
    ChainView view = watch.advance();
    boolean firstView = last == null;
    last = view;
    error = null;
    for (DexAttempt a : executor.settle(view)) {
      finished(a);
    }
    Optional<String> why = hold.get();
    if (why.isPresent()) {
      if (!why.equals(held)) {
        LOG.info("{}: {}: following blocks, deciding and sending nothing", view.chain(), why.get());
      }
      held = why;
      scanAfterHold = true;
      return;
    }
    if (held.isPresent()) {
      LOG.info("{}: deciding again from block {}", view.chain(), view.block());
      held = Optional.empty();
    }
    Inventory inv = inventory;
    boolean news =
        !view.changedPools().isEmpty() || (inv != null && view.newBlocks() > 0) || scanAfterHold;
    scanAfterHold = false;
    if (!firstView && !news) {
      return;
    }
    Instant now = clock.instant();
    if (settings.maxAge().isPresent() && view.age(now).compareTo(settings.maxAge().get()) > 0) {
      LOG.info(
          "{}: block {} is {} s old, older than the max age; not scanned",
          view.chain(),
          view.block(),
          view.age(now).toSeconds());
      return;
    }
    ChainSnapshot chain = view.snapshot();
    List<OrderBook> books = inv == null ? List.of() : inv.books().get();
    ScanReport report =
        Scanner.scan(
            new MarketSnapshot(books, List.of(), "chain " + chain.name(), List.of(chain)),
            request(view, inv));
    LOG.debug(
        "{}: block {}: {} cycles, {} pools changed",
        chain.name(),
        view.block(),
        report.opportunities().size(),
        view.changedPools().size());
    Set<String> busy = new HashSet<>(executor.busyPools());
    for (Opportunity o : report.opportunities()) {
      if (hold.get().isPresent()) {
        scanAfterHold = true; // held in the middle of the step: the rest is decided after it
        break;
      }
      // sized, or sized and then rejected by a later rule (gas above profit): the executor
      // simulates both and records why it does not send
      if (o.plan().isEmpty()) {
        LOG.debug("{}: not sized: {}", chain.name(), o.reason().orElse(""));
        continue;
      }
      TradePlan plan = o.plan().get();
      List<String> pools = dexOnly(plan, chain.name());
      if (pools.isEmpty() && inv != null && InventoryCycles.mixed(plan)) {
        inventory(inv, o, plan, report, now, busy);
        continue;
      }
      if (pools.isEmpty() || pools.size() > 6 || pools.stream().anyMatch(busy::contains)) {
        // a pool in a transaction not mined yet: decided again at a later block
        continue;
      }
      List<Pool> state = plan.swaps().stream().map(PoolSwap::pool).toList();
      if (state.equals(rejected.get(pools))) {
        continue; // rejected before on exactly these pool states: nothing new to decide
      }
      DexAttempt a = executor.attempt(plan, view, now, settings.send());
      if (a.outcome() == DexAttempt.Outcome.PENDING) {
        busy.addAll(pools);
        count(a);
      } else {
        if (rejected.size() >= MAX_REMEMBERED) {
          rejected.clear();
        }
        rejected.put(pools, state);
        finished(a);
      }
    }
  }

  /** Trades a mixed cycle from inventory, unless a pool is busy or it was tried on these states. */
  private void inventory(
      Inventory inv,
      Opportunity o,
      TradePlan plan,
      ScanReport report,
      Instant now,
      Set<String> busy) {
    List<String> pools = new ArrayList<>();
    List<String> markets = new ArrayList<>();
    for (LegFill f : plan.fills()) {
      if (f.leg().isPool()) {
        if (f.swap().isEmpty() || !f.leg().pool().chain().equals(watch.chain())) {
          return; // a pool of another chain, or not sized: not this follower's
        }
        pools.add(f.leg().pool().address());
      } else {
        markets.add(f.leg().market().id());
      }
    }
    // a pool or a book already traded in this step: the scan sized this cycle on what that trade
    // took, so it is decided again at the next scan
    if (pools.stream().anyMatch(busy::contains) || markets.stream().anyMatch(busy::contains)) {
      return;
    }
    List<Pool> state = plan.swaps().stream().map(PoolSwap::pool).toList();
    if (state.equals(inventoryTried.get(pools))) {
      return;
    }
    if (inventoryTried.size() >= MAX_REMEMBERED) {
      inventoryTried.clear();
    }
    inventoryTried.put(pools, state);
    OpportunityRecord r = OpportunityRecords.of(o, report.source(), now, report.names());
    InventoryTrader.Traded t = inv.trader().trade(r, plan);
    // a trade that was under way when the follower was stopped is still recorded
    boolean stopped = Thread.interrupted();
    busy.addAll(pools);
    busy.addAll(markets);
    synchronized (inventoryCounts) {
      inventoryCounts.merge(
          switch (t.record().status()) {
            case EXECUTED -> OpportunityStatusKey.EXECUTED;
            case REJECTED -> OpportunityStatusKey.REJECTED;
            default -> OpportunityStatusKey.FAILED;
          },
          1L,
          Long::sum);
    }
    try {
      record(t.record());
    } finally {
      if (stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The pools of a plan whose legs are all pools of {@code chain}; empty otherwise. */
  private static List<String> dexOnly(TradePlan plan, String chain) {
    List<String> out = new ArrayList<>();
    for (LegFill f : plan.fills()) {
      Optional<PoolSwap> s = f.swap();
      if (s.isEmpty() || !s.get().pool().chain().equals(chain)) {
        return List.of();
      }
      out.add(s.get().pool().address());
    }
    return out;
  }

  private ScanRequest request(ChainView view, Inventory inv) {
    ChainSnapshot chain = view.snapshot();
    Set<Asset> starts = new LinkedHashSet<>();
    for (String s : settings.startTokens()) {
      List<Token> found = chain.find(s);
      if (found.size() == 1) {
        starts.add(found.get(0).asset());
      }
    }
    PathQuery query =
        new PathQuery(
            settings.maxLength(),
            settings.topK(),
            List.copyOf(starts),
            OptionalDouble.of(settings.minProfitBp()),
            true);
    // profits before gas: the executor values the real gas estimate of the exact transaction at
    // the oracle's fee, and records a cycle that does not beat it as rejected with that figure
    return new ScanRequest(query, Optional.empty(), Optional.empty())
        .withPools(
            PoolOptions.defaults()
                .withGas(settings.gas())
                .withSameAs(inv == null ? List.of() : joins(inv, chain)));
  }

  private void finished(DexAttempt a) {
    count(a);
    a.record().ifPresent(this::record);
    gasSpent = gasSpent.add(a.gasSpentWei());
  }

  private void count(DexAttempt a) {
    synchronized (counts) {
      counts.merge(a.outcome(), 1L, Long::sum);
      if (a.outcome() != DexAttempt.Outcome.PENDING) {
        // a pending attempt counted when sent is finished now
        if (a.txHash().isPresent()) {
          counts.merge(DexAttempt.Outcome.PENDING, -1L, Long::sum);
        }
      }
    }
    listener.accept(a);
  }

  private void record(OpportunityRecord r) {
    recorder.record(r);
  }

  /** Attempts so far by outcome ({@code pending}: sent and not mined yet). */
  public Map<DexAttempt.Outcome, Long> attempts() {
    synchronized (counts) {
      return Map.copyOf(counts);
    }
  }

  /** Gas paid by the attempts mined so far, wei. */
  public BigInteger gasSpentWei() {
    return gasSpent;
  }

  /** Blocks the pools lag behind the node's head; 0 before the first read. */
  public long lagBlocks() {
    ChainView v = last;
    return v == null ? 0 : v.lagBlocks();
  }

  /**
   * Whether the follower has finished deciding on block {@code head} (or later) and has no
   * transaction pending: it then sends nothing until a new block comes. Waits for a step in
   * progress to end (it takes the step's lock), so a caller never sees the state half-decided.
   */
  public synchronized boolean idleAt(long head) {
    ChainView v = last;
    return v != null && v.block() >= head && executor.busyPools().isEmpty();
  }

  /** The chain as {@code /status} shows it. */
  public ChainStatus status(Instant now) {
    ChainView v = last;
    Map<DexAttempt.Outcome, Long> a = attempts();
    return new ChainStatus(
        v == null ? null : v.head(),
        v == null ? null : v.block(),
        v == null ? null : v.lagBlocks(),
        v == null ? null : v.age(now).toSeconds(),
        v == null ? 0 : v.poolsTracked(),
        v == null ? 0 : v.stalePools(),
        v == null ? null : v.lastEventBlock().orElse(null),
        v == null
            ? null
            : v.lastEventAt()
                .map(t -> Math.max(0, Duration.between(t, now).toSeconds()))
                .orElse(null),
        a.get(DexAttempt.Outcome.EXECUTED),
        a.get(DexAttempt.Outcome.REJECTED),
        a.get(DexAttempt.Outcome.FAILED),
        a.get(DexAttempt.Outcome.PENDING),
        gasSpent,
        settings.send() ? "live" : "paper",
        error);
  }

  /** Stops the thread (waiting up to {@code timeout}) and closes the watch. */
  public void stop(Duration timeout) {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    watch.close();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
