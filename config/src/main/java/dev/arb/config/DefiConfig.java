package dev.arb.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The on-chain side ({@code arb.defi}).
 *
 * @param rpcUrl JSON-RPC endpoint, empty when DeFi is not used
 * @param chainId chain id the node must report (checked at connect)
 * @param keystore web3j wallet file, empty when DeFi is not used
 * @param keystorePassword where the keystore password is kept
 * @param maxFeeGwei gas cap: the most paid per unit of gas, in gwei (positive, whole wei: at most 9
 *     decimals); the {@code --max-fee-gwei} option of a command overrides it
 * @param receiptTimeout how long to wait for a sent transaction's receipt (after the last fee
 *     raise) before giving up and saying it may still be mined; positive
 * @param replaceAfter a sent transaction without receipt for this long is sent again with the same
 *     nonce and fees raised by 12.5 % (never above the cap); empty: never replaced
 * @param maxReplacements how many times at most one transaction is replaced (0 to 10)
 * @param relayer the daemon's gasless relayer ({@code arb.defi.relayer}); empty: off
 * @param minProfitMargin least profit after gas of a flash-loan cycle the daemon sends ({@code
 *     arb.defi.min-profit-margin}), in the chain's native token (ETH on Ethereum) and valued in the
 *     cycle's start token like gas; not negative
 */
public record DefiConfig(
    Optional<String> rpcUrl,
    long chainId,
    Optional<Path> keystore,
    Optional<SecretRef> keystorePassword,
    BigDecimal maxFeeGwei,
    Duration receiptTimeout,
    Optional<Duration> replaceAfter,
    int maxReplacements,
    Optional<RelayerConfig> relayer,
    BigDecimal minProfitMargin) {

  /** Default gas cap of {@code reference.conf}, gwei. */
  public static final BigDecimal DEFAULT_MAX_FEE_GWEI = BigDecimal.valueOf(300);

  /** Default receipt timeout of {@code reference.conf}. */
  public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofMinutes(5);

  /** Default wait before a stuck transaction is replaced, of {@code reference.conf}. */
  public static final Duration DEFAULT_REPLACE_AFTER = Duration.ofMinutes(1);

  /** Default most replacements of one transaction, of {@code reference.conf}. */
  public static final int DEFAULT_MAX_REPLACEMENTS = 3;

  /** Default least profit after gas of {@code reference.conf}, in the native token. */
  public static final BigDecimal DEFAULT_MIN_PROFIT_MARGIN = new BigDecimal("0.001");

  /** Most replacements of one transaction that may be configured. */
  public static final int MAX_REPLACEMENTS_LIMIT = 10;

  public DefiConfig {
    Objects.requireNonNull(rpcUrl, "rpcUrl");
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(receiptTimeout, "receiptTimeout");
    Objects.requireNonNull(replaceAfter, "replaceAfter");
    Objects.requireNonNull(relayer, "relayer");
    Objects.requireNonNull(minProfitMargin, "minProfitMargin");
    if (minProfitMargin.signum() < 0) {
      throw new IllegalArgumentException(
          "minProfitMargin must not be negative, got " + minProfitMargin.toPlainString());
    }
    if (chainId < 1) {
      throw new IllegalArgumentException("chainId must be at least 1, got " + chainId);
    }
    weiOfGwei(maxFeeGwei); // checks it
    maxFeeGwei = maxFeeGwei.stripTrailingZeros();
    if (maxFeeGwei.scale() < 0) {
      maxFeeGwei = maxFeeGwei.setScale(0);
    }
    if (receiptTimeout.isNegative() || receiptTimeout.isZero()) {
      throw new IllegalArgumentException("receiptTimeout must be positive, got " + receiptTimeout);
    }
    if (replaceAfter.isPresent()
        && (replaceAfter.get().isNegative() || replaceAfter.get().isZero())) {
      throw new IllegalArgumentException(
          "replaceAfter must be positive, got " + replaceAfter.get());
    }
    if (maxReplacements < 0 || maxReplacements > MAX_REPLACEMENTS_LIMIT) {
      throw new IllegalArgumentException(
          "maxReplacements must be 0 to " + MAX_REPLACEMENTS_LIMIT + ", got " + maxReplacements);
    }
  }

  /** The connection and key settings with the default gas cap and receipt timings. */
  public DefiConfig(
      Optional<String> rpcUrl,
      long chainId,
      Optional<Path> keystore,
      Optional<SecretRef> keystorePassword) {
    this(
        rpcUrl,
        chainId,
        keystore,
        keystorePassword,
        DEFAULT_MAX_FEE_GWEI,
        DEFAULT_RECEIPT_TIMEOUT,
        Optional.of(DEFAULT_REPLACE_AFTER),
        DEFAULT_MAX_REPLACEMENTS,
        Optional.empty(),
        DEFAULT_MIN_PROFIT_MARGIN);
  }

  /** The gas cap in wei per unit of gas. */
  public BigInteger maxFeeWei() {
    return weiOfGwei(maxFeeGwei);
  }

  /**
   * {@code gwei} in wei.
   *
   * @throws IllegalArgumentException unless positive and a whole number of wei (at most 9 decimals)
   */
  public static BigInteger weiOfGwei(BigDecimal gwei) {
    Objects.requireNonNull(gwei, "gwei");
    if (gwei.signum() <= 0) {
      throw new IllegalArgumentException("a gas cap must be positive, got " + gwei.toPlainString());
    }
    try {
      return gwei.movePointRight(9).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "a gas cap must be a whole number of wei (at most 9 decimals of gwei), got "
              + gwei.toPlainString(),
          e);
    }
  }
}
