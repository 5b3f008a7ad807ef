package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.cli.chart.ChartFiles;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.daemon.ChartData;
import dev.arb.daemon.stream.Backtest;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradingService;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import dev.arb.error.ConfigException;
import dev.arb.error.StorageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb backtest}: a recorded event journal decided and paper-traded, with a report. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a recorded event journal ('arb record --stream', 'arb run --journal') through the"
          + " streaming runner as fast as possible, paper-trading every opportunity at once (fills"
          + " on the books of the moment, within arb.risk limits, from arb.paper.balances), and"
          + " report: events, opportunities found, executed on paper, expected and realized"
          + " profit per hour and in total, and the largest drawdown of the realized profit.",
      "",
      "Fee sensitivity: the same replay is run with the recorded fees and with every book's taker"
          + " fee set to each of --fee-levels. Nothing is written to the record store: each run"
          + " pays from fresh paper balances in a store of its own that is deleted afterwards.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb backtest --replay journal/",
      "  arb backtest --replay journal/ --fee-levels 0.0005,0.001 --json",
      "  arb backtest --replay journal/ --report backtest.html",
      "",
      "Exit codes: 0 ok, 1 failure, 2 bad options (no journal in the folder)."
    })
final class BacktestCommand extends BaseCommand {

  @Option(
      names = "--replay",
      required = true,
      paramLabel = "DIR",
      description = "The event journal's folder.")
  Path replay;

  @Option(
      names = "--fee-levels",
      paramLabel = "FRACTION[,FRACTION...]",
      split = ",",
      description =
          "Taker fees (0.001 = 0.1 %%) to run the replay with besides the recorded ones. Default:"
              + " 0.001,0.002.")
  List<BigDecimal> feeLevels =
      new ArrayList<>(List.of(new BigDecimal("0.001"), new BigDecimal("0.002")));

