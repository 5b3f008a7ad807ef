package dev.arb.defi.pools;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the pool reader read, as the engine's snapshot: each {@link ChainPoolState} becomes a {@link
 * ChainSnapshot} of {@link Token}s, {@link ConstantProductPool}s and {@link ConcentratedPool}s,
 * which the engine scans and writes ({@code SnapshotJson}, format version 2). Tokens and pools keep
 * the reader's order, so the file lists pools as the factories do and tokens by address.
 *
 * <p>The reader already leaves out what cannot be priced; anything the engine's model still refuses
 * (a reserve that does not fit a pair's uint112, a pool of one token with itself) is reported as
 * {@code chain:0xAbCd…1234: what; pool left out} and left out, never fatal.
 */
public final class PoolSnapshots {
  private PoolSnapshots() {}

  /**
   * The chains as one snapshot without books; its problems are the reader's, then the model's.
   *
   * @param source free text saying where the data came from (written as {@code source})
   */
  public static MarketSnapshot of(String source, List<ChainPoolState> chains) {
    List<String> problems = new ArrayList<>();
    List<ChainSnapshot> out = new ArrayList<>(chains.size());
    for (ChainPoolState s : chains) {
      problems.addAll(s.problems());
      out.add(chain(s, problems));
    }
    return new MarketSnapshot(List.of(), problems, source, out);
  }

  /** One chain in the engine's model; what it refuses is added to {@code problems}. */
  public static ChainSnapshot chain(ChainPoolState s, List<String> problems) {
    String name = s.name().toLowerCase(Locale.ROOT);
    Map<String, Token> tokens = new LinkedHashMap<>();
    for (ChainPoolState.Token t : s.tokens()) {
      try {
        Token token = Token.of(name, t.address(), t.symbol(), t.decimals());
        tokens.putIfAbsent(token.address(), token);
      } catch (IllegalArgumentException e) {
        problems.add(where(name, t.address()) + ": " + e.getMessage() + "; token left out");
      }
    }
    List<Pool> pools = new ArrayList<>(s.poolCount());
    Set<String> seen = new HashSet<>();
    for (ChainPoolState.Pool p : s.pools()) {
      String address = p.address().toLowerCase(Locale.ROOT);
      Token t0 = tokens.get(p.token0().toLowerCase(Locale.ROOT));
      Token t1 = tokens.get(p.token1().toLowerCase(Locale.ROOT));
      if (usable(name, address, t0, t1, seen, problems)) {
        try {
          pools.add(
              new ConstantProductPool(
                  name, address, p.dex(), t0, t1, p.reserve0(), p.reserve1(), p.fee()));
        } catch (IllegalArgumentException e) {
          problems.add(where(name, address) + ": " + e.getMessage() + "; pool left out");
        }
      }
    }
    for (ChainPoolState.ConcentratedPool p : s.concentratedPools()) {
      String address = p.address().toLowerCase(Locale.ROOT);
      Token t0 = tokens.get(p.token0().toLowerCase(Locale.ROOT));
      Token t1 = tokens.get(p.token1().toLowerCase(Locale.ROOT));
      if (usable(name, address, t0, t1, seen, problems)) {
        try {
          pools.add(
              new ConcentratedPool(
                  name,
                  address,
                  p.dex(),
                  t0,
                  t1,
                  p.fee(),
                  p.tickSpacing(),
                  p.sqrtPriceX96(),
                  p.tick(),
                  p.liquidity(),
                  p.ticks().stream()
                      .map(t -> new ConcentratedPool.Tick(t.index(), t.liquidityNet()))
                      .toList(),
                  new ConcentratedPool.TickRange(p.tickLowest(), p.tickHighest())));
        } catch (IllegalArgumentException e) {
          problems.add(where(name, address) + ": " + e.getMessage() + "; pool left out");
        }
      }
    }
    Optional<String> nativeToken =
        s.nativeToken().map(a -> a.toLowerCase(Locale.ROOT)).filter(tokens::containsKey);
    return new ChainSnapshot(
        name,
        s.chainId(),
        OptionalLong.of(s.block()),
        s.observedAt(),
        nativeToken,
        List.copyOf(tokens.values()),
        pools);
  }

  /**
   * Whether a pool is read once and both its tokens are named; why not goes to {@code problems}.
   */
  private static boolean usable(
      String chain, String address, Token t0, Token t1, Set<String> seen, List<String> problems) {
    if (!seen.add(address)) {
      problems.add(where(chain, address) + ": read twice; the second is left out");
      return false;
    }
    if (t0 == null || t1 == null) {
      problems.add(where(chain, address) + ": a token could not be named; pool left out");
      return false;
    }
    return true;
  }

  private static String where(String chain, String address) {
    return chain + ":" + JsonRpcPoolReader.shortAddress(address);
  }
}
