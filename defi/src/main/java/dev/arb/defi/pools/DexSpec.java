package dev.arb.defi.pools;

import dev.arb.engine.model.PoolKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One DEX to read: a Uniswap V2-style factory and the fee of all its pools, or a Uniswap V3-style
 * (concentrated-liquidity) factory, whose pools are looked up with {@code getPool} at its fee tiers
 * and read with the initialized ticks of {@code tickWords} bitmap words either side of the price.
 *
 * @param name the DEX's name, written as each pool's {@code dex} (such as {@code uniswap-v2})
 * @param factory the factory address (any case; kept lower-case)
 * @param fee the swap fee of a constant-product factory's pools as a fraction in [0, 1) (0.003 =
 *     0.3 %), trailing zeros removed; not used for a concentrated factory (each pool's own)
 * @param maxPools most pairs enumerated from a constant-product factory, the oldest first (at least
 *     1)
 * @param kind {@link PoolKind#CONSTANT_PRODUCT} or {@link PoolKind#CONCENTRATED}
 * @param feeTiers a concentrated factory's fee tiers in pips (500 = 0.05 %); empty otherwise
 * @param tickWords bitmap words read each side of a concentrated pool's price (1 to 50); 0
 *     otherwise
 */
public record DexSpec(
    String name,
    String factory,
    BigDecimal fee,
    int maxPools,
    PoolKind kind,
    List<Integer> feeTiers,
    int tickWords) {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  /** Uniswap V2's fee, the default of {@code --dex NAME=FACTORY}. */
  public static final BigDecimal UNISWAP_V2_FEE = new BigDecimal("0.003");

  public DexSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(fee, "fee");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a DEX needs a name");
    }
    if (!ADDRESS.matcher(factory).matches()) {
      throw new IllegalArgumentException(
          "the factory of " + name + " must be an address (0x and 40 hex digits), got " + factory);
    }
    factory = factory.toLowerCase(Locale.ROOT);
    if (fee.signum() < 0 || fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "the fee of "
              + name
              + " must be a fraction from 0 to below 1, got "
              + fee.toPlainString());
    }
    fee = fee.signum() == 0 ? BigDecimal.ZERO : fee.stripTrailingZeros();
    if (maxPools < 1) {
      throw new IllegalArgumentException(
          "max-pools of " + name + " must be at least 1, got " + maxPools);
    }
    Objects.requireNonNull(kind, "kind");
    feeTiers = List.copyOf(feeTiers);
    if (kind == PoolKind.CONCENTRATED) {
      if (feeTiers.isEmpty()) {
        throw new IllegalArgumentException("the concentrated DEX " + name + " needs fee tiers");
      }
      for (int t : feeTiers) {
        if (t < 1 || t > 999_999) {
          throw new IllegalArgumentException(
              "a fee tier of " + name + " must be 1 to 999999 pips, got " + t);
        }
      }
      if (tickWords < 1 || tickWords > 50) {
        throw new IllegalArgumentException(
            "tick-words of " + name + " must be 1 to 50, got " + tickWords);
      }
    }
  }

  /** A constant-product DEX. */
  public DexSpec(String name, String factory, BigDecimal fee, int maxPools) {
    this(name, factory, fee, maxPools, PoolKind.CONSTANT_PRODUCT, List.of(), 0);
  }

  /** A concentrated-liquidity DEX looked up at {@code feeTiers}, {@code tickWords} each side. */
  public static DexSpec concentrated(
      String name, String factory, List<Integer> feeTiers, int tickWords) {
    return new DexSpec(
        name, factory, BigDecimal.ZERO, 1, PoolKind.CONCENTRATED, feeTiers, tickWords);
  }

  /** Whether this is a concentrated-liquidity factory. */
  public boolean concentrated() {
    return kind == PoolKind.CONCENTRATED;
  }
}
