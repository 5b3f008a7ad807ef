package dev.arb.cli;

import static java.util.stream.Collectors.joining;

import dev.arb.engine.lp.WholeGraphPlan;
import dev.arb.engine.lp.WholeGraphPlanRecords;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.sizing.TradePlan;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code arb scan}'s view for people: the notes, the graph line, the ranked cycles (or the
 * whole-graph plan's trades) as a table; problems go to stderr, the first {@value #PROBLEMS_SHOWN}
 * of them.
 */
final class ScanTable {
  /** Problems printed in the table view before "and N more". */
  static final int PROBLEMS_SHOWN = 10;

  private final PrintWriter out;
  private final PrintWriter err;

  ScanTable(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** The ranked cycles of a scan searched up to {@code maxLegs} legs. */
  void cycles(ScanReport report, List<String> notes, int maxLegs) {
    for (String n : notes) {
      out.println(n);
    }
    out.printf(
        Locale.ROOT,
        "graph: %d markets, %d nodes, %d edges; arbitrage (negative cycle): %s%n",
        report.markets(),
        report.search().nodes(),
        report.search().edges(),
        report.search().negativeCycleExists() ? "yes" : "no");
    for (String n : report.search().notes()) {
      out.println("note: " + n);
    }
    problems(report.problems());
    if (report.opportunities().isEmpty()) {
      out.println("no cycle of at most " + maxLegs + " legs above the profit threshold");
      report
          .search()
          .detectedCycle()
          .filter(c -> c.legs().size() > maxLegs)
          .ifPresent(
              c ->
                  out.printf(
                      Locale.ROOT,
                      "hint: the negative cycle the detector found, %s, has %d legs (%.3f bp"
                          + " at top of book); --max-length %d would search that long%n",
                      c.assets().stream().map(Object::toString).collect(joining(">")),
                      c.legs().size(),
                      c.returnBp(),
                      Math.min(10, c.legs().size())));
      return;
    }
    out.println();
    boolean gas =
        report.opportunities().stream().anyMatch(o -> o.plan().flatMap(TradePlan::gas).isPresent());
    List<TableFormatter.Column> columns = new ArrayList<>();
    columns.add(TableFormatter.Column.right("#"));
    columns.add(TableFormatter.Column.left("cycle").max(60));
    columns.add(TableFormatter.Column.left("exchanges").max(30));
    columns.add(TableFormatter.Column.right("return bp"));
    columns.add(TableFormatter.Column.right("start"));
    columns.add(TableFormatter.Column.right("end"));
    columns.add(TableFormatter.Column.right("profit"));
    if (gas) {
      columns.add(TableFormatter.Column.right("gas"));
      columns.add(TableFormatter.Column.right("after gas"));
    }
    columns.add(TableFormatter.Column.right("profit bp"));
    columns.add(TableFormatter.Column.left("status"));
    columns.add(TableFormatter.Column.left("reason").max(70));
    TableFormatter t = new TableFormatter(columns);
    for (Opportunity o : report.opportunities()) {
      Optional<TradePlan> p = o.plan();
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(o.rank()));
      row.add(String.join(">", OpportunityRecords.nodeNames(o.cycle(), report.names())));
      row.add(venues(o.cycle()));
      row.add(bp(o.cycle().returnBp()));
      row.add(p.map(x -> short12(x.startAmount())).orElse(""));
      row.add(p.map(x -> short12(x.endAmount())).orElse(""));
      row.add(p.map(x -> short12(x.profit())).orElse(""));
      if (gas) {
        row.add(p.flatMap(TradePlan::gas).map(g -> short12(g.value())).orElse(""));
        row.add(p.filter(x -> x.gas().isPresent()).map(x -> short12(x.netProfit())).orElse(""));
      }
      row.add(p.map(x -> bp(x.netProfitBp())).orElse(""));
      row.add(o.status().code());
      row.add(o.reason().orElse(""));
      t.row(row);
    }
    out.print(t.render());
  }

  /** The trades of a whole-graph plan of {@code snapshot} and what they end with. */
  void lp(WholeGraphPlan p, MarketSnapshot snapshot, List<String> notes) {
    for (String n : notes) {
      out.println(n);
    }
    problems(snapshot.problems());
    out.println();
    TableFormatter t =
        new TableFormatter(
            List.of(
                TableFormatter.Column.right("step"),
                TableFormatter.Column.left("market"),
                TableFormatter.Column.left("side"),
                TableFormatter.Column.left("from>to"),
                TableFormatter.Column.right("amount in"),
                TableFormatter.Column.right("amount out")));
    for (WholeGraphPlan.Transaction x : p.transactions()) {
      t.row(
          List.of(
              Integer.toString(x.step()),
              x.marketId(),
              x.side().name().toLowerCase(Locale.ROOT),
              x.from() + ">" + x.to(),
              short12(x.amountIn()),
              short12(x.amountOut())));
    }
    out.print(t.render());
    out.println();
    out.printf(
        Locale.ROOT,
        "%s %s -> %s %s after %d steps (%s bp; exact %s, solver value %s)%n",
        WholeGraphPlanRecords.exact(p.startAmount()),
        p.start(),
        p.finalAmount().setScale(2, RoundingMode.DOWN).toPlainString(),
        p.start(),
        p.steps(),
        bp(p.returnBp()),
        WholeGraphPlanRecords.exact(p.finalAmount()),
        WholeGraphPlanRecords.decimal(p.solverFinalAmount()));
  }

  /** The exchanges of the cycle's book legs and the DEXes of its pool legs, in order of use. */
  private static String venues(Cycle c) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Leg l : c.legs()) {
      out.add(l.tradable() instanceof Pool p ? p.dex() : l.exchange());
    }
    return String.join(",", out);
  }

  private void problems(List<String> problems) {
    for (int i = 0; i < problems.size() && i < PROBLEMS_SHOWN; i++) {
      err.println("warning: " + problems.get(i));
    }
    if (problems.size() > PROBLEMS_SHOWN) {
      err.println(
          "warning: ... and "
              + (problems.size() - PROBLEMS_SHOWN)
              + " more problems (all are listed with --json)");
    }
  }

  private static String bp(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** At most 12 significant digits for the table; JSON has the exact value. */
  private static String short12(BigDecimal v) {
    BigDecimal r = v.round(new MathContext(12, RoundingMode.DOWN)).stripTrailingZeros();
    return (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
  }
}
