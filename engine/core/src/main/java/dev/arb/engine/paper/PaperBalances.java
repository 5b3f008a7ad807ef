package dev.arb.engine.paper;

import dev.arb.engine.execution.BalanceView;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import dev.arb.engine.record.Holding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper balance ledger: an exact amount per exchange and asset, in memory. The CLI loads it
 * from and saves it to SQLite. Thread-safe.
 */
public final class PaperBalances implements BalanceView {
  private final Map<String, BigDecimal> amounts = new TreeMap<>();

  /** A ledger holding {@code initial}. */
  public PaperBalances(List<Holding> initial) {
    for (Holding h : initial) {
      amounts.merge(key(h.exchange(), h.asset()), h.amount(), BigDecimal::add);
    }
  }

  @Override
  public synchronized BigDecimal balance(String exchange, Asset asset) {
    return amounts.getOrDefault(key(exchange, asset), BigDecimal.ZERO);
  }

  /** Moves {@code spent} of {@code from} out and {@code received} of {@code to} in. */
  public synchronized void trade(
      String exchange, Asset from, BigDecimal spent, Asset to, BigDecimal received) {
    BigDecimal have = balance(exchange, from);
    if (have.compareTo(spent) < 0) {
      throw new IllegalStateException(
          exchange + " has " + have + " " + from + ", cannot spend " + spent);
    }
    amounts.put(key(exchange, from), Decimals.normalise(have.subtract(spent)));
    amounts.merge(key(exchange, to), received, (a, b) -> Decimals.normalise(a.add(b)));
  }

  /** Every non-zero balance, by exchange then asset. */
  public synchronized List<Holding> holdings() {
    List<Holding> out = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : amounts.entrySet()) {
      if (e.getValue().signum() > 0) {
        int sep = e.getKey().indexOf(' ');
        out.add(
            new Holding(
                e.getKey().substring(0, sep),
                Asset.of(e.getKey().substring(sep + 1)),
                e.getValue()));
      }
    }
    return out;
  }

  private static String key(String exchange, Asset asset) {
    return exchange + " " + asset;
  }
}
