package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Paper trading ({@code arb.paper}).
 *
 * @param balances initial paper balances by lower-case exchange name, then upper-case asset code;
 *     amounts exact and positive. Used once, when the paper ledger is first created.
 * @param latency how long a paper order takes to reach the simulated exchange, &ge; 0: it fills on
 *     the books as they are after it (a replay's next snapshot when the trader has it)
 * @param slippageBp every paper fill price made worse by this many basis points, &ge; 0
 * @param defaultBalance with no {@code balances}, what the paper ledger holds of an asset on an
 *     exchange it has not held before ({@code arb.paper.default-balance}, like a dry-run wallet),
 *     so paper trading works with no configuration; 0 for none, never negative
 */
public record PaperConfig(
    Map<String, Map<String, BigDecimal>> balances,
    Duration latency,
    BigDecimal slippageBp,
    BigDecimal defaultBalance) {
  public PaperConfig {
    Objects.requireNonNull(defaultBalance, "defaultBalance");
    if (defaultBalance.signum() < 0) {
      throw new IllegalArgumentException(
          "the default paper balance must be 0 or more, got " + defaultBalance.toPlainString());
    }
    Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
    balances.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    balances = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(slippageBp, "slippageBp");
  }

  /** These balances, with no latency, no slippage and no default balance. */
  public PaperConfig(Map<String, Map<String, BigDecimal>> balances) {
    this(balances, Duration.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /**
   * What the paper ledger starts with of an asset it has not held on an exchange: {@link
   * #defaultBalance} when no {@link #balances} are configured, else 0.
   */
  public BigDecimal startingBalance() {
    return balances.isEmpty() ? defaultBalance : BigDecimal.ZERO;
  }

  /** No paper balances, no latency, no slippage. */
  public static PaperConfig defaults() {
    return new PaperConfig(Map.of());
  }
}
