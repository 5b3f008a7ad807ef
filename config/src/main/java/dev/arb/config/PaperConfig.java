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
 */
public record PaperConfig(
    Map<String, Map<String, BigDecimal>> balances, Duration latency, BigDecimal slippageBp) {
  public PaperConfig {
    Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
    balances.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    balances = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(slippageBp, "slippageBp");
  }

  /** These balances, with no latency and no slippage. */
  public PaperConfig(Map<String, Map<String, BigDecimal>> balances) {
    this(balances, Duration.ZERO, BigDecimal.ZERO);
  }

  /** No paper balances, no latency, no slippage. */
  public static PaperConfig defaults() {
    return new PaperConfig(Map.of());
  }
}
