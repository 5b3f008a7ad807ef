package dev.arb.defi.pools;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One constant-product DEX to read: a Uniswap V2 style factory and the fee of all its pools.
 *
 * @param name the DEX's name, written as each pool's {@code dex} (such as {@code uniswap-v2})
 * @param factory the factory address (any case; kept lower-case)
 * @param fee the swap fee as a fraction in [0, 1) (0.003 = 0.3 %), trailing zeros removed
 * @param maxPools most pairs enumerated from the factory, the oldest first (at least 1)
 */
public record DexSpec(String name, String factory, BigDecimal fee, int maxPools) {
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
  }
}
