package dev.arb.defi.pools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pools of one chain as they were at one block: constant-product pairs and
 * concentrated-liquidity pools. Addresses are EIP-55 checksummed; amounts are integers in each
 * token's smallest unit.
 *
 * @param name the chain's name in arb
 * @param chainId the chain id the node reported
 * @param block the block every value was read at
 * @param observedAt the block's timestamp
 * @param nativeToken the wrapped native token, when configured and its metadata could be read
 * @param tokens every token of {@code pools} (and the native token), by address
 * @param pools the constant-product pools read, in the order of the DEXes and then of their
 *     factories' lists
 * @param concentratedPools the concentrated-liquidity pools read, in the order they were found
 * @param problems what was wrong and handled, each {@code chain:0xAbCd…1234: what}
 * @param counts how much was read, left out and skipped
 */
public record ChainPoolState(
    String name,
    long chainId,
    long block,
    Instant observedAt,
    Optional<String> nativeToken,
    List<Token> tokens,
    List<Pool> pools,
    List<ConcentratedPool> concentratedPools,
    List<String> problems,
    Counts counts) {

  public ChainPoolState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(nativeToken, "nativeToken");
    tokens = List.copyOf(tokens);
    pools = List.copyOf(pools);
    concentratedPools = List.copyOf(concentratedPools);
    problems = List.copyOf(problems);
    Objects.requireNonNull(counts, "counts");
  }

  /** A state with constant-product pools only. */
  public ChainPoolState(
      String name,
      long chainId,
      long block,
      Instant observedAt,
      Optional<String> nativeToken,
      List<Token> tokens,
      List<Pool> pools,
      List<String> problems,
      Counts counts) {
    this(name, chainId, block, observedAt, nativeToken, tokens, pools, List.of(), problems, counts);
  }

  /** Pools of either kind. */
  public int poolCount() {
    return pools.size() + concentratedPools.size();
  }

  /**
   * A token's metadata.
   *
   * @param address checksummed address
   * @param symbol as the token reports it (control characters removed), or its short address when
   *     it reports none that can be used
   * @param decimals 0 to 77
   */
  public record Token(String address, String symbol, int decimals) {
    public Token {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(symbol, "symbol");
      if (decimals < 0 || decimals > JsonRpcPoolReader.MAX_DECIMALS) {
        throw new IllegalArgumentException("decimals must be 0 to 77, got " + decimals);
      }
    }
  }

  /**
   * One constant-product pool.
   *
   * @param address checksummed pool (pair) address
   * @param dex the DEX's name
   * @param fee swap fee as a fraction (0.003 = 0.3 %)
   * @param token0 checksummed address of the pair's token0
   * @param token1 checksummed address of the pair's token1
   * @param reserve0 reserve of token0, smallest units, positive
   * @param reserve1 reserve of token1, smallest units, positive
   */
  public record Pool(
      String address,
      String dex,
      BigDecimal fee,
      String token0,
      String token1,
      BigInteger reserve0,
      BigInteger reserve1) {
    public Pool {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(dex, "dex");
      Objects.requireNonNull(fee, "fee");
      Objects.requireNonNull(token0, "token0");
      Objects.requireNonNull(token1, "token1");
      if (reserve0.signum() <= 0 || reserve1.signum() <= 0) {
        throw new IllegalArgumentException("reserves must be positive");
      }
    }
  }

  /**
   * One concentrated-liquidity pool (Uniswap V3-style) with the initialized ticks of a range.
   *
   * @param address checksummed pool address
   * @param dex the DEX's name
   * @param fee the pool's fee as a fraction (its {@code fee()} in pips / 10^6)
   * @param token0 checksummed address of the pool's token0
   * @param token1 checksummed address of the pool's token1
   * @param tickSpacing its {@code tickSpacing()}
   * @param sqrtPriceX96 {@code slot0().sqrtPriceX96}
   * @param tick {@code slot0().tick}
   * @param liquidity {@code liquidity()}
   * @param ticks every initialized tick from {@code tickLowest} to {@code tickHighest}, sorted
   * @param tickLowest the lowest tick the bitmap words read cover
   * @param tickHighest the highest
   */
  public record ConcentratedPool(
      String address,
      String dex,
      BigDecimal fee,
      String token0,
      String token1,
      int tickSpacing,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      List<Tick> ticks,
      int tickLowest,
      int tickHighest) {
    public ConcentratedPool {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(dex, "dex");
      Objects.requireNonNull(fee, "fee");
      Objects.requireNonNull(token0, "token0");
      Objects.requireNonNull(token1, "token1");
      Objects.requireNonNull(sqrtPriceX96, "sqrtPriceX96");
      Objects.requireNonNull(liquidity, "liquidity");
      ticks = List.copyOf(ticks);
      if (tickLowest > tickHighest) {
        throw new IllegalArgumentException("tick range must be ordered");
      }
    }
  }

  /**
   * An initialized tick.
   *
   * @param index the tick
   * @param liquidityNet its {@code ticks(index).liquidityNet}, signed
   */
  public record Tick(int index, BigInteger liquidityNet) {
    public Tick {
      Objects.requireNonNull(liquidityNet, "liquidityNet");
    }
  }

  /**
   * How much was read.
   *
   * @param listed pools found (enumerated from the factories, or the explicit list)
   * @param skipped pairs of the factories beyond their {@code max-pools}, not read at all
   * @param leftOut pools read but left out, by reason code (such as {@code zero_reserve}: the
   *     {@code JsonRpcPoolReader} constants)
   * @param tokensFromCache tokens whose metadata came from the cache instead of the chain
   * @param calls JSON-RPC calls answered
   * @param requests HTTP requests sent (batches, retries included)
   * @param elapsed wall time of the whole read
   */
  public record Counts(
      int listed,
      long skipped,
      Map<String, Integer> leftOut,
      int tokensFromCache,
      int calls,
      int requests,
      Duration elapsed) {
    public Counts {
      leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
      Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Pools left out for any reason. */
    public int leftOutTotal() {
      return leftOut.values().stream().mapToInt(Integer::intValue).sum();
    }
  }
}
