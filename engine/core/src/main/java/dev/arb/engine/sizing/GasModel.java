package dev.arb.engine.sizing;

import dev.arb.engine.model.PoolKind;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the swaps of a cycle cost in gas: units per pool leg by pool kind, plus units per
 * initialized tick a concentrated-liquidity swap crosses, plus a per-transaction overhead for each
 * chain the cycle swaps on, at a gas price in gwei. Without a gas price, profits are before gas.
 *
 * <p>The default units are estimates, not measurements of every route: {@value #DEFAULT_V2_SWAP}
 * per constant-product swap (the default per-pool gas of KyberSwap's dex-lib for Uniswap V2 pools;
 * Uniswap's own router heuristic charges 50,000 per extra hop); {@value #DEFAULT_V3_SWAP} per
 * concentrated-liquidity swap and {@value #DEFAULT_V3_TICK} per initialized tick it crosses
 * (Uniswap's smart-order-router estimates for a V3 hop and an initialized tick on mainnet; real V3
 * swaps on anvil took 110,000 to 136,000 gas per transaction without crossing, 21,000 of it
 * intrinsic, and 22,000 to 48,000 more per tick crossed, docs/pools.md); and {@value
 * #DEFAULT_TRANSACTION} per transaction, chosen so that a two-swap flash-loan route totals about
 * 310,000, the gas arb's own flash-loan contract used in {@code arb defi demo} (docs/defi.md).
 * Configure them per deployment.
 *
 * @param swapGas gas units per swap, by pool kind; a kind not listed costs {@link #DEFAULT_V2_SWAP}
 *     ({@link PoolKind#CONCENTRATED} not listed: {@link #DEFAULT_V3_SWAP})
 * @param tickGas gas units per initialized tick a concentrated-liquidity swap crosses, &ge; 0
 * @param transactionGas gas units per transaction (21,000 intrinsic gas, the flash loan, the
 *     contract's checks), &ge; 0
 * @param gasPriceGwei gas price for every chain not in {@code chainGasPriceGwei}; empty: none
 * @param chainGasPriceGwei gas price per lower-case chain name, in gwei
 */
public record GasModel(
    Map<PoolKind, Long> swapGas,
    long tickGas,
    long transactionGas,
    Optional<BigDecimal> gasPriceGwei,
    Map<String, BigDecimal> chainGasPriceGwei) {
  /** Default gas units of one constant-product (Uniswap V2-style) swap. */
  public static final long DEFAULT_V2_SWAP = 60_000;

  /** Default gas units of one concentrated-liquidity (Uniswap V3-style) swap. */
  public static final long DEFAULT_V3_SWAP = 80_000;

  /** Default gas units per initialized tick a concentrated-liquidity swap crosses. */
  public static final long DEFAULT_V3_TICK = 31_000;

  /** Default gas units of the transaction around the swaps. */
  public static final long DEFAULT_TRANSACTION = 190_000;

  public GasModel {
    Map<PoolKind, Long> units = new EnumMap<>(PoolKind.class);
    for (Map.Entry<PoolKind, Long> e : Objects.requireNonNull(swapGas, "swapGas").entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("gas units must not be negative for " + e.getKey());
      }
      units.put(e.getKey(), e.getValue());
    }
    swapGas = Map.copyOf(units);
    if (tickGas < 0) {
      throw new IllegalArgumentException("gas units per tick must not be negative");
    }
    if (transactionGas < 0) {
      throw new IllegalArgumentException("transaction gas must not be negative");
    }
    gasPriceGwei = Objects.requireNonNull(gasPriceGwei, "gasPriceGwei").map(GasModel::price);
    Map<String, BigDecimal> byChain = new HashMap<>();
    for (Map.Entry<String, BigDecimal> e :
        Objects.requireNonNull(chainGasPriceGwei, "chainGasPriceGwei").entrySet()) {
      byChain.put(e.getKey().trim().toLowerCase(Locale.ROOT), price(e.getValue()));
    }
    chainGasPriceGwei = Map.copyOf(byChain);
  }

  private static BigDecimal price(BigDecimal gwei) {
    Objects.requireNonNull(gwei, "gas price");
    if (gwei.signum() < 0) {
      throw new IllegalArgumentException(
          "gas price must not be negative, got " + gwei.toPlainString());
    }
    return gwei.stripTrailingZeros().scale() < 0 ? gwei.setScale(0) : gwei.stripTrailingZeros();
  }

  /** Default units, no gas price: profits before gas. */
  public static GasModel defaults() {
    return new GasModel(
        Map.of(PoolKind.CONSTANT_PRODUCT, DEFAULT_V2_SWAP, PoolKind.CONCENTRATED, DEFAULT_V3_SWAP),
        DEFAULT_V3_TICK,
        DEFAULT_TRANSACTION,
        Optional.empty(),
        Map.of());
  }

  /** The same model at this gas price on every chain ({@code --gas-price GWEI}). */
  public GasModel withGasPrice(BigDecimal gwei) {
    return new GasModel(swapGas, tickGas, transactionGas, Optional.of(gwei), chainGasPriceGwei);
  }

  /** The same model with this gas price on one chain (e.g. from its gas oracle). */
  public GasModel withChainGasPrice(String chain, BigDecimal gwei) {
    Map<String, BigDecimal> m = new HashMap<>(chainGasPriceGwei);
    m.put(chain.trim().toLowerCase(Locale.ROOT), gwei);
    return new GasModel(swapGas, tickGas, transactionGas, gasPriceGwei, m);
  }

  /** The same model with these units per swap of a kind ({@code arb.defi.gas.v2-swap}). */
  public GasModel withSwapGas(PoolKind kind, long units) {
    Map<PoolKind, Long> m = new EnumMap<>(PoolKind.class);
    m.putAll(swapGas);
    m.put(kind, units);
    return new GasModel(m, tickGas, transactionGas, gasPriceGwei, chainGasPriceGwei);
  }

  /** The same model with this per-transaction overhead. */
  public GasModel withTransactionGas(long units) {
    return new GasModel(swapGas, tickGas, units, gasPriceGwei, chainGasPriceGwei);
  }

  /** The same model with these units per initialized tick crossed. */
  public GasModel withTickGas(long units) {
    return new GasModel(swapGas, units, transactionGas, gasPriceGwei, chainGasPriceGwei);
  }

  /** Gas units of one swap through a pool of this kind (ticks crossed not included). */
  public long swapGas(PoolKind kind) {
    Long units = swapGas.get(kind);
    if (units != null) {
      return units;
    }
    return kind == PoolKind.CONCENTRATED ? DEFAULT_V3_SWAP : DEFAULT_V2_SWAP;
  }

  /** The gas price on a chain, in gwei, if one is set. */
  public Optional<BigDecimal> gasPrice(String chain) {
    BigDecimal p = chainGasPriceGwei.get(chain);
    return p != null ? Optional.of(p) : gasPriceGwei;
  }

  /** Whether any gas price is set (else profits are before gas). */
  public boolean priced() {
    return gasPriceGwei.isPresent() || !chainGasPriceGwei.isEmpty();
  }
}
