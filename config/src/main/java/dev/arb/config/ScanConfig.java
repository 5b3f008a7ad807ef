package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Defaults for scans ({@code arb.scan}); {@code arb scan} options override them.
 *
 * @param maxLength longest cycle searched, in legs (2 to 10)
 * @param top how many opportunities are reported (at least 1)
 * @param minProfitBp opportunities below this return in basis points are not reported
 * @param startAssets only cycles through these assets, empty for all
 * @param amount start amount per cycle in the start asset, empty to size by balances/depth only
 * @param maxAge books older than this are not used, empty for no limit
 * @param transfers the costs of moving assets between exchanges ({@code arb.transfers}) by asset
 *     code or {@code ASSET:from>to} route, for {@code --transfers=fees}
 */
public record ScanConfig(
    int maxLength,
    int top,
    double minProfitBp,
    List<String> startAssets,
    Optional<BigDecimal> amount,
    Optional<Duration> maxAge,
    Map<String, TransferConfig> transfers) {
  /** Defaults without transfer costs. */
  public ScanConfig(
      int maxLength,
      int top,
      double minProfitBp,
      List<String> startAssets,
      Optional<BigDecimal> amount,
      Optional<Duration> maxAge) {
    this(maxLength, top, minProfitBp, startAssets, amount, maxAge, Map.of());
  }

  public ScanConfig {
    transfers = Map.copyOf(transfers);
    if (maxLength < 2 || maxLength > 10) {
      throw new IllegalArgumentException("maxLength must be between 2 and 10, got " + maxLength);
    }
    if (top < 1) {
      throw new IllegalArgumentException("top must be at least 1, got " + top);
    }
    startAssets = List.copyOf(startAssets);
    if (amount.isPresent() && amount.get().signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
  }
}
