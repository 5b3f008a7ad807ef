package dev.arb.engine.port;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one exchange account holds, read through XChange's {@code AccountService} with the API key
 * of {@code arb.exchanges.<name>}. Never carries the key.
 *
 * @param exchange exchange name
 * @param available per arb asset code (such as {@code BTC} for Kraken's XXBT), the amount free to
 *     trade; assets with a zero balance are left out; sorted by code
 * @param problem why the balances could not be read (empty when they were)
 */
public record AccountBalances(
    String exchange, Map<String, BigDecimal> available, Optional<String> problem) {
  public AccountBalances {
    Objects.requireNonNull(exchange, "exchange");
    available = java.util.Collections.unmodifiableMap(new TreeMap<>(available));
    Objects.requireNonNull(problem, "problem");
  }
}
