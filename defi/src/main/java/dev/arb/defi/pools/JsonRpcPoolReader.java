package dev.arb.defi.pools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.defi.pools.ChainPoolState.Counts;
import dev.arb.defi.pools.ChainPoolState.Pool;
import dev.arb.defi.pools.ChainPoolState.Token;
import dev.arb.defi.pools.RpcBatchClient.Answer;
import dev.arb.defi.pools.RpcBatchClient.Call;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;

/**
 * Reads a chain's pools over JSON-RPC at one block: the pairs of each constant-product factory
 * ({@code allPairsLength()}, {@code allPairs(i)}, at most {@code max-pools} per factory), the pools
 * of each concentrated-liquidity factory found with {@code getPool} ({@link
 * ConcentratedPoolReads}), or an explicit pool list (each pool's {@code factory()} names its DEX);
 * each pair's {@code token0()}, {@code token1()} and {@code getReserves()}, each concentrated
 * pool's state and initialized ticks, and every token's {@code symbol()} and {@code decimals()}
 * (from the cache when known). Every {@code eth_call} names the same block number, and calls go in
 * JSON-RPC batches.
 *
 * <p>What a contract answers is a value: a reverted call, empty or malformed return data, a {@code
 * bytes32} symbol, decimals above 77 are handled and listed in {@link ChainPoolState#problems()};
 * the pool concerned is left out when it cannot be priced (no decimals, no reserves). What the node
 * answers wrong (an error that is not a revert, malformed JSON, the wrong chain id, HTTP errors,
 * timeouts after retries) fails the whole read with a {@link ChainException} naming the RPC without
 * the parts of its URL that may hold a key.
 *
 * <p>One reader reads one chain; it is not safe for use by several threads at once.
 */