  @Option(names = "--json", description = "Print JSON (snake_case keys, decimal strings).")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Also write the report as one HTML page that needs no network and runs no script:"
              + " the numbers above, and the dashboard's charts of the run with the recorded fees"
              + " (opportunities by status, expected vs realized profit over time per start asset,"
              + " trades and dead letters).")
  Path report;

  @Override
  protected int execute() throws JsonProcessingException {
    ArbConfig cfg = config().config();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(replay)) {
      problems.add(
          "backtest: --replay "
              + replay
              + " is not a folder; give the folder 'arb record --stream --output DIR' wrote");
    }
    for (BigDecimal f : feeLevels) {
      if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) >= 0) {
        problems.add(
            "backtest: --fee-levels must be fractions in [0, 1) such as 0.001 (0.1 %), got "
                + f.toPlainString());
      }
    }
    if (report != null) {
      Path parent = report.toAbsolutePath().getParent();
      if (ChartFiles.Format.of(report).filter(f -> f == ChartFiles.Format.HTML).isEmpty()) {
        problems.add(
            "backtest: --report "
                + report
                + ": the report is an HTML page; give a file name ending in .html");
      } else if (parent == null || !Files.isDirectory(parent)) {
        problems.add(
            "backtest: --report "
                + report
                + ": the folder "
                + parent
                + " does not exist; create it first");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    ScanRequest request = RunCommand.request(cfg);
    List<Optional<BigDecimal>> levels = new ArrayList<>();
    levels.add(Optional.empty());
    feeLevels.forEach(f -> levels.add(Optional.of(f)));
    List<Backtest.Report> reports = new ArrayList<>();
    List<ChartData.Point> points = new ArrayList<>();
    List<Instant> deadLetters = new ArrayList<>();
    try (ProgressLines progress = ProgressLines.of(context(), json, "backtest: replays")) {
      for (Optional<BigDecimal> fee : levels) {
        progress.at(
            reports.size(),
            levels.size(),
            fee.map(f -> "at fee " + f.toPlainString()).orElse("at the recorded fees"));
        boolean charted = report != null && fee.isEmpty();
        reports.add(
            once(
                cfg,
                request,
                fee,
                charted ? o -> points.add(ChartData.Point.of(o)) : o -> {},
                charted ? deadLetters : new ArrayList<>()));
      }
      progress.at(reports.size(), levels.size(), "");
    }
    if (report != null) {
      ChartFiles.write(
          report,
          BacktestReport.html(replay, reports, points, deadLetters)
              .getBytes(StandardCharsets.UTF_8));
    }
    if (json) {
      out().println(Json.pretty(json(reports)));
    } else {
      table(reports);
      if (report != null) {
        out().println();
        out().println("report written to " + report);
      }
    }
    return ExitCode.OK;
  }

  /** One replay on a paper ledger of its own, in a temporary store deleted afterwards. */
  private Backtest.Report once(
      ArbConfig cfg,
      ScanRequest request,
      Optional<BigDecimal> fee,
      Consumer<OpportunityRecord> stored,
      List<Instant> deadLetters) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("arb-backtest");
    } catch (IOException e) {
      throw new StorageException("backtest: cannot create a temporary store: " + e.getMessage(), e);
    }
    ArbConfig own =
        new ArbConfig(
            tmp,
            cfg.logging(),
            cfg.storage(),
            cfg.scan(),
            cfg.exchanges(),
            cfg.http(),
            cfg.defi(),
            cfg.run(),
            cfg.alerts(),
            cfg.paper(),
            cfg.risk(),
            cfg.trading(),
            cfg.chains(),
            cfg.chat());
    try (RecordStore store = Stores.open(own)) {
      Backtest.Report r =
          Backtest.run(
              replay,
              request,
              StreamEngine.Settings.defaults(),
              fee,
              (snapshot, at) -> ScanResult.of(snapshot, request, at),
              clock -> TradingService.open(store, own, clock).paper(),
              stored);
      for (DeadLetter d :
          store
              .deadLetters()
              .list(
                  new DeadLetterRepository.Query(Set.of(), Optional.empty(), Integer.MAX_VALUE))) {
        deadLetters.add(d.createdAt());
      }
      return r;
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new StorageException("backtest: " + e.getMessage(), e);
    } finally {
      delete(tmp);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private void table(List<Backtest.Report> reports) {
    Backtest.Report first = reports.get(0);
    out()
        .printf(
            Locale.ROOT,
            "backtest of %s: %,d events (%,d books, %,d pools, %,d snapshots, %,d unreadable)%s%n",
            replay,
            first.events(),
            first.books(),
            first.pools(),
            first.snapshots(),
            first.unreadable(),
            first.from().isPresent()
                ? " from " + first.from().get() + " to " + first.to().get()
                : "");
    if (first.truncatedFiles() > 0) {
      out()
          .println(
              "note: "
                  + first.truncatedFiles()
                  + " journal file(s) ended early (recorder killed); read up to the last flush");
    }
    out().println();
    out()
        .printf(
            Locale.ROOT,
            "%-12s %7s %6s %8s %6s %8s %-6s %16s %16s %14s%n",
            "taker fee",
            "found",
            "sized",
            "executed",
            "failed",
            "rejected",
            "asset",
            "expected",
            "realized",
            "max drawdown");
    for (Backtest.Report r : reports) {
      String fee = r.takerFee().map(BigDecimal::toPlainString).orElse("as recorded");
      if (r.totals().isEmpty()) {
        out()
            .printf(
                Locale.ROOT,
                "%-12s %7d %6d %8d %6d %8d %-6s %16s %16s %14s%n",
                fee,
                r.opportunities(),
                r.sized(),
                r.executed(),
                r.failed(),
                r.rejected(),
                "-",
                "0",
                "0",
                "0");
      }
      for (Backtest.Totals t : r.totals()) {
        out()
            .printf(
                Locale.ROOT,
                "%-12s %7d %6d %8d %6d %8d %-6s %16s %16s %14s%n",
                fee,
                r.opportunities(),
                r.sized(),
                r.executed(),
                r.failed(),
                r.rejected(),
                t.asset(),
                t.expected().toPlainString(),
                t.realized().toPlainString(),
                t.maxDrawdown().toPlainString());
      }
    }
    if (!first.hours().isEmpty()) {
      out().println();
      out().println("per hour (recorded fees):");
      out()
          .printf(
              Locale.ROOT,
              "%-22s %-6s %8s %16s %16s%n",
              "hour (UTC)",
              "asset",
              "executed",
              "expected",
              "realized");
      for (Backtest.Hour h : first.hours()) {
        out()
            .printf(
                Locale.ROOT,
                "%-22s %-6s %8d %16s %16s%n",
                h.start(),
                h.asset(),
                h.executed(),
                h.expected().toPlainString(),
                h.realized().toPlainString());
      }
    }
  }

  private ObjectNode json(List<Backtest.Report> reports) {
    ObjectNode n = Json.nodes().objectNode();
    n.put("journal", replay.toString());
    ArrayNode runs = n.putArray("runs");
    for (Backtest.Report r : reports) {
      ObjectNode o = runs.addObject();
      if (r.takerFee().isPresent()) {
        o.put("taker_fee", r.takerFee().get().toPlainString());
      } else {
        o.putNull("taker_fee");
      }
      o.put("events", r.events());
      o.put("books", r.books());
      o.put("pools", r.pools());
      o.put("snapshots", r.snapshots());
      o.put("unreadable", r.unreadable());
      o.put("truncated_files", r.truncatedFiles());
      o.put("from", r.from().map(Object::toString).orElse(null));
      o.put("to", r.to().map(Object::toString).orElse(null));
      o.put("decisions", r.decisions());
      o.put("opportunities", r.opportunities());
      o.put("sized", r.sized());
      o.put("executed", r.executed());
      o.put("failed", r.failed());
      o.put("rejected", r.rejected());
      ArrayNode totals = o.putArray("totals");
      for (Backtest.Totals t : r.totals()) {
        ObjectNode x = totals.addObject();
        x.put("asset", t.asset());
        x.put("executed", t.executed());
        x.put("failed", t.failed());
        x.put("expected_profit", t.expected().toPlainString());
        x.put("realized_profit", t.realized().toPlainString());
        x.put("max_drawdown", t.maxDrawdown().toPlainString());
      }
      ArrayNode hours = o.putArray("hours");
      for (Backtest.Hour h : r.hours()) {
        ObjectNode x = hours.addObject();
        x.put("hour", h.start().toString());
        x.put("asset", h.asset());
        x.put("executed", h.executed());
        x.put("expected_profit", h.expected().toPlainString());
        x.put("realized_profit", h.realized().toPlainString());
      }
    }
    return n;
  }
}
