package dev.arb.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.cli.TableFormatter.Column;
import dev.arb.cli.chart.ChartFiles;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.daemon.ChartData;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code arb history}: recorded opportunities, newest first, filtered, as a table with a summary
 * for people or as JSON/CSV for programs. A data directory without {@code arb.db} has no records:
 * the command prints an empty result and does not create the database.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = HistoryPruneCommand.class,
    description = {
      "Show recorded opportunities, newest first, and per start asset the count and total"
          + " estimated profit of all that match.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb history --since 2h",
      "  arb history --status rejected,failed --exchange kraken --limit 20",
      "  arb history --since 2026-11-24 --until 2026-11-25 --asset ETH --min-profit-bp 10 --json",
      "  arb history --csv --limit 100000 > records.csv",
      "  arb history --executed --since 1d",
      "  arb history --since 1d --plot profit.png",
      "  arb history --asset USD --plot profit.html",
      "  arb history prune --older-than 30d"
    })
final class HistoryCommand extends BaseCommand {

  private static final DateTimeFormatter TABLE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> CSV_HEADER =
      List.of(
          "id",
          "detected_at",
          "status",
          "start_asset",
          "exchanges",
          "assets",
          "estimated_profit",
          "return_bp",
          "realized_profit",
          "reason",
          "path",
          "solution",
          "instance");