public final class JsonRpcPoolReader {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcPoolReader.class);

  /** Most decimals a token may have: 10^77 is the largest power of ten below 2^256. */
  public static final int MAX_DECIMALS = 77;

  /** A pair stores each reserve in a uint112. */
  private static final int RESERVE_BITS = 112;

  /** Longest symbol kept; longer ones are cut (and reported). */
  public static final int MAX_SYMBOL = 32;

  /** Reason of pools left out for a zero reserve. */
  public static final String ZERO_RESERVE = "zero_reserve";

  /** Reason of pools left out for a token outside the allow-list. */
  public static final String NOT_ALLOWED = "not_in_allow_list";

  /** Reason of pools left out for a token whose decimals could not be read. */
  public static final String NO_DECIMALS = "no_decimals";

  /** Reason of pools left out because a call to the pool failed. */
  public static final String NOT_A_PAIR = "not_a_pair";

  /** Reason of concentrated pools left out because they were never initialized (no price). */
  public static final String NOT_INITIALIZED = "not_initialized";

  /** Reason of concentrated pools left out for having no liquidity within the ticks read. */
  public static final String NO_LIQUIDITY = "no_liquidity";

  /** Reason of concentrated pools left out whose ticks do not add up (a node answering wrong). */
  public static final String INCONSISTENT = "inconsistent_ticks";

  /** Reason of pools of an explicit list left out because their factory is not a known DEX. */
  public static final String UNKNOWN_FACTORY = "unknown_factory";

  private final ChainSpec spec;
  private final RpcBatchClient rpc;
  private final TokenMetadataCache cache;
  private final List<String> problems = new ArrayList<>();
  private final ConcentratedPoolReads concentrated;
  private final Map<String, Integer> leftOut = new LinkedHashMap<>();

  /**
   * @param spec what to read
   * @param rpcUrl the node's JSON-RPC URL (http or https); shown only as scheme, host and port
   * @param cache where token metadata is looked up and kept ({@link TokenMetadataCache#inMemory()}
   *     for none); the caller saves it
   * @throws ChainException if the URL is not an http(s) URL
   */
  public JsonRpcPoolReader(ChainSpec spec, String rpcUrl, TokenMetadataCache cache) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.rpc = new RpcBatchClient(rpcUrl, spec.requestTimeout(), spec.batchSize());
    this.cache = Objects.requireNonNull(cache, "cache");
    this.concentrated = new ConcentratedPoolReads(this, spec, rpc);
  }

  /** The RPC as it may be shown (scheme, host and port). */
  public String shownUrl() {
    return rpc.shownUrl();
  }

  /**
   * Reads the pools.
   *
   * @param block the block to read at; empty for the latest block (then pinned for every call)
   * @throws ChainException if the node fails, answers wrong, serves another chain, or does not have
   *     {@code block}
   */
  public ChainPoolState read(OptionalLong block) {
    long started = System.nanoTime();
    int callsBefore = rpc.calls();
    int requestsBefore = rpc.requests();
    problems.clear();
    leftOut.clear();
    Head head = head(block);
    cache.bind(head.chainId, head.genesis);
    String tag = quantity(head.block);

    long[] skipped = {0};
    List<Found> found = spec.pools().isEmpty() ? enumerate(tag, skipped) : explicit(tag);
    List<Pair> pairs = pairs(found.stream().filter(f -> !f.dex().concentrated()).toList(), tag);
    List<ConcentratedPoolReads.Read> v3 =
        concentrated.read(found.stream().filter(f -> f.dex().concentrated()).toList(), tag);

    Set<String> allowed = new LinkedHashSet<>(spec.tokens());
    List<Pair> kept = new ArrayList<>();
    for (Pair p : pairs) {
      if (!allowed.isEmpty() && !(allowed.contains(p.token0) && allowed.contains(p.token1))) {
        leave(NOT_ALLOWED);
      } else {
        kept.add(p);
      }
    }
    List<ConcentratedPoolReads.Read> keptV3 = new ArrayList<>();
    for (ConcentratedPoolReads.Read p : v3) {
      if (!allowed.isEmpty() && !(allowed.contains(p.token0()) && allowed.contains(p.token1()))) {
        leave(NOT_ALLOWED);
      } else {
        keptV3.add(p);
      }
    }
    Set<String> wanted = new LinkedHashSet<>();
    spec.nativeToken().ifPresent(wanted::add);
    for (Pair p : kept) {
      wanted.add(p.token0);
      wanted.add(p.token1);
    }
    for (ConcentratedPoolReads.Read p : keptV3) {
      wanted.add(p.token0());
      wanted.add(p.token1());
    }
    int[] fromCache = {0};
    Map<String, Meta> meta = metadata(wanted, tag, fromCache);

    Map<String, Integer> poolsPerBadToken = new HashMap<>();
    List<Pool> pools = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (Pair p : kept) {
      Meta m0 = meta.get(p.token0);
      Meta m1 = meta.get(p.token1);
      if (!(m0 instanceof Meta.Good) || !(m1 instanceof Meta.Good)) {
        for (String t : List.of(p.token0, p.token1)) {
          if (!(meta.get(t) instanceof Meta.Good)) {
            poolsPerBadToken.merge(t, 1, Integer::sum);
          }
        }
        leave(NO_DECIMALS);
        continue;
      }
      if (p.reserve0.signum() == 0 || p.reserve1.signum() == 0) {
        leave(ZERO_RESERVE);
        continue;
      }
      used.add(p.token0);
      used.add(p.token1);
      pools.add(
          new Pool(
              checksum(p.address),
              p.dex.name(),
              p.dex.fee(),
              checksum(p.token0),
              checksum(p.token1),
              p.reserve0,
              p.reserve1));
    }
    List<ChainPoolState.ConcentratedPool> concentratedPools = new ArrayList<>();
    for (ConcentratedPoolReads.Read p : keptV3) {
      Meta m0 = meta.get(p.token0());
      Meta m1 = meta.get(p.token1());
      if (!(m0 instanceof Meta.Good g0) || !(m1 instanceof Meta.Good g1)) {
        for (String t : List.of(p.token0(), p.token1())) {
          if (!(meta.get(t) instanceof Meta.Good)) {
            poolsPerBadToken.merge(t, 1, Integer::sum);
          }
        }
        leave(NO_DECIMALS);
        continue;
      }
      Optional<ChainPoolState.ConcentratedPool> pool =
          concentrated.checked(p, g0.decimals(), g1.decimals());
      if (pool.isPresent()) {
        used.add(p.token0());
        used.add(p.token1());
        concentratedPools.add(pool.get());
      }
    }
    for (String t : wanted) {
      if (meta.get(t) instanceof Meta.Bad b) {
        int n = poolsPerBadToken.getOrDefault(t, 0);
        problem(
            t,
            b.why()
                + (n == 0 ? "" : "; its " + (n == 1 ? "pool is" : n + " pools are") + " left out"));
      }
    }
    Optional<String> nativeToken = Optional.empty();
    if (spec.nativeToken().isPresent()) {
      String n = spec.nativeToken().get();
      if (!allowed.isEmpty() && !allowed.contains(n)) {
        problem(n, "the native token is not in the allow-list; no native_token written");
      } else if (meta.get(n) instanceof Meta.Good) {
        used.add(n);
        nativeToken = Optional.of(checksum(n));
      }
    }
    List<Token> tokens = new ArrayList<>();
    for (String t : new TreeSet<>(used)) {
      Meta.Good g = (Meta.Good) meta.get(t);
      tokens.add(new Token(checksum(t), g.symbol(), g.decimals()));
    }
    Counts counts =
        new Counts(
            found.size(),
            skipped[0],
            leftOut,
            fromCache[0],
            rpc.calls() - callsBefore,
            rpc.requests() - requestsBefore,
            Duration.ofNanos(System.nanoTime() - started));
    LOG.debug(
        "{}: block {}, {} pools, {} left out, {} tokens, {} calls in {} requests",
        spec.name(),
        head.block,
        pools.size() + concentratedPools.size(),
        counts.leftOutTotal(),
        tokens.size(),
        counts.calls(),
        counts.requests());
    return new ChainPoolState(
        spec.name(),
        head.chainId,
        head.block,
        head.observedAt,
        nativeToken,
        tokens,
        pools,
        concentratedPools,
        problems,
        counts);
  }

  // --- the block

  private record Head(long chainId, long block, Instant observedAt, String genesis) {}

  private Head head(OptionalLong pinned) {
    String tag = pinned.isPresent() ? quantity(pinned.getAsLong()) : "latest";
    List<Answer> a =
        rpc.send(
            List.of(
                new Call("eth_chainId", List.of()),
                new Call("eth_blockNumber", List.of()),
                new Call("eth_getBlockByNumber", params(tag, false)),
                new Call("eth_getBlockByNumber", params("0x0", false))),
            "the block");
    long chainId = number(a.get(0), "eth_chainId").longValueExact();
    if (spec.chainId().isPresent() && spec.chainId().getAsLong() != chainId) {
      throw new ChainException(
          "chain: the RPC at "
              + rpc.shownUrl()
              + " serves chain id "
              + chainId
              + ", but chain "
              + spec.name()
              + " is "
              + spec.chainId().getAsLong()
              + "; check the RPC URL and the configured chain-id");
    }
    long latest = number(a.get(1), "eth_blockNumber").longValueExact();
    JsonNode block = result(a.get(2), "eth_getBlockByNumber");
    if (block.isNull()) {
      if (pinned.isPresent()) {
        throw new ChainException(
            "chain: block "
                + pinned.getAsLong()
                + " is not on chain "
                + spec.name()
                + " yet (the latest is "
                + latest
                + "); give --block "
                + latest
                + " or less");
      }
      throw malformed("eth_getBlockByNumber", "no latest block");
    }
    JsonNode genesis = result(a.get(3), "eth_getBlockByNumber");
    if (!genesis.isObject() || !genesis.path("hash").isTextual()) {
      throw malformed("eth_getBlockByNumber", "no genesis block");
    }
    long number = hexNumber(block.get("number"), "eth_getBlockByNumber").longValueExact();
    long time = hexNumber(block.get("timestamp"), "eth_getBlockByNumber").longValueExact();
    return new Head(chainId, number, Instant.ofEpochSecond(time), genesis.get("hash").asText());
  }

  // --- which pools

  record Found(String address, DexSpec dex) {}

  private List<Found> enumerate(String tag, long[] skipped) {
    List<DexSpec> pairFactories = spec.dexes().stream().filter(d -> !d.concentrated()).toList();
    List<Call> lengths = new ArrayList<>();
    for (DexSpec d : pairFactories) {
      lengths.add(ethCall(d.factory(), AbiWords.ALL_PAIRS_LENGTH, tag));
    }
    List<Outcome> counts =
        lengths.isEmpty() ? List.of() : outcomes(rpc.send(lengths, "the factories' pair counts"));
    List<Call> calls = new ArrayList<>();
    List<DexSpec> dexOfCall = new ArrayList<>();
    for (int i = 0; i < pairFactories.size(); i++) {
      DexSpec d = pairFactories.get(i);
      Optional<BigInteger> n = counts.get(i).word(0);
      if (n.isEmpty()) {
        problem(
            d.factory(),
            "the factory of "
                + d.name()
                + " "
                + counts.get(i).describe("allPairsLength()")
                + "; no pools read from it (is it a Uniswap V2 factory on this chain?)");
        continue;
      }
      long take = n.get().min(BigInteger.valueOf(d.maxPools())).longValueExact();
      BigInteger over = n.get().subtract(BigInteger.valueOf(take));
      if (over.signum() > 0) {
        skipped[0] += over.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
        problem(
            d.factory(),
            d.name()
                + " lists "
                + n.get()
                + " pairs; the first "
                + take
                + " are read, "
                + over
                + " skipped (max-pools "
                + d.maxPools()
                + ")");
      }
      for (long k = 0; k < take; k++) {
        calls.add(ethCall(d.factory(), AbiWords.allPairs(k), tag));
        dexOfCall.add(d);
      }
    }
    List<Outcome> pairs = outcomes(rpc.send(calls, "the factories' pair lists"));
    Map<String, Found> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.size(); i++) {
      Optional<String> a = pairs.get(i).address();
      DexSpec d = dexOfCall.get(i);
      if (a.isEmpty()) {
        problem(d.factory(), "allPairs(" + i + ") " + pairs.get(i).describe("") + "; skipped");
        continue;
      }
      out.putIfAbsent(a.get(), new Found(a.get(), d));
    }
    for (Found f : concentrated.lookUp(tag)) {
      out.putIfAbsent(f.address(), f);
    }
    return new ArrayList<>(out.values());
  }

  private List<Found> explicit(String tag) {
    List<Call> calls = new ArrayList<>();
    for (String p : spec.pools()) {
      calls.add(ethCall(p, AbiWords.FACTORY, tag));
    }
    List<Outcome> factories = outcomes(rpc.send(calls, "the pools' factories"));
    Map<String, DexSpec> byFactory = new HashMap<>();
    spec.dexes().forEach(d -> byFactory.putIfAbsent(d.factory(), d));
    List<Found> out = new ArrayList<>();
    for (int i = 0; i < spec.pools().size(); i++) {
      String pool = spec.pools().get(i);
      Optional<String> f = factories.get(i).address();
      if (f.isEmpty()) {
        problem(pool, factories.get(i).describe("factory()") + "; not a Uniswap V2 pair, left out");
        leave(NOT_A_PAIR);
      } else if (!byFactory.containsKey(f.get())) {
        problem(
            pool,
            "its factory "
                + checksum(f.get())
                + " is none of the configured DEXes; left out (add it under dexes)");
        leave(UNKNOWN_FACTORY);
      } else {
        out.add(new Found(pool, byFactory.get(f.get())));
      }
    }
    return out;
  }

  // --- the pools' state

  private record Pair(
      String address,
      DexSpec dex,
      String token0,
      String token1,
      BigInteger reserve0,
      BigInteger reserve1) {}

  private List<Pair> pairs(List<Found> found, String tag) {
    List<Call> calls = new ArrayList<>(found.size() * 3);
    for (Found f : found) {
      calls.add(ethCall(f.address(), AbiWords.TOKEN0, tag));
      calls.add(ethCall(f.address(), AbiWords.TOKEN1, tag));
      calls.add(ethCall(f.address(), AbiWords.GET_RESERVES, tag));
    }
    List<Outcome> o = outcomes(rpc.send(calls, "the pools' tokens and reserves"));
    List<Pair> out = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      Outcome t0 = o.get(3 * i);
      Outcome t1 = o.get(3 * i + 1);
      Outcome r = o.get(3 * i + 2);
      Optional<String> a0 = t0.address();
      Optional<String> a1 = t1.address();
      Optional<BigInteger> r0 = r.word(0);
      Optional<BigInteger> r1 = r.word(1);
      String wrong =
          a0.isEmpty()
              ? t0.describe("token0()")
              : a1.isEmpty()
                  ? t1.describe("token1()")
                  : r1.isEmpty() ? r.describe("getReserves()") : null;
      if (wrong == null && a0.get().equalsIgnoreCase(a1.get())) {
        wrong = "token0() and token1() are the same token";
      } else if (wrong == null
          && (r0.get().bitLength() > RESERVE_BITS || r1.get().bitLength() > RESERVE_BITS)) {
        wrong = "getReserves() returns a reserve above 2^112 - 1";
      }
      if (wrong != null) {
        problem(f.address(), wrong + "; not a Uniswap V2 pair, left out");
        leave(NOT_A_PAIR);
        continue;
      }
      out.add(new Pair(f.address(), f.dex(), a0.get(), a1.get(), r0.get(), r1.get()));
    }
    return out;
  }

  // --- the tokens

  /** What is known of a token. */
  private sealed interface Meta {
    record Good(String symbol, int decimals) implements Meta {}

    record Bad(String why) implements Meta {}
  }

  private Map<String, Meta> metadata(Set<String> tokens, String tag, int[] fromCache) {
    Map<String, Meta> out = new HashMap<>();
    List<String> ask = new ArrayList<>();
    for (String t : tokens) {
      Optional<TokenMetadataCache.Entry> e = cache.get(t);
      if (e.isPresent()) {
        fromCache[0]++;
        out.put(t, new Meta.Good(e.get().symbol(), e.get().decimals()));
        e.get().note().ifPresent(n -> problem(t, n));
      } else {
        ask.add(t);
      }
    }
    List<Call> calls = new ArrayList<>(ask.size() * 2);
    for (String t : ask) {
      calls.add(ethCall(t, AbiWords.SYMBOL, tag));
      calls.add(ethCall(t, AbiWords.DECIMALS, tag));
    }
    List<Outcome> o = outcomes(rpc.send(calls, "the tokens' symbols and decimals"));
    for (int i = 0; i < ask.size(); i++) {
      String t = ask.get(i);
      Meta m = tokenMeta(t, o.get(2 * i), o.get(2 * i + 1));
      out.put(t, m);
    }
    return out;
  }

  private Meta tokenMeta(String token, Outcome symbolCall, Outcome decimalsCall) {
    Optional<BigInteger> d = decimalsCall.word(0);
    if (d.isEmpty()) {
      return new Meta.Bad(decimalsCall.describe("decimals()"));
    }
    if (d.get().compareTo(BigInteger.valueOf(MAX_DECIMALS)) > 0) {
      return new Meta.Bad(
          "decimals() is "
              + d.get()
              + ", more than "
              + MAX_DECIMALS
              + " (no amount of one whole token fits in 256 bits)");
    }
    int decimals = d.get().intValueExact();
    String fallback = shortAddress(token);
    String symbol;
    String note = null;
    if (symbolCall instanceof Outcome.Failed f) {
      symbol = fallback;
      note = "symbol() " + f.why() + "; named " + fallback;
    } else {
      AbiWords.Text text = AbiWords.text(((Outcome.Data) symbolCall).bytes());
      if (text instanceof AbiWords.Malformed m) {
        symbol = fallback;
        note = "symbol() " + m.what() + "; named " + fallback;
      } else {
        String raw =
            text instanceof AbiWords.Bytes32 b ? b.value() : ((AbiWords.AbiString) text).value();
        String clean = clean(raw);
        if (clean.isEmpty()) {
          symbol = fallback;
          note = "symbol() is empty; named " + fallback;
        } else if (clean.codePointCount(0, clean.length()) > MAX_SYMBOL) {
          symbol = clean.substring(0, clean.offsetByCodePoints(0, MAX_SYMBOL));
          note = "symbol() is longer than " + MAX_SYMBOL + " characters; cut to " + symbol;
        } else {
          symbol = clean;
          if (text instanceof AbiWords.Bytes32) {
            note = "symbol() returns bytes32, not a string (an old ERC-20); read as " + symbol;
          } else if (!clean.equals(raw)) {
            note = "symbol() holds control characters or spaces; read as " + symbol;
          }
        }
      }
    }
    if (note != null) {
      problem(token, note);
    }
    cache.put(token, new TokenMetadataCache.Entry(symbol, decimals, Optional.ofNullable(note)));
    return new Meta.Good(symbol, decimals);
  }

  /** Without control and format characters, and trimmed. */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .filter(
            c ->
                !Character.isISOControl(c)
                    && Character.getType(c) != Character.FORMAT
                    && Character.getType(c) != Character.UNASSIGNED)
        .forEach(b::appendCodePoint);
    return b.toString().strip();
  }

  // --- calls and their outcomes

  /** What one {@code eth_call} gave: return data, or a failure of the contract (revert). */
  sealed interface Outcome {
    record Data(byte[] bytes) implements Outcome {}

    record Failed(String why) implements Outcome {}

    /** Word {@code i} of the return data, empty if the call failed or returned too little. */
    default Optional<BigInteger> word(int i) {
      return this instanceof Data d ? AbiWords.uint(d.bytes(), i) : Optional.empty();
    }

    /** Word {@code i} as a signed integer, empty if the call failed or returned too little. */
    default Optional<BigInteger> signed(int i) {
      return this instanceof Data d ? AbiWords.signed(d.bytes(), i) : Optional.empty();
    }

    /** The first word as an address, empty if the call failed or it is not one. */
    default Optional<String> address() {
      return this instanceof Data d ? AbiWords.address(d.bytes()) : Optional.empty();
    }

    /** What was wrong, for a person: {@code "decimals() reverted (...)"}. */
    default String describe(String function) {
      String f = function.isEmpty() ? "" : function + " ";
      if (this instanceof Failed x) {
        return f + x.why();
      }
      byte[] b = ((Data) this).bytes();
      return b.length == 0
          ? f + "returned no data (no contract there, or no such function)"
          : f + "returned " + b.length + " bytes that are not what it should return";
    }
  }

  List<Outcome> outcomes(List<Answer> answers) {
    List<Outcome> out = new ArrayList<>(answers.size());
    for (Answer a : answers) {
      if (a instanceof RpcBatchClient.Error e) {
        if (!isExecutionFailure(e)) {
          String m = e.message().toLowerCase(Locale.ROOT);
          boolean pruned =
              m.contains("missing trie node")
                  || m.contains("pruned")
                  || (m.contains("state") && m.contains("not available"));
          throw new ChainException(
              "chain: the RPC at "
                  + rpc.shownUrl()
                  + " answered eth_call with error "
                  + e.code()
                  + ": "
                  + e.message()
                  + (pruned ? "; reading an older block needs an archive node" : ""));
        }
        out.add(new Outcome.Failed("reverted (" + e.message() + ")"));
        continue;
      }
      JsonNode v = ((RpcBatchClient.Result) a).value();
      Optional<byte[]> bytes = v.isTextual() ? AbiWords.bytes(v.asText()) : Optional.empty();
      if (bytes.isEmpty()) {
        throw malformed("eth_call", "return data that is not 0x-hex");
      }
      out.add(new Outcome.Data(bytes.get()));
    }
    return out;
  }

  /**
   * Whether an {@code eth_call} error is the contract failing (a revert, an invalid opcode, out of
   * gas) rather than the node: code 3 is a revert with data (geth, anvil, Erigon); without data
   * nodes use -32000 or -32015 with a message saying so.
   */
  static boolean isExecutionFailure(RpcBatchClient.Error e) {
    if (e.code() == 3) {
      return true;
    }
    String m = e.message().toLowerCase(Locale.ROOT);
    return m.contains("revert")
        || m.contains("invalid opcode")
        || m.contains("opcode 0x")
        || m.contains("out of gas")
        || m.contains("invalid jump")
        || m.contains("stack underflow");
  }

  /** The transaction object of an {@code eth_call}. */
  private record CallTx(String to, String data) {}

  static Call ethCall(String to, String data, String tag) {
    return new Call("eth_call", List.of(new CallTx(to, data), tag));
  }

  private static List<Object> params(String tag, boolean full) {
    return List.of(tag, full);
  }

  private JsonNode result(Answer a, String method) {
    if (a instanceof RpcBatchClient.Error e) {
      throw new ChainException(
          "chain: the RPC at "
              + rpc.shownUrl()
              + " answered "
              + method
              + " with error "
              + e.code()
              + ": "
              + e.message());
    }
    return ((RpcBatchClient.Result) a).value();
  }

  private BigInteger number(Answer a, String method) {
    return hexNumber(result(a, method), method);
  }

  private BigInteger hexNumber(JsonNode v, String method) {
    if (v == null || !v.isTextual() || !v.asText().matches("0x[0-9a-fA-F]{1,64}")) {
      throw malformed(method, "a value that is not a hex number");
    }
    BigInteger n = new BigInteger(v.asText().substring(2), 16);
    if (n.bitLength() > 62) {
      throw malformed(method, "a number too large to be a chain id, block or time");
    }
    return n;
  }

  private ChainException malformed(String method, String what) {
    return new ChainException(
        "chain: the RPC at "
            + rpc.shownUrl()
            + " answered "
            + method
            + " with "
            + what
            + "; is it an Ethereum JSON-RPC node?");
  }

  // --- reporting

  void leave(String reason) {
    leftOut.merge(reason, 1, Integer::sum);
  }

  void problem(String address, String what) {
    problems.add(spec.name() + ":" + shortAddress(address) + ": " + what);
  }

  /** {@code 0xAbCd…1234}: the checksummed address's first 4 and last 4 hex digits. */
  public static String shortAddress(String address) {
    String c = checksum(address);
    return c.substring(0, 6) + "…" + c.substring(c.length() - 4);
  }

  /** The EIP-55 checksummed form of an address. */
  public static String checksum(String address) {
    return Keys.toChecksumAddress(address.toLowerCase(Locale.ROOT));
  }

  private static String quantity(long n) {
    return "0x" + Long.toHexString(n);
  }
}
