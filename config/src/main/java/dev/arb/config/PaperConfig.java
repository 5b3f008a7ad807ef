package dev.arb.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paper trading ({@code arb.paper}).
 *
 * @param balances initial paper balances by lower-case exchange name, then upper-case asset code;
 *     amounts exact and positive. Used once, when the paper ledger is first created.
 */
public record PaperConfig(Map<String, Map<String, BigDecimal>> balances) {
  public PaperConfig {
    Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
    balances.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    balances = java.util.Collections.unmodifiableMap(copy);
  }

  /** No paper balances. */
  public static PaperConfig defaults() {
    return new PaperConfig(Map.of());
  }
}
