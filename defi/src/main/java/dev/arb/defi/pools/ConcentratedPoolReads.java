package dev.arb.defi.pools;

import dev.arb.defi.pools.JsonRpcPoolReader.Found;
import dev.arb.defi.pools.JsonRpcPoolReader.Outcome;
import dev.arb.defi.pools.RpcBatchClient.Call;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Token;
import dev.arb.engine.model.v3.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The concentrated-liquidity (Uniswap V3-style) part of a {@link JsonRpcPoolReader} read, all at
 * the reader's block, in three rounds of JSON-RPC batches:
 *
 * <ol>
 *   <li>which pools: a V3 factory cannot be enumerated (it keeps pools in a mapping, not a list),
 *       so without an explicit pool list each pair of the chain's token allow-list is looked up
 *       with {@code getPool(tokenA, tokenB, fee)} at each of the DEX's fee tiers; an address other
 *       than zero is a pool. (Reading {@code PoolCreated} logs instead would need {@code
 *       eth_getLogs} over the factory's whole history, which providers cap per request.)
 *   <li>each pool's {@code token0()}, {@code token1()}, {@code fee()}, {@code tickSpacing()},
 *       {@code slot0()} (price and tick) and {@code liquidity()};
 *   <li>the {@code tickBitmap(word)} words of the current tick's word and {@code tickWords} words
 *       either side, then {@code ticks(tick).liquidityNet} for every bit set in them: every
 *       initialized tick of that range, which is recorded as the pool's {@code tick_range}.
 * </ol>
 *
 * A pool whose calls fail is reported and left out; one never initialized (price 0), or with no
 * liquidity at its price and no initialized tick in the words read, too. The state read is checked
 * by the engine's own model ({@link ConcentratedPool}) before it is kept.
 */
final class ConcentratedPoolReads {
  private static final BigInteger ZERO_ADDRESS = BigInteger.ZERO;
  private static final BigInteger UINT128 = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger UINT160 = BigInteger.ONE.shiftLeft(160);

  private final JsonRpcPoolReader reader;
  private final ChainSpec spec;
  private final RpcBatchClient rpc;

  ConcentratedPoolReads(JsonRpcPoolReader reader, ChainSpec spec, RpcBatchClient rpc) {
    this.reader = reader;
    this.spec = spec;
    this.rpc = rpc;
  }

  /** What was read of one pool, before token metadata. */
  record Read(
      String address,
      DexSpec dex,
      String token0,
      String token1,
      int feePips,
      int tickSpacing,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      List<ChainPoolState.Tick> ticks,
      int lowest,
      int highest) {}

  /** The pools of every concentrated factory for the pairs of the token allow-list. */
  List<Found> lookUp(String tag) {
    List<DexSpec> dexes = spec.dexes().stream().filter(DexSpec::concentrated).toList();
    if (dexes.isEmpty()) {
      return List.of();
    }
    List<String> tokens = spec.tokens();
    if (tokens.size() < 2) {
      for (DexSpec d : dexes) {
        reader.problem(
            d.factory(),
            d.name()
                + " is a concentrated-liquidity DEX: its pools are looked up for each pair of the"
                + " token allow-list, which has fewer than two tokens; none read (give tokens, or"
                + " pools)");
      }
      return List.of();
    }
    List<Call> calls = new ArrayList<>();
    List<DexSpec> dexOfCall = new ArrayList<>();
    for (DexSpec d : dexes) {
      for (int i = 0; i < tokens.size(); i++) {
        for (int j = i + 1; j < tokens.size(); j++) {
          for (int fee : d.feeTiers()) {
            calls.add(
                JsonRpcPoolReader.ethCall(
                    d.factory(), AbiWords.getPool(tokens.get(i), tokens.get(j), fee), tag));
            dexOfCall.add(d);
          }
        }
      }
    }
    List<Outcome> o = reader.outcomes(rpc.send(calls, "the concentrated factories' pools"));
    Map<String, Found> out = new LinkedHashMap<>();
    Map<DexSpec, Boolean> failed = new LinkedHashMap<>();
    for (int i = 0; i < o.size(); i++) {
      Optional<String> a = o.get(i).address();
      DexSpec d = dexOfCall.get(i);
      if (a.isEmpty()) {
        if (failed.put(d, true) == null) {
          reader.problem(
              d.factory(),
              "the factory of "
                  + d.name()
                  + " "
                  + o.get(i).describe("getPool()")
                  + "; is it a Uniswap V3 factory on this chain?");
        }
        continue;
      }
      if (!new BigInteger(a.get().substring(2), 16).equals(ZERO_ADDRESS)) {
        out.putIfAbsent(a.get(), new Found(a.get(), d));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** The state and ticks of each pool; failures reported and left out. */
  List<Read> read(List<Found> found, String tag) {
    if (found.isEmpty()) {
      return List.of();
    }
    List<Call> calls = new ArrayList<>(found.size() * 6);
    for (Found f : found) {
      for (String data :
          List.of(
              AbiWords.TOKEN0,
              AbiWords.TOKEN1,
              AbiWords.FEE,
              AbiWords.TICK_SPACING,
              AbiWords.SLOT0,
              AbiWords.LIQUIDITY)) {
        calls.add(JsonRpcPoolReader.ethCall(f.address(), data, tag));
      }
    }
    List<Outcome> o = reader.outcomes(rpc.send(calls, "the concentrated pools' state"));
    List<Read> basic = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Optional<Read> r = basic(found.get(i), o.subList(6 * i, 6 * i + 6));
      r.ifPresent(basic::add);
    }
    return withTicks(basic, tag);
  }

  private Optional<Read> basic(Found f, List<Outcome> o) {
    Optional<String> t0 = o.get(0).address();
    Optional<String> t1 = o.get(1).address();
    Optional<BigInteger> fee =
        o.get(2).word(0).filter(v -> v.compareTo(BigInteger.valueOf(1_000_000)) < 0);
    Optional<BigInteger> spacing =
        o.get(3)
            .signed(0)
            .filter(v -> v.signum() > 0 && v.compareTo(BigInteger.valueOf(16384)) < 0);
    Optional<BigInteger> sqrt = o.get(4).word(0).filter(v -> v.compareTo(UINT160) < 0);
    Optional<BigInteger> tick =
        o.get(4)
            .signed(1)
            .filter(
                v ->
                    v.compareTo(BigInteger.valueOf(TickMath.MIN_TICK)) >= 0
                        && v.compareTo(BigInteger.valueOf(TickMath.MAX_TICK)) <= 0);
    Optional<BigInteger> liquidity = o.get(5).word(0).filter(v -> v.compareTo(UINT128) < 0);
    String wrong =
        t0.isEmpty()
            ? o.get(0).describe("token0()")
            : t1.isEmpty()
                ? o.get(1).describe("token1()")
                : fee.isEmpty()
                    ? o.get(2).describe("fee()")
                    : spacing.isEmpty()
                        ? o.get(3).describe("tickSpacing()")
                        : sqrt.isEmpty() || tick.isEmpty()
                            ? o.get(4).describe("slot0()")
                            : liquidity.isEmpty() ? o.get(5).describe("liquidity()") : null;
    if (wrong != null) {
      reader.problem(f.address(), wrong + "; not a Uniswap V3 pool, left out");
      reader.leave(JsonRpcPoolReader.NOT_A_PAIR);
      return Optional.empty();
    }
    if (sqrt.get().signum() == 0) {
      reader.problem(f.address(), "never initialized (no price in slot0()); left out");
      reader.leave(JsonRpcPoolReader.NOT_INITIALIZED);
      return Optional.empty();
    }
    int s = spacing.get().intValueExact();
    int t = tick.get().intValueExact();
    // the words of the current tick and tickWords either side, within the ticks a pool can use
    int usable = TickMath.MAX_TICK / s;
    int word = Math.floorDiv(t, s) >> 8;
    int from = Math.max(word - f.dex().tickWords(), (-usable) >> 8);
    int to = Math.min(word + f.dex().tickWords(), usable >> 8);
    int lowest = (int) Math.max(TickMath.MIN_TICK, (long) from * 256 * s);
    int highest = (int) Math.min(TickMath.MAX_TICK, ((long) to * 256 + 255) * s);
    return Optional.of(
        new Read(
            f.address(),
            f.dex(),
            t0.get(),
            t1.get(),
            fee.get().intValueExact(),
            s,
            sqrt.get(),
            t,
            liquidity.get(),
            List.of(),
            lowest,
            highest));
  }

  /** Reads the bitmap words of each pool's range, then {@code ticks(i)} of each bit set. */
  private List<Read> withTicks(List<Read> pools, String tag) {
    List<Call> wordCalls = new ArrayList<>();
    List<int[]> wordOf = new ArrayList<>();
    for (int p = 0; p < pools.size(); p++) {
      Read r = pools.get(p);
      int from = Math.floorDiv(Math.floorDiv(r.lowest(), r.tickSpacing()), 256);
      int to = Math.floorDiv(Math.floorDiv(r.highest(), r.tickSpacing()), 256);
      for (int w = from; w <= to; w++) {
        wordCalls.add(JsonRpcPoolReader.ethCall(r.address(), AbiWords.tickBitmap(w), tag));
        wordOf.add(new int[] {p, w});
      }
    }
    List<Outcome> words =
        wordCalls.isEmpty()
            ? List.of()
            : reader.outcomes(rpc.send(wordCalls, "the concentrated pools' tick bitmaps"));
    boolean[] bad = new boolean[pools.size()];
    List<Call> tickCalls = new ArrayList<>();
    List<int[]> tickOf = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int p = wordOf.get(i)[0];
      Read r = pools.get(p);
      Optional<BigInteger> bits = words.get(i).word(0);
      if (bits.isEmpty()) {
        if (!bad[p]) {
          reader.problem(
              r.address(),
              words.get(i).describe("tickBitmap(" + wordOf.get(i)[1] + ")")
                  + "; not a Uniswap V3 pool, left out");
          reader.leave(JsonRpcPoolReader.NOT_A_PAIR);
        }
        bad[p] = true;
        continue;
      }
      BigInteger b = bits.get();
      for (int bit = b.getLowestSetBit(); bit >= 0 && bit < 256; bit = next(b, bit)) {
        long tick = ((long) wordOf.get(i)[1] * 256 + bit) * r.tickSpacing();
        if (tick < r.lowest() || tick > r.highest()) {
          continue;
        }
        tickCalls.add(JsonRpcPoolReader.ethCall(r.address(), AbiWords.ticks((int) tick), tag));
        tickOf.add(new int[] {p, (int) tick});
      }
    }
    List<Outcome> ticks =
        tickCalls.isEmpty()
            ? List.of()
            : reader.outcomes(rpc.send(tickCalls, "the concentrated pools' ticks"));
    List<List<ChainPoolState.Tick>> perPool = new ArrayList<>();
    for (int p = 0; p < pools.size(); p++) {
      perPool.add(new ArrayList<>());
    }
    for (int i = 0; i < ticks.size(); i++) {
      int p = tickOf.get(i)[0];
      Optional<BigInteger> net = ticks.get(i).signed(1);
      Optional<BigInteger> initialized = ticks.get(i).word(7);
      if (net.isEmpty() || initialized.isEmpty() || initialized.get().signum() == 0) {
        if (!bad[p]) {
          reader.problem(
              pools.get(p).address(),
              (net.isEmpty() || initialized.isEmpty()
                      ? ticks.get(i).describe("ticks(" + tickOf.get(i)[1] + ")")
                      : "ticks(" + tickOf.get(i)[1] + ") is not initialized though its bit is set")
                  + "; left out");
          reader.leave(JsonRpcPoolReader.INCONSISTENT);
        }
        bad[p] = true;
        continue;
      }
      perPool.get(p).add(new ChainPoolState.Tick(tickOf.get(i)[1], net.get()));
    }
    List<Read> out = new ArrayList<>();
    for (int p = 0; p < pools.size(); p++) {
      Read r = pools.get(p);
      if (bad[p]) {
        continue;
      }
      List<ChainPoolState.Tick> list = perPool.get(p);
      if (r.liquidity().signum() == 0 && list.isEmpty()) {
        reader.problem(
            r.address(),
            "no liquidity at its price and no initialized tick within ["
                + r.lowest()
                + ", "
                + r.highest()
                + "]; left out");
        reader.leave(JsonRpcPoolReader.NO_LIQUIDITY);
        continue;
      }
      out.add(
          new Read(
              r.address(),
              r.dex(),
              r.token0(),
              r.token1(),
              r.feePips(),
              r.tickSpacing(),
              r.sqrtPriceX96(),
              r.tick(),
              r.liquidity(),
              list,
              r.lowest(),
              r.highest()));
    }
    return out;
  }

  private static int next(BigInteger bits, int bit) {
    for (int b = bit + 1; b < 256; b++) {
      if (bits.testBit(b)) {
        return b;
      }
    }
    return -1;
  }

  /**
   * The pool as recorded, if the engine's model accepts its state (ticks that add up, a price
   * within its tick); otherwise reported and left out.
   */
  Optional<ChainPoolState.ConcentratedPool> checked(Read r, int decimals0, int decimals1) {
    BigDecimal fee = BigDecimal.valueOf(r.feePips()).movePointLeft(6).stripTrailingZeros();
    try {
      new ConcentratedPool(
          spec.name(),
          r.address(),
          r.dex().name(),
          Token.of(spec.name(), r.token0(), "T0", decimals0),
          Token.of(spec.name(), r.token1(), "T1", decimals1),
          fee,
          r.tickSpacing(),
          r.sqrtPriceX96(),
          r.tick(),
          r.liquidity(),
          r.ticks().stream()
              .map(t -> new ConcentratedPool.Tick(t.index(), t.liquidityNet()))
              .toList(),
          new ConcentratedPool.TickRange(r.lowest(), r.highest()));
    } catch (IllegalArgumentException e) {
      reader.problem(r.address(), e.getMessage() + "; left out");
      reader.leave(JsonRpcPoolReader.INCONSISTENT);
      return Optional.empty();
    }
    return Optional.of(
        new ChainPoolState.ConcentratedPool(
            JsonRpcPoolReader.checksum(r.address()),
            r.dex().name(),
            fee.signum() == 0 ? BigDecimal.ZERO : fee,
            JsonRpcPoolReader.checksum(r.token0()),
            JsonRpcPoolReader.checksum(r.token1()),
            r.tickSpacing(),
            r.sqrtPriceX96(),
            r.tick(),
            r.liquidity(),
            r.ticks(),
            r.lowest(),
            r.highest()));
  }
}
