package dev.arb.cli;

import dev.arb.cli.chart.Html;
import dev.arb.daemon.ChartData;
import dev.arb.daemon.stream.Backtest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code arb backtest --report FILE.html}: the backtest's numbers (the same {@code --json} prints)
 * and the dashboard's charts of the run with the recorded fees, as one self-contained HTML page
 * with SVG charts and no script.
 */
final class BacktestReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BacktestReport() {}

  /**
   * The page.
   *
   * @param journal the replayed folder
   * @param reports the runs: the first with the recorded fees, then one per fee level
   * @param points the records the first run would have stored, for the charts
   * @param deadLetters when the first run wrote dead letters
   */
  static String html(
      Path journal,
      List<Backtest.Report> reports,
      List<ChartData.Point> points,
      List<Instant> deadLetters) {
    Backtest.Report r = reports.get(0);
    Html page = new Html("arb backtest report");
    page.paragraph(
        "Journal "
            + journal
            + ": "
            + r.events()
            + " events"
            + r.from().map(f -> " from " + TIME.format(f)).orElse("")
            + r.to().map(t -> " to " + TIME.format(t) + " UTC").orElse("")
            + ", decided as fast as possible and traded on paper at once.");
    if (r.truncatedFiles() > 0) {
      page.note(
          r.truncatedFiles()
              + " journal file(s) ended early (recorder killed); read up to the last flush.");
    }

    page.heading("Summary (recorded fees)");
    List<List<String>> summary = new ArrayList<>();
    summary.add(row("events", r.events()));
    summary.add(row("books", r.books()));
    summary.add(row("pools", r.pools()));
    summary.add(row("snapshots", r.snapshots()));
    summary.add(row("unreadable", r.unreadable()));
    summary.add(row("decisions with opportunities", r.decisions()));
    summary.add(row("opportunities found", r.opportunities()));
    summary.add(row("sized and worth trading", r.sized()));
    summary.add(row("executed on paper", r.executed()));
    summary.add(row("failed on paper (aborted or unwound)", r.failed()));
    summary.add(row("rejected by a rule", r.rejected()));
    page.table("summary", List.of("what", "count"), summary, Set.of(1));

    page.heading("Profit per start asset (recorded fees)");
    if (r.totals().isEmpty()) {
      page.note("Nothing was traded.");
    } else {
      List<List<String>> totals = new ArrayList<>();
      for (Backtest.Totals t : r.totals()) {
        totals.add(
            List.of(
                t.asset(),
                Integer.toString(t.executed()),
                Integer.toString(t.failed()),
                t.expected().toPlainString(),
                t.realized().toPlainString(),
                plain(t.realized().subtract(t.expected())),
                t.maxDrawdown().toPlainString()));
      }
      page.table(
          "totals",
          List.of(
              "start asset",
              "executed",
              "failed",
              "expected profit",
              "realized profit",
              "realized − expected",
              "max drawdown"),
          totals,
          Set.of(1, 2, 3, 4, 5, 6));
      page.note(
          "Max drawdown: the largest fall of the cumulative realized profit from its peak, per"
              + " start asset. Amounts are exact, in the start asset.");
    }

    page.heading("Fee sensitivity");
    List<List<String>> fees = new ArrayList<>();
    for (Backtest.Report x : reports) {
      String fee = x.takerFee().map(BigDecimal::toPlainString).orElse("as recorded");
      List<Backtest.Totals> ts =
          x.totals().isEmpty()
              ? List.of(
                  new Backtest.Totals("–", 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO))
              : x.totals();
      for (Backtest.Totals t : ts) {
        fees.add(
            List.of(
                fee,
                Long.toString(x.opportunities()),
                Long.toString(x.sized()),
                Long.toString(x.executed()),
                Long.toString(x.failed()),
                Long.toString(x.rejected()),
                t.asset(),
                t.expected().toPlainString(),
                t.realized().toPlainString(),
                t.maxDrawdown().toPlainString()));
      }
    }
    page.table(
        "fees",
        List.of(
            "taker fee",
            "found",
            "sized",
            "executed",
            "failed",
            "rejected",
            "start asset",
            "expected profit",
            "realized profit",
            "max drawdown"),
        fees,
        Set.of(1, 2, 3, 4, 5, 7, 8, 9));
    page.note(
        "The same replay with the recorded fees and with every book's taker fee set to each"
            + " level (0.001 = 0.1 %).");

    page.heading("Per hour (recorded fees, UTC)");
    if (r.hours().isEmpty()) {
      page.note("Nothing was traded.");
    } else {
      List<List<String>> hours = new ArrayList<>();
      for (Backtest.Hour h : r.hours()) {
        hours.add(
            List.of(
                HOUR.format(h.start()),
                h.asset(),
                Integer.toString(h.executed()),
                h.expected().toPlainString(),
                h.realized().toPlainString()));
      }
      page.table(
          "hours",
          List.of("hour", "start asset", "executed", "expected profit", "realized profit"),
          hours,
          Set.of(2, 3, 4));
    }

    page.heading("Over time (recorded fees)");
    if (r.from().isEmpty()) {
      page.note("The journal holds no readable event: nothing to draw.");
    } else {
      ChartData.ChartJson chart =
          ChartData.ofPoints(points, true, deadLetters, Optional.empty(), r.from(), r.to().get());
      page.note(
          chart.records()
              + " records (every opportunity as the daemon would store it after paper trading),"
              + " counted per "
              + chart.bucket()
              + ", event time in UTC. The profit charts, as the dashboard's, sum the trades with a"
              + " realized profit; the tables above also count trades aborted before any fill"
              + " (realized 0).");
      page.charts(chart);
    }
    return page.render();
  }

  private static List<String> row(String what, long count) {
    return List.of(what, Long.toString(count));
  }

  private static String plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.signum() == 0 ? BigDecimal.ZERO : s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
