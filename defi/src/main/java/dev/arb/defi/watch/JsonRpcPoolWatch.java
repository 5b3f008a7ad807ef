package dev.arb.defi.watch;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.JsonRpcPoolReader;
import dev.arb.defi.pools.PoolSnapshots;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.engine.chain.ChainView;
import dev.arb.engine.chain.PoolWatch;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.error.ChainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/**
 * Follows one chain's pools by polling: {@code eth_blockNumber}, the headers of the new blocks
 * (their parent hashes checked against the hashes held), and one {@code eth_getLogs} of the tracked
 * pools' {@code Sync}, {@code Swap}, {@code Mint} and {@code Burn} events over the new blocks.
 * Events that carry the whole new state are applied exactly; the pool of any other event is read
 * again at the new head with the {@link JsonRpcPoolReader}. A reorg re-reads every pool touched in
 * the dropped blocks and in the new ones; a gap of more than {@value #MAX_FOLLOW} blocks (or a
 * reorg deeper than the hashes held) reads every pool again.
 *
 * <p>The pools followed are those of the first read (the chain's configured DEXes or pool list);
 * pools created later are picked up only by a full re-read.
 */
public final class JsonRpcPoolWatch implements PoolWatch {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcPoolWatch.class);

  /** Most blocks followed by logs in one update; further behind, every pool is read again. */
  static final int MAX_FOLLOW = 256;

  private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

  private final ChainSpec spec;
  private final String rpcUrl;
  private final ChainClient chain;
  private final TokenMetadataCache cache;
  private volatile HeadSubscription heads;

  private final Map<String, ChainPoolState.Pool> pairs = new LinkedHashMap<>();
  private final Map<String, ChainPoolState.ConcentratedPool> concentrated = new LinkedHashMap<>();
  private final Map<String, ChainPoolState.Token> tokens = new LinkedHashMap<>();
  private final Set<String> stale = new LinkedHashSet<>();
  private final TreeMap<Long, String> hashes = new TreeMap<>();
  private final TreeMap<Long, Set<String>> touched = new TreeMap<>();
  private ChainPoolState first;
  private long block = -1;
  private Instant blockTime;
  private Long lastEventBlock;
  private Instant lastEventAt;
  private ChainSnapshot lastSnapshot;
  private BigDecimal lastGas;

  /**
   * @param spec what to follow (its DEXes, or an explicit pool list)
   * @param rpcUrl the node's JSON-RPC URL, for the pool reader
   * @param chain the same node, for blocks and logs
   * @param cache token metadata
   */
  public JsonRpcPoolWatch(
      ChainSpec spec, String rpcUrl, ChainClient chain, TokenMetadataCache cache) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.rpcUrl = Objects.requireNonNull(rpcUrl, "rpcUrl");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public String chain() {
    return spec.name();
  }

  @Override
  public ChainView advance() {
    long head = number(chain.rpc("eth_blockNumber", List.of()), "eth_blockNumber");
    List<String> problems = new ArrayList<>();
    Set<String> changed = new LinkedHashSet<>();
    int[] applied = {0};
    int reread = 0;
    int reorgs = 0;
    int newBlocks = 0;
    if (first == null || head - block > MAX_FOLLOW) {
      if (first != null) {
        problems.add(spec.name() + ": " + (head - block) + " blocks behind; every pool read again");
      }
      newBlocks = first == null ? 0 : 1;
      readAll(head);
      changed.addAll(pairs.keySet());
      changed.addAll(concentrated.keySet());
      reread = changed.size();
    } else if (head >= block) {
      Header held = header(block);
      long from = block + 1;
      Set<String> reRead = new LinkedHashSet<>(stale);
      if (!held.hash.equals(hashes.get(block))) {
        long ancestor = ancestor(block - 1);
        reorgs++;
        if (ancestor < 0) {
          problems.add(spec.name() + ": reorg deeper than the blocks held; every pool read again");
          readAll(head);
          changed.addAll(pairs.keySet());
          changed.addAll(concentrated.keySet());
          return view(head, changed, 0, changed.size(), reorgs, problems);
        }
        for (Set<String> s : touched.tailMap(ancestor, false).values()) {
          reRead.addAll(s);
        }
        problems.add(
            spec.name()
                + ": reorg at block "
                + (ancestor + 1)
                + " (parent hash changed); "
                + reRead.size()
                + " pools read again");
        hashes.tailMap(ancestor, false).clear();
        touched.tailMap(ancestor, false).clear();
        from = ancestor + 1;
      }
      newBlocks = (int) (head - block);
      Header top = held;
      if (from <= head) {
        Map<Long, Header> headers = new HashMap<>();
        for (long n = from; n <= head; n++) {
          Header h = header(n);
          String parent = hashes.get(n - 1);
          if (parent != null && !parent.equals(h.parent)) {
            // the chain moved while we read it: catch up on the next call
            problems.add(spec.name() + ": block " + n + " changed while read; retried next block");
            head = n - 1;
            break;
          }
          headers.put(n, h);
          hashes.put(n, h.hash);
          top = h;
        }
        if (head >= from) {
          List<PoolEvents.Event> events = logs(from, head);
          Set<String> exact = new LinkedHashSet<>();
          for (PoolEvents.Event e : events) {
            touched.computeIfAbsent(e.block(), k -> new LinkedHashSet<>()).add(e.pool());
            if (!appliesExactly(e)) {
              reRead.add(e.pool());
            }
            exact.add(e.pool());
          }
          for (PoolEvents.Event e : events) {
            if (!reRead.contains(e.pool())) {
              apply(e);
              applied[0]++;
            }
          }
          changed.addAll(exact);
          if (!events.isEmpty()) {
            PoolEvents.Event last = events.get(events.size() - 1);
            lastEventBlock = last.block();
            Header h = headers.get(last.block());
            lastEventAt = h == null ? lastEventAt : h.time;
          }
        }
      }
      if (!reRead.isEmpty()) {
        reread = reRead(reRead, head, problems);
        changed.addAll(reRead);
      }
      block = head;
      blockTime = top.time;
      trim();
    }
    return view(head, changed, applied[0], reread, reorgs, problems, newBlocks);
  }

  private ChainView view(
      long head, Set<String> changed, int applied, int reread, int reorgs, List<String> problems) {
    return view(head, changed, applied, reread, reorgs, problems, 1);
  }

  private ChainView view(
      long head,
      Set<String> changed,
      int applied,
      int reread,
      int reorgs,
      List<String> problems,
      int newBlocks) {
    problems.forEach(p -> LOG.info("{}", p));
    if (lastSnapshot == null || newBlocks > 0 || !changed.isEmpty() || reorgs > 0) {
      lastSnapshot = snapshot(problems);
      lastGas = gasPriceGwei();
    }
    return new ChainView(
        lastSnapshot,
        Math.max(head, block),
        block,
        blockTime,
        newBlocks,
        List.copyOf(changed),
        applied,
        reread,
        reorgs,
        pairs.size() + concentrated.size(),
        stale.size(),
        Optional.ofNullable(lastEventBlock),
        Optional.ofNullable(lastEventAt),
        lastGas,
        problems);
  }

  /** The state held as the engine's snapshot, stale pools left out. */
  private ChainSnapshot snapshot(List<String> problems) {
    ChainPoolState s =
        new ChainPoolState(
            spec.name(),
            first.chainId(),
            block,
            blockTime,
            first.nativeToken(),
            List.copyOf(tokens.values()),
            pairs.values().stream()
                .filter(p -> !stale.contains(p.address().toLowerCase(Locale.ROOT)))
                .toList(),
            concentrated.values().stream()
                .filter(p -> !stale.contains(p.address().toLowerCase(Locale.ROOT)))
                .toList(),
            List.of(),
            first.counts());
    return PoolSnapshots.chain(s, problems);
  }

  private void readAll(long at) {
    ChainPoolState s = new JsonRpcPoolReader(spec, rpcUrl, cache).read(OptionalLong.of(at));
    first = s;
    pairs.clear();
    concentrated.clear();
    tokens.clear();
    stale.clear();
    hashes.clear();
    touched.clear();
    s.tokens().forEach(t -> tokens.put(t.address().toLowerCase(Locale.ROOT), t));
    s.pools().forEach(p -> pairs.put(p.address().toLowerCase(Locale.ROOT), p));
    s.concentratedPools().forEach(p -> concentrated.put(p.address().toLowerCase(Locale.ROOT), p));
    block = s.block();
    blockTime = s.observedAt();
    hashes.put(block, header(block).hash);
  }

  /** Reads {@code pools} again at {@code at}; those that cannot be read are stale. */
  private int reRead(Set<String> pools, long at, List<String> problems) {
    List<String> addresses = List.copyOf(pools);
    ChainSpec only =
        new ChainSpec(
            spec.name(),
            spec.chainId(),
            spec.nativeToken(),
            spec.dexes(),
            addresses,
            spec.tokens(),
            spec.batchSize(),
            spec.requestTimeout());
    ChainPoolState s;
    try {
      s = new JsonRpcPoolReader(only, rpcUrl, cache).read(OptionalLong.of(at));
    } catch (ChainException e) {
      stale.addAll(addresses);
      problems.add(
          spec.name()
              + ": "
              + addresses.size()
              + " pools could not be read again: "
              + e.getMessage()
              + "; not used until they are");
      return 0;
    }
    Set<String> got = new LinkedHashSet<>();
    for (ChainPoolState.Token t : s.tokens()) {
      tokens.putIfAbsent(t.address().toLowerCase(Locale.ROOT), t);
    }
    for (ChainPoolState.Pool p : s.pools()) {
      String a = p.address().toLowerCase(Locale.ROOT);
      pairs.put(a, p);
      got.add(a);
    }
    for (ChainPoolState.ConcentratedPool p : s.concentratedPools()) {
      String a = p.address().toLowerCase(Locale.ROOT);
      concentrated.put(a, p);
      got.add(a);
    }
    stale.removeAll(got);
    for (String a : addresses) {
      if (!got.contains(a)) {
        stale.add(a);
        problems.add(
            spec.name()
                + ":"
                + JsonRpcPoolReader.shortAddress(a)
                + ": left out when read again at block "
                + at
                + "; not used until it can be read");
      }
    }
    return got.size();
  }

  private boolean appliesExactly(PoolEvents.Event e) {
    if (e instanceof PoolEvents.Sync s) {
      return pairs.containsKey(s.pool()) && s.reserve0().signum() > 0 && s.reserve1().signum() > 0;
    }
    ChainPoolState.ConcentratedPool p = concentrated.get(e.pool());
    if (p == null) {
      return false;
    }
    if (e instanceof PoolEvents.Swap s) {
      return s.tick() >= p.tickLowest() && s.tick() <= p.tickHighest();
    }
    if (e instanceof PoolEvents.Mint m) {
      return m.tickLower() >= p.tickLowest() && m.tickUpper() <= p.tickHighest();
    }
    return false;
  }

  private void apply(PoolEvents.Event e) {
    if (e instanceof PoolEvents.Sync s) {
      ChainPoolState.Pool p = pairs.get(s.pool());
      pairs.put(
          s.pool(),
          new ChainPoolState.Pool(
              p.address(), p.dex(), p.fee(), p.token0(), p.token1(), s.reserve0(), s.reserve1()));
    } else if (e instanceof PoolEvents.Swap s) {
      ChainPoolState.ConcentratedPool p = concentrated.get(s.pool());
      concentrated.put(
          s.pool(), withState(p, s.sqrtPriceX96(), s.tick(), s.liquidity(), p.ticks()));
    } else if (e instanceof PoolEvents.Mint m) {
      ChainPoolState.ConcentratedPool p = concentrated.get(m.pool());
      Map<Integer, BigInteger> net = new TreeMap<>();
      p.ticks().forEach(t -> net.put(t.index(), t.liquidityNet()));
      net.merge(m.tickLower(), m.amount(), BigInteger::add);
      net.merge(m.tickUpper(), m.amount().negate(), BigInteger::add);
      BigInteger liquidity =
          m.tickLower() <= p.tick() && p.tick() < m.tickUpper()
              ? p.liquidity().add(m.amount())
              : p.liquidity();
      List<ChainPoolState.Tick> ticks = new ArrayList<>();
      net.forEach((i, n) -> ticks.add(new ChainPoolState.Tick(i, n)));
      concentrated.put(m.pool(), withState(p, p.sqrtPriceX96(), p.tick(), liquidity, ticks));
    }
  }

  private static ChainPoolState.ConcentratedPool withState(
      ChainPoolState.ConcentratedPool p,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      List<ChainPoolState.Tick> ticks) {
    return new ChainPoolState.ConcentratedPool(
        p.address(),
        p.dex(),
        p.fee(),
        p.token0(),
        p.token1(),
        p.tickSpacing(),
        sqrtPriceX96,
        tick,
        liquidity,
        ticks,
        p.tickLowest(),
        p.tickHighest());
  }

  /** The events of the tracked pools in blocks {@code from..to}, in chain order. */
  private List<PoolEvents.Event> logs(long from, long to) {
    List<String> addresses = new ArrayList<>(pairs.keySet());
    addresses.addAll(concentrated.keySet());
    if (addresses.isEmpty()) {
      return List.of();
    }
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("fromBlock", Numeric.encodeQuantity(BigInteger.valueOf(from)));
    filter.put("toBlock", Numeric.encodeQuantity(BigInteger.valueOf(to)));
    filter.put("address", addresses);
    filter.put("topics", List.of(PoolEvents.TOPICS));
    Object r = chain.rpc("eth_getLogs", List.of(filter));
    if (!(r instanceof List<?> entries)) {
      throw new ChainException("chain: eth_getLogs of " + spec.name() + " answered no list");
    }
    List<Map<?, ?>> raw = new ArrayList<>();
    for (Object o : entries) {
      if (o instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("removed"))) {
        raw.add(m);
      }
    }
    raw.sort(
        Comparator.comparing(
                (Map<?, ?> m) -> Numeric.toBigInt(String.valueOf(m.get("blockNumber"))))
            .thenComparing(m -> Numeric.toBigInt(String.valueOf(m.get("logIndex")))));
    List<PoolEvents.Event> out = new ArrayList<>(raw.size());
    for (Map<?, ?> m : raw) {
      try {
        out.add(PoolEvents.decode(m));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new ChainException(
            "chain: eth_getLogs of "
                + spec.name()
                + " answered a malformed entry: "
                + e.getMessage());
      }
    }
    return out;
  }

  /** The newest block at or below {@code from} whose hash is still the one held; -1 if none. */
  private long ancestor(long from) {
    for (long n = from; n >= 0 && hashes.containsKey(n); n--) {
      if (header(n).hash.equals(hashes.get(n))) {
        return n;
      }
    }
    return -1;
  }

  private void trim() {
    while (hashes.size() > MAX_FOLLOW) {
      hashes.pollFirstEntry();
    }
    while (!touched.isEmpty() && touched.firstKey() < block - MAX_FOLLOW) {
      touched.pollFirstEntry();
    }
  }

  private record Header(String hash, String parent, Instant time) {}

  private Header header(long n) {
    Object r =
        chain.rpc(
            "eth_getBlockByNumber", List.of(Numeric.encodeQuantity(BigInteger.valueOf(n)), false));
    if (!(r instanceof Map<?, ?> m)
        || !(m.get("hash") instanceof String hash)
        || !(m.get("parentHash") instanceof String parent)
        || !(m.get("timestamp") instanceof String time)) {
      throw new ChainException("chain: " + spec.name() + " has no block " + n + " (yet)");
    }
    return new Header(
        hash.toLowerCase(Locale.ROOT),
        parent.toLowerCase(Locale.ROOT),
        Instant.ofEpochSecond(Numeric.toBigInt(time).longValueExact()));
  }

  private BigDecimal gasPriceGwei() {
    BigInteger wei = Numeric.toBigInt(String.valueOf(chain.rpc("eth_gasPrice", List.of())));
    return new BigDecimal(wei).divide(WEI_PER_GWEI).stripTrailingZeros();
  }

  private static long number(Object hex, String method) {
    if (!(hex instanceof String s)) {
      throw new ChainException("chain: " + method + " answered no number");
    }
    return Numeric.toBigInt(s).longValueExact();
  }

  /**
   * Also listens for new blocks over WebSocket ({@code eth_subscribe newHeads} at {@code wsUrl}):
   * {@link #awaitNews} then returns as soon as the node announces a block; while the socket is down
   * it waits the full interval (polling) and the socket is opened again in the background.
   *
   * @return this watch
   */
  public JsonRpcPoolWatch subscribeHeads(String wsUrl) {
    HeadSubscription old = heads;
    heads = new HeadSubscription(wsUrl);
    if (old != null) {
      old.close();
    }
    return this;
  }

  /** The WebSocket subscription to new blocks, if one was asked for. */
  public java.util.Optional<HeadSubscription> headSubscription() {
    return java.util.Optional.ofNullable(heads);
  }

  @Override
  public boolean awaitNews(java.time.Duration max) throws InterruptedException {
    HeadSubscription h = heads;
    if (h == null) {
      Thread.sleep(max.toMillis());
      return false;
    }
    return h.awaitHead(max);
  }

  @Override
  public void close() {
    HeadSubscription h = heads;
    if (h != null) {
      h.close();
    }
    cache.save();
  }
}
