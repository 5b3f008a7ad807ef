package dev.arb.engine.record;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reconciling the live order journal against the exchanges did.
 *
 * @param resolved the rows as they are now resolved
 * @param problems rows that could not be resolved, for people; trading must not start unless this
 *     is empty
 * @param holdings what the touched executions hold outside their start asset
 */
public record Reconciliation(
    List<JournalEntry> resolved, List<String> problems, List<Holding> holdings) {
  public Reconciliation {
    resolved = List.copyOf(resolved);
    problems = List.copyOf(problems);
    holdings = List.copyOf(holdings);
  }

  /** Whether every in-flight order was resolved: trading may start. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * Net amounts an execution's orders left in assets other than its start asset (the asset its
   * first order spent), from all its journaled fills.
   */
  public static List<Holding> holdings(List<JournalEntry> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    JournalEntry first = rows.get(0);
    String start = first.side() == Side.BUY ? first.quote() : first.base();
    Map<String, BigDecimal> net = new LinkedHashMap<>();
    for (JournalEntry r : rows) {
      String from = r.side() == Side.BUY ? r.quote() : r.base();
      String to = r.side() == Side.BUY ? r.base() : r.quote();
      net.merge(r.exchange() + "\u0000" + from, r.spent().negate(), BigDecimal::add);
      net.merge(r.exchange() + "\u0000" + to, r.received(), BigDecimal::add);
    }
    List<Holding> out = new ArrayList<>();
    net.forEach(
        (k, amount) -> {
          String[] p = k.split("\u0000");
          if (!p[1].equals(start) && amount.signum() > 0) {
            out.add(new Holding(p[0], Asset.of(p[1]), amount));
          }
        });
    return out;
  }
}
