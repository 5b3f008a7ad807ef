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
 *
 * <p>With a starting balance (a dry-run wallet), an asset the ledger does not hold on an exchange
 * is there in that amount until it is traded; without one it is 0.
 */
public final class PaperBalances implements BalanceView {
  private final Map<String, BigDecimal> amounts = new TreeMap<>();
  private final BigDecimal starting;

  /** A ledger holding {@code initial}, and nothing else. */
  public PaperBalances(List<Holding> initial) {
    this(initial, BigDecimal.ZERO);
  }

  /**
   * A ledger holding {@code initial}, and {@code starting} of every asset on every exchange it does
   * not hold.
   *
   * @param starting 0 or more
   */
  public PaperBalances(List<Holding> initial, BigDecimal starting) {
    if (starting.signum() < 0) {
      throw new IllegalArgumentException(
          "the starting paper balance must be 0 or more, got " + starting.toPlainString());
    }
    this.starting = Decimals.normalise(starting);
    for (Holding h : initial) {
      amounts.merge(key(h.exchange(), h.asset()), h.amount(), BigDecimal::add);
    }
  }

  @Override
  public synchronized BigDecimal balance(String exchange, Asset asset) {
    return amounts.getOrDefault(key(exchange, asset), starting);
  }

  @Override
  public String whereToSet(String exchange, Asset asset) {
    return "on paper, set arb.paper.balances." + exchange + "." + asset;
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
    amounts.put(key(exchange, to), Decimals.normalise(balance(exchange, to).add(received)));
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
