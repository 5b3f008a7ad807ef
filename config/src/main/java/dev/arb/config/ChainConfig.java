package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One EVM chain whose constant-product and concentrated-liquidity pools arb reads ({@code
 * arb.chains.<name>}). Addresses are kept lower-case (0x and 40 hex digits); the RPC URL is either
 * written here or, since provider URLs carry API keys, kept in the environment or a file.
 *
 * @param name lower-case chain name, the key under {@code arb.chains}
 * @param rpcUrl where the JSON-RPC endpoint is; empty: it must be given on the command line
 * @param chainId the chain id the node must report ({@code eth_chainId})
 * @param nativeToken the wrapped native token (WETH on Ethereum) used to value gas; empty if none
 * @param dexes DEXes by lower-case name, in name order
 * @param pools explicit pool addresses; when not empty, only these are read (each one's {@code
 *     factory()} must be one of {@code dexes}) and no factory is enumerated
 * @param tokens token allow-list (addresses): a pool with a token outside it is left out; empty
 *     allows every token
 * @param sameAs chain token (symbol or address) to the exchange asset it is the same as, such as
 *     {@code WETH -> ETH}; parsed and checked here, used by the scanner
 * @param batchSize most JSON-RPC calls sent in one batch request (1 to 1000)
 * @param requestTimeout timeout of one HTTP request to the node
 * @param follow how {@code arb run} follows this chain and executes its DEX cycles through the
 *     flash-loan contract ({@code arb.chains.<name>.follow}); empty: {@code arb run} does not
 *     follow it
 * @param submitUrl where signed transactions go ({@code eth_sendRawTransaction}): a
 *     private-transaction JSON-RPC endpoint; empty: the RPC URL. Reads always use the RPC URL
 * @param wsUrl a WebSocket JSON-RPC endpoint (ws or wss) announcing new blocks ({@code
 *     eth_subscribe newHeads}) to {@code arb run}'s follower; empty: polling only
 */