  @Mixin ListOptions list;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeArg.Converter.class,
      description = "Only records detected before TIME (same forms as --since).")
  TimeArg until;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      converter = StatusConverter.class,
      description =
          "Only records with any of these statuses (repeatable or comma-separated): detected,"
              + " sized, rejected, executing, executed, failed.")
  List<OpportunityStatus> statuses = new ArrayList<>();

  @Option(
      names = "--exchange",
      paramLabel = "NAME",
      description = "Only records touching this exchange (case-insensitive).")
  String exchange;

  @Option(
      names = "--asset",
      paramLabel = "ASSET",
      description = "Only records passing through this asset (case-insensitive).")
  String asset;

  @Option(
      names = "--min-profit-bp",
      paramLabel = "BP",
      description = "Only records returning at least BP basis points after fees.")
  Double minProfitBp;

  @Option(
      names = "--executed",
      description =
          "Only traded cycles (executed, or failed with a realized profit: aborted or unwound):"
              + " expected vs realized profit, totals per start asset, and the paper balances."
              + " With --json each row also has expected_profit and difference.")
  boolean executed;

  @Option(names = "--csv", description = "Print CSV (RFC 4180) with a header row (no summary).")
  boolean csv;

  @Option(
      names = "--instance",
      paramLabel = "NAME",
      description =
          "Only records stored by this arb process (arb.instance; daemons sharing a PostgreSQL"
              + " store each have their own).")
  String instance;

  @Option(
      names = "--wide",
      description = "Show the path, exchanges and reason columns in full (by default cut at 40).")
  boolean wide;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Draw the matching records to FILE instead of printing them: opportunities per bucket"
              + " by status, expected vs realized profit over time per start asset, trades and"
              + " dead letters. FILE.png is an image, FILE.html a page that needs no network."
              + " Draws up to "
              + HistoryPlotReport.MAX_RECORDS
              + " newest records unless --limit is given.")
  Path plot;

  @Option(
      names = "--plot-size",
      paramLabel = "WIDTHxHEIGHT",
      defaultValue = "1200x900",
      description = "The PNG's size in pixels (default: ${DEFAULT-VALUE}).")
  String plotSize;

  @Override
  protected int execute() {
    if (plot != null) {
      return plot();
    }
    boolean json = list.json;
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "--json and --csv cannot be used together");
    }
    HistoryQuery query = query(list.limit());

    if (executed) {
      return executed(query);
    }
    ArbConfig cfg = config().config();
    Path file = cfg.databaseFile();
    List<OpportunityRecord> records = List.of();
    List<StatusTotal> totals = List.of();
    // a PostgreSQL store is a server, not a file in the data directory
    boolean exists = cfg.storage().postgres().isPresent() || Files.exists(file);
    if (exists) {
      try (RecordStore db = Stores.open(cfg)) {
        OpportunityRepository repo = db.opportunities();
        records = repo.find(query);
        if (!json && !csv) {
          totals = byStatus(repo, query);
        }
      }
    }

    if (json) {
      out().print(json(records));
    } else if (csv) {
      out().print(csv(records));
    } else {
      out().print(table(records, totals, exists ? null : file));
    }
    out().flush();
    return ExitCode.OK;
  }

  /** The filters' query, at most {@code limit} records. */
  private HistoryQuery query(int limit) {
    Optional<Instant> from = list.since(context().clock());
    Optional<Instant> to = Optional.ofNullable(until).map(t -> t.resolve(context().clock()));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new ParameterException(
          spec.commandLine(),
          "--since (" + from.get() + ") must be before --until (" + to.get() + ")");
    }
    return new HistoryQuery(
        from,
        to,
        new LinkedHashSet<>(statuses),
        Optional.ofNullable(exchange).filter(s -> !s.isBlank()),
        Optional.ofNullable(asset).filter(s -> !s.isBlank()),
        minProfitBp == null ? OptionalDouble.empty() : OptionalDouble.of(minProfitBp),
        limit,
        Optional.ofNullable(instance).filter(s -> !s.isBlank()));
  }

  /** {@code --plot FILE}: the chart of the matching records, written to FILE. */
  private int plot() {
    ChartFiles.Format format =
        ChartFiles.Format.of(plot)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--plot "
                            + plot
                            + ": the extension chooses the format; use "
                            + ChartFiles.Format.accepted()));
    String other = list.json ? "--json" : csv ? "--csv" : executed ? "--executed" : null;
    if (other != null) {
      throw new ParameterException(
          spec.commandLine(), "--plot and " + other + " cannot be used together");
    }
    java.util.regex.Matcher size =
        java.util.regex.Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(plotSize.trim());
    int w = size.matches() ? Integer.parseInt(size.group(1)) : 0;
    int h = size.matches() ? Integer.parseInt(size.group(2)) : 0;
    if (w < 300 || h < 200 || w > 10_000 || h > 10_000) {
      throw new ParameterException(
          spec.commandLine(),
          "--plot-size must be WIDTHxHEIGHT in pixels, from 300x200 to 10000x10000, got '"
              + plotSize
              + "'");
    }
    boolean limited = spec.commandLine().getParseResult().hasMatchedOption("--limit");
    HistoryQuery query = query(limited ? list.limit() : HistoryPlotReport.MAX_RECORDS);
    ChartData.ChartJson chart =
        HistoryPlotReport.chart(config().config(), query, context().clock().instant());
    HistoryPlotReport.write(chart, plot, format, w, h);
    out().println(HistoryPlotReport.heading(chart) + ": drawn to " + plot);
    out().flush();
    return ExitCode.OK;
  }

  /** {@code --executed}: traded records, expected vs realized, totals and paper balances. */
  private int executed(HistoryQuery base) {
    if (!statuses.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--executed and --status cannot be combined");
    }
    if (csv) {
      throw new ParameterException(spec.commandLine(), "--executed and --csv cannot be combined");
    }
    ArbConfig cfg = config().config();
    Path file = cfg.databaseFile();
    List<OpportunityRecord> all = new ArrayList<>();
    List<Holding> balances = List.of();
    if (cfg.storage().postgres().isPresent() || Files.exists(file)) {
      HistoryQuery q =
          new HistoryQuery(
              base.since(),
              base.until(),
              new LinkedHashSet<>(List.of(OpportunityStatus.EXECUTED, OpportunityStatus.FAILED)),
              base.exchange(),
              base.asset(),
              base.minProfitBp(),
              Integer.MAX_VALUE,
              base.instance());
      try (RecordStore db = Stores.open(cfg)) {
        for (OpportunityRecord r : db.opportunities().find(q)) {
          if (r.realizedProfit() != null) {
            all.add(r);
          }
        }
        balances = db.executions().paperBalances();
      }
    }
    List<OpportunityRecord> shown = all.subList(0, Math.min(list.limit(), all.size()));
    if (list.json) {
      out().print(executedJson(shown));
    } else {
      out().print(executedTable(shown, all, balances));
    }
    out().flush();
    return ExitCode.OK;
  }

  /** Like {@link #json}, each row with {@code expected_profit} and {@code difference} too. */
  static String executedJson(List<OpportunityRecord> records) {
    return jsonArray(records.stream().map(r -> RecordJson.of(r, true)).toList());
  }

  private static BigDecimal difference(OpportunityRecord r) {
    return r.realizedProfit().subtract(r.estimatedProfit()).stripTrailingZeros();
  }

  private String executedTable(
      List<OpportunityRecord> shown, List<OpportunityRecord> all, List<Holding> balances) {
    StringBuilder sb = new StringBuilder();
    if (all.isEmpty()) {
      sb.append("no executed cycles\n");
    } else {
      TableFormatter t =
          new TableFormatter(
              List.of(
                  Column.right("id"),
                  Column.left("detected (UTC)"),
                  Column.left("status"),
                  Column.left("start"),
                  cut(Column.left("path")),
                  Column.right("expected"),
                  Column.right("realized"),
                  Column.right("difference"),
                  cut(Column.left("reason"))));
      for (OpportunityRecord r : shown) {
        t.row(
            java.util.Arrays.asList(
                Long.toString(r.id()),
                TABLE_TIME.format(r.detectedAt()),
                r.status().code(),
                r.startAsset(),
                path(r),
                display(r.estimatedProfit()),
                display(r.realizedProfit()),
                display(difference(r)),
                r.reason()));
      }
      sb.append(t.render()).append('\n');
      sb.append(shown.size())
          .append(" of ")
          .append(all.size())
          .append(" executed cycles shown, newest first\n");
      java.util.Map<String, BigDecimal[]> totals = new java.util.TreeMap<>();
      for (OpportunityRecord r : all) {
        BigDecimal[] a =
            totals.computeIfAbsent(
                r.startAsset(),
                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        a[0] = a[0].add(BigDecimal.ONE);
        a[1] = a[1].add(r.estimatedProfit());
        a[2] = a[2].add(r.realizedProfit());
      }
      TableFormatter s =
          new TableFormatter(
              List.of(
                  Column.left("start"),
                  Column.right("cycles"),
                  Column.right("expected total"),
                  Column.right("realized total"),
                  Column.right("difference")));
      totals.forEach(
          (asset, a) ->
              s.row(
                  List.of(
                      asset,
                      a[0].toPlainString(),
                      display(a[1]),
                      display(a[2]),
                      display(a[2].subtract(a[1])))));
      sb.append(s.render());
    }
    if (!balances.isEmpty()) {
      sb.append("\npaper balances\n");
      TableFormatter b =
          new TableFormatter(
              List.of(Column.left("exchange"), Column.left("asset"), Column.right("amount")));
      for (Holding h : balances) {
        b.row(List.of(h.exchange(), h.asset().toString(), display(h.amount())));
      }
      sb.append(b.render());
    }
    return sb.toString();
  }

  /**
   * One stored opportunity as {@code arb history --json} and the daemon's {@code /opportunities}
   * print it, in this key order. The stored path and solution documents are embedded as they were
   * stored.
   *
   * @param expectedProfit with {@code --executed} only: the estimated profit again
   * @param difference with {@code --executed} only: realized - expected
   */
  record RecordJson(
      long id,
      Instant detectedAt,
      String status,
      String startAsset,
      List<String> exchanges,
      List<String> assets,
      JsonNode path,
      JsonNode solution,
      BigDecimal estimatedProfit,
      double returnBp,
      BigDecimal realizedProfit,
      String reason,
      String instance,
      @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal expectedProfit,
      @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal difference) {

    static RecordJson of(OpportunityRecord r, boolean executed) {
      return new RecordJson(
          r.id(),
          r.detectedAt(),
          r.status().code(),
          r.startAsset(),
          r.exchanges(),
          r.assets(),
          Json.treeOrText(r.pathJson()),
          Json.treeOrText(r.solutionJson()),
          r.estimatedProfit(),
          r.returnBp(),
          r.realizedProfit(),
          r.reason(),
          r.instance(),
          executed ? r.estimatedProfit() : null,
          executed ? HistoryCommand.difference(r) : null);
    }
  }

  /** A JSON array, one record object per line; {@code []} when empty. */
  static String json(List<OpportunityRecord> records) {
    return jsonArray(records.stream().map(r -> RecordJson.of(r, false)).toList());
  }

  private static String jsonArray(List<RecordJson> rows) {
    if (rows.isEmpty()) {
      return "[]\n";
    }
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < rows.size(); i++) {
      sb.append(Json.write(rows.get(i))).append(i + 1 < rows.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  static String csv(List<OpportunityRecord> records) {
    StringBuilder sb = new StringBuilder(CsvFormat.line(CSV_HEADER));
    for (OpportunityRecord r : records) {
      sb.append(
          CsvFormat.line(
              java.util.Arrays.asList(
                  Long.toString(r.id()),
                  r.detectedAt().toString(),
                  r.status().code(),
                  r.startAsset(),
                  String.join(";", r.exchanges()),
                  String.join(";", r.assets()),
                  r.estimatedProfit().toPlainString(),
                  plain(r.returnBp()),
                  r.realizedProfit() == null ? null : r.realizedProfit().toPlainString(),
                  r.reason(),
                  r.pathJson(),
                  r.solutionJson(),
                  r.instance())));
    }
    return sb.toString();
  }

  private String table(List<OpportunityRecord> records, List<StatusTotal> totals, Path missing) {
    if (missing != null) {
      return "no records yet (" + missing + " does not exist)\n";
    }
    if (records.isEmpty()) {
      return "no records match\n";
    }
    TableFormatter t =
        new TableFormatter(
            List.of(
                Column.right("id"),
                Column.left("detected (UTC)"),
                Column.left("status"),
                Column.left("start"),
                cut(Column.left("path")),
                cut(Column.left("exchanges")),
                Column.right("profit"),
                Column.right("bp"),
                cut(Column.left("reason"))));
    for (OpportunityRecord r : records) {
      t.row(
          java.util.Arrays.asList(
              Long.toString(r.id()),
              TABLE_TIME.format(r.detectedAt()),
              r.status().code(),
              r.startAsset(),
              path(r),
              String.join(",", r.exchanges()),
              display(r.estimatedProfit()),
              String.format(Locale.ROOT, "%.2f", r.returnBp()),
              r.reason()));
    }
    long matching = totals.stream().mapToLong(st -> st.total().count()).sum();
    StringBuilder sb = new StringBuilder(t.render()).append('\n');
    sb.append(records.size())
        .append(" of ")
        .append(matching)
        .append(" matching records shown, newest first")
        .append(records.size() < matching ? " (raise --limit to see more)" : "")
        .append('\n');
    if (totals.isEmpty()) {
      return sb.toString();
    }
    sb.append(
        "\nall matching records by status: the profit sizing estimated, summed per record (a cycle"
            + " found in several scans counts once per scan; only executed ones were traded)\n");
    TableFormatter s =
        new TableFormatter(
            List.of(
                Column.left("status"),
                Column.left("start"),
                Column.right("records"),
                Column.right("estimated profit")));
    for (StatusTotal a : totals) {
      s.row(
          List.of(
              a.status().code(),
              a.total().startAsset(),
              Long.toString(a.total().count()),
              display(a.total().estimatedProfit())));
    }
    return sb.append(s.render()).toString();
  }

  /** A start asset's total among the records of one status. */
  record StatusTotal(OpportunityStatus status, AssetTotal total) {}

  /** The summary of {@code query}, one query per status so that statuses are never added up. */
  private static List<StatusTotal> byStatus(OpportunityRepository repo, HistoryQuery query) {
    List<StatusTotal> out = new ArrayList<>();
    for (OpportunityStatus st : OpportunityStatus.values()) {
      if (!query.statuses().isEmpty() && !query.statuses().contains(st)) {
        continue;
      }
      HistoryQuery one =
          new HistoryQuery(
              query.since(),
              query.until(),
              java.util.Set.of(st),
              query.exchange(),
              query.asset(),
              query.minProfitBp(),
              query.limit());
      for (AssetTotal t : repo.summarize(one)) {
        out.add(new StatusTotal(st, t));
      }
    }
    return out;
  }

  /** The column cut at 40 characters, unless {@code --wide}. */
  private Column cut(Column c) {
    return wide ? c : c.max(40);
  }

  /**
   * An amount for the table: at most 8 decimals (1 satoshi; more than any quote asset needs),
   * rounded half-even; the exact value is in {@code --json} and {@code --csv}.
   */
  static String display(BigDecimal v) {
    BigDecimal r = v.scale() > 8 ? v.setScale(8, java.math.RoundingMode.HALF_EVEN) : v;
    r = r.stripTrailingZeros();
    return (r.signum() == 0 ? BigDecimal.ZERO : r.scale() < 0 ? r.setScale(0) : r).toPlainString();
  }

  private static String path(OpportunityRecord r) {
    List<String> nodes = new ArrayList<>(r.assets());
    if (!nodes.isEmpty() && nodes.get(0).equalsIgnoreCase(r.startAsset())) {
      nodes.add(nodes.get(0));
    }
    return String.join(">", nodes);
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** {@code --status} values of records. */
  static final class StatusConverter extends ListOptions.StatusConverter<OpportunityStatus> {
    StatusConverter() {
      super(OpportunityStatus::parse);
    }
  }
}