public record ChainConfig(
    String name,
    Optional<RpcUrl> rpcUrl,
    long chainId,
    Optional<String> nativeToken,
    Map<String, DexConfig> dexes,
    List<String> pools,
    List<String> tokens,
    Map<String, String> sameAs,
    int batchSize,
    Duration requestTimeout,
    Optional<Follow> follow,
    Optional<RpcUrl> submitUrl,
    Optional<RpcUrl> wsUrl) {

  /** Default of {@code batch-size}. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** Largest {@code batch-size}. */
  public static final int MAX_BATCH_SIZE = 1000;

  /** Default of {@code request-timeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public ChainConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rpcUrl, "rpcUrl");
    Objects.requireNonNull(nativeToken, "nativeToken");
    if (chainId < 1) {
      throw new IllegalArgumentException("chainId must be at least 1, got " + chainId);
    }
    dexes = Collections.unmodifiableMap(new LinkedHashMap<>(dexes));
    pools = List.copyOf(pools);
    tokens = List.copyOf(tokens);
    sameAs = Collections.unmodifiableMap(new LinkedHashMap<>(sameAs));
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batchSize must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
    }
    Objects.requireNonNull(follow, "follow");
    Objects.requireNonNull(submitUrl, "submitUrl");
    Objects.requireNonNull(wsUrl, "wsUrl");
  }

  /**
   * How {@code arb run} follows the chain block by block and executes the DEX-only cycles it finds
   * through a deployed FlashLoanArbitrage contract ({@code arb.chains.<name>.follow}). The signing
   * key is {@code arb.defi.keystore} (the contract's owner or executor); the margin is {@code
   * arb.defi.min-profit-margin}. Transactions are sent only with {@code arb.trading.mode = live};
   * otherwise every cycle is simulated and recorded, never sent.
   *
   * @param contract the FlashLoanArbitrage proxy (lower-case address)
   * @param balancerVault the Balancer V2 vault to borrow from; empty: not used
   * @param aavePool the Aave V3 pool to borrow from; empty: not used (at least one lender is set)
   * @param startTokens symbols or addresses of the tokens cycles start in (the borrowed token);
   *     empty: the chain's native token
   * @param maxHops longest cycle, 2 to 6 hops (the contract's limit)
   * @param pollInterval time between two polls of the node for new blocks
   * @param replaceAfterBlocks a sent transaction not mined after this many blocks is sent again
   *     with higher fees (at most {@code arb.defi.max-replacements} times) or dropped; at least 1
   * @param inventory whether the cycles joining the chain's tokens to exchange assets ({@code
   *     same-as}) are traded from inventory: book legs on the exchanges, pool legs as swaps of the
   *     contract's own balance ({@code arb.chains.<name>.follow.inventory}, default false)
   */
  public record Follow(
      String contract,
      Optional<String> balancerVault,
      Optional<String> aavePool,
      List<String> startTokens,
      int maxHops,
      Duration pollInterval,
      int replaceAfterBlocks,
      boolean inventory) {
    /** Default of {@code max-hops}. */
    public static final int DEFAULT_MAX_HOPS = 3;

    /** Default of {@code poll-interval}. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /** Default of {@code replace-after-blocks}. */
    public static final int DEFAULT_REPLACE_AFTER_BLOCKS = 3;

    public Follow {
      Objects.requireNonNull(contract, "contract");
      Objects.requireNonNull(balancerVault, "balancerVault");
      Objects.requireNonNull(aavePool, "aavePool");
      startTokens = List.copyOf(startTokens);
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (balancerVault.isEmpty() && aavePool.isEmpty()) {
        throw new IllegalArgumentException("no lender: set balancerVault or aavePool");
      }
      if (maxHops < 2 || maxHops > 6) {
        throw new IllegalArgumentException("maxHops must be 2 to 6, got " + maxHops);
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
      }
      if (replaceAfterBlocks < 1) {
        throw new IllegalArgumentException(
            "replaceAfterBlocks must be at least 1, got " + replaceAfterBlocks);
      }
    }
  }

  /** Where the RPC URL is: written in the config, or kept as a secret. */
  public sealed interface RpcUrl {
    /** The URL as written in the config (fine for a local node; keys belong in a secret). */
    record Plain(String url) implements RpcUrl {
      public Plain {
        Objects.requireNonNull(url, "url");
      }
    }

    /** The URL is a secret kept in the environment or a file (it carries an API key). */
    record Kept(SecretRef ref) implements RpcUrl {
      public Kept {
        Objects.requireNonNull(ref, "ref");
      }
    }
  }

  /**
   * One DEX on the chain ({@code arb.chains.<name>.dexes.<dex>}): a constant-product factory
   * (Uniswap V2 and forks), whose pairs are enumerated, or a concentrated-liquidity factory
   * (Uniswap V3 and forks), which cannot be enumerated: its pools are looked up with {@code
   * getPool} for each pair of the chain's {@code tokens} and each fee tier, or taken from the
   * chain's {@code pools}.
   *
   * @param name lower-case DEX name, such as {@code uniswap-v2}; written as each pool's {@code dex}
   * @param factory the factory address (lower-case) whose pairs are this DEX's pools
   * @param fee the swap fee of every pool of a constant-product factory as a fraction, 0 to below 1
   *     (0.003 = 0.3 %); a concentrated pool's fee is read from the pool
   * @param maxPools most pairs enumerated from a constant-product factory (the oldest first); the
   *     rest are counted as skipped
   * @param kind {@value #CONSTANT_PRODUCT} or {@value #CONCENTRATED}
   * @param feeTiers a concentrated factory's fee tiers to look pools up at, in pips (millionths:
   *     500 is 0.05 %), each 1 to 999,999, distinct; empty for a constant-product factory
   * @param tickWords tick-bitmap words read on each side of a concentrated pool's price (each word
   *     covers 256 × tick spacing ticks), 1 to {@value #MAX_TICK_WORDS}; 0 for constant product
   */
  public record DexConfig(
      String name,
      String factory,
      BigDecimal fee,
      int maxPools,
      String kind,
      List<Integer> feeTiers,
      int tickWords) {
    /** Default of {@code fee}: Uniswap V2's 0.3 %. */
    public static final BigDecimal DEFAULT_FEE = new BigDecimal("0.003");

    /** Default of {@code max-pools}. */
    public static final int DEFAULT_MAX_POOLS = 5000;

    /** {@code kind} of a Uniswap V2-style factory (the default). */
    public static final String CONSTANT_PRODUCT = "constant-product";

    /** {@code kind} of a Uniswap V3-style factory. */
    public static final String CONCENTRATED = "concentrated";

    /** Default of {@code fee-tiers}: Uniswap V3's tiers on Ethereum. */
    public static final List<Integer> DEFAULT_FEE_TIERS = List.of(100, 500, 3000, 10000);

    /** Default of {@code tick-words}. */
    public static final int DEFAULT_TICK_WORDS = 2;

    /** Largest {@code tick-words}. */
    public static final int MAX_TICK_WORDS = 50;

    public DexConfig {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(fee, "fee");
      Objects.requireNonNull(kind, "kind");
      feeTiers = List.copyOf(feeTiers);
      if (fee.signum() < 0 || fee.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException("fee must be in [0, 1), got " + fee.toPlainString());
      }
      if (maxPools < 1) {
        throw new IllegalArgumentException("maxPools must be at least 1, got " + maxPools);
      }
      if (kind.equals(CONCENTRATED)) {
        if (feeTiers.isEmpty() || feeTiers.stream().distinct().count() != feeTiers.size()) {
          throw new IllegalArgumentException("feeTiers must be distinct and not empty");
        }
        for (int t : feeTiers) {
          if (t < 1 || t > 999_999) {
            throw new IllegalArgumentException("a fee tier must be 1 to 999999 pips, got " + t);
          }
        }
        if (tickWords < 1 || tickWords > MAX_TICK_WORDS) {
          throw new IllegalArgumentException(
              "tickWords must be 1 to " + MAX_TICK_WORDS + ", got " + tickWords);
        }
      } else if (!kind.equals(CONSTANT_PRODUCT)) {
        throw new IllegalArgumentException(
            "kind must be " + CONSTANT_PRODUCT + " or " + CONCENTRATED + ", got " + kind);
      }
    }

    /** A constant-product DEX. */
    public DexConfig(String name, String factory, BigDecimal fee, int maxPools) {
      this(name, factory, fee, maxPools, CONSTANT_PRODUCT, List.of(), 0);
    }

    /** Whether this is a concentrated-liquidity (Uniswap V3-style) factory. */
    public boolean concentrated() {
      return kind.equals(CONCENTRATED);
    }
  }
}
