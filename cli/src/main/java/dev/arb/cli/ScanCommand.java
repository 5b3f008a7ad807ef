package dev.arb.cli;

import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.lp.WholeGraphPlan;
import dev.arb.engine.lp.WholeGraphPlanRecords;
import dev.arb.engine.lp.WholeGraphPlanner;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code arb scan}: one scan of a snapshot; prints ranked opportunities and records them. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scan once: find the best simple arbitrage cycles, size each against book depth, print"
          + " them ranked and record them (see 'arb history').",
      "",
      "Input: --input PATH (a file, or a folder of l2-json books; a version-2 snapshot may hold"
          + " pools of chains); else live books of --exchange NAME or the configured exchanges;"
          + " --chain NAME reads a chain's pools live (with --exchange: books and pools in one"
          + " graph); with no input and no exchange configured, the bundled sample (Binance.US"
          + " top of book, 2023-03-02, fees 0 as its source states; --sample pools adds 12"
          + " Uniswap V2 and SushiSwap pairs).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb scan",
      "  arb scan --input rates.txt --amount 1000 --json",
      "  arb scan --exchange kraken --exchange bitstamp --json",
      "  arb scan --input Binance_US_orderbook_saved.csv --fees 0 --max-length 8",
      "  arb scan --input orderbooks/ --fees 0.0026 --start BTC,USD --min-profit-bp 5",
      "  arb scan --plan lp --input Binance_US_orderbook_saved.csv --fees 0 --start USD"
          + " --amount 10000 --steps 8",
      "  arb scan --sample pools --max-length 3 --min-liquidity WETH=10 --gas-price 30",
      "  arb scan --input pools.json --same-as WETH=ETH,USDC=USDC --json",
      "  arb scan --chain ethereum --exchange kraken --start USDC",
      "",
      "Exit codes: 0 ok, 1 failure (e.g. records could not be written), 2 bad options or"
          + " unreadable input, 3 nothing sized and --fail-on-empty."
    })
final class ScanCommand extends BaseCommand {

  @Mixin LiveExchangeOptions liveOptions;

  @Mixin ChainSourceOptions chainOptions;

  @Mixin ScanPoolOptions poolOptions;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "Snapshot file or folder. Default: the bundled sample.")
  Path input;

  @Option(
      names = "--sample",
      paramLabel = "books|pools",
      description =
          "Which bundled sample to scan when there is no other input: books (Binance.US top of"
              + " book, the default) or pools (the same books and 12 Uniswap V2 and SushiSwap"
              + " pairs on Ethereum with real reserves recorded at another moment, 2023-06).")
  String sample;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Input format: snapshot, tob-csv, l2-json, rates or forex-tsv. Default: detected from"
              + " the file.")
  String format;

  @Option(
      names = "--fees",
      paramLabel = "FRACTION",
      description =
          "Taker fee for every market, as a fraction (0.001 = 0.1 %%). Default: the input's own"
              + " fees; 0 for inputs that carry none (said in the output).")
  BigDecimal fees;

  @Option(
      names = "--exchange-name",
      paramLabel = "NAME",
      description = "Exchange name for inputs that carry none (tob-csv, rates).")
  String exchangeName;

  @Option(
      names = "--max-length",
      paramLabel = "L",
      description =
          "Longest cycle, in trades (2-10); transfers between exchanges (--transfers) do not"
              + " count. Default: arb.scan.max-length (5).")
  Integer maxLength;

  @Option(
      names = "--top",
      paramLabel = "K",
      description = "How many cycles to report. Default: arb.scan.top (10).")
  Integer top;

  @Option(
      names = "--start",
      paramLabel = "ASSET[,ASSET]",
      split = ",",
      description =
          "Only cycles through these assets, rotated to start there: exchange tickers, token"
              + " symbols (unique on their chain) or token addresses. Default:"
              + " arb.scan.start-assets (all).")
  List<String> start;

  @Option(
      names = "--min-profit-bp",
      paramLabel = "BP",
      description =
          "Leave out cycles whose return after fees is at or below BP basis points (top of book);"
              + " sized plans below it are recorded as rejected. Default: arb.scan.min-profit-bp"
              + " (0).")
  Double minProfitBp;

  @Option(
      names = "--amount",
      paramLabel = "AMOUNT",
      description =
          "Most of the start asset one plan may spend. Default: arb.scan.amount; if unset, plans"
              + " are limited by book depth alone (rate tables, which have no depth: 1).")
  BigDecimal amount;

  @Option(
      names = "--max-age",
      paramLabel = "DURATION|off",
      description =
          "Leave out books observed more than this before the snapshot's newest observation"
              + " (e.g. 500ms, 5s, 2m), and say so; off keeps every book. Default:"
              + " arb.scan.max-age, else 5s for an --input of several exchanges or with"
              + " --transfers (books recorded apart are no opportunity), else no limit.")
  String maxAgeText;

  /** The skew between exchanges' books allowed when nothing else is set. */
  static final Duration DEFAULT_SKEW = Duration.ofSeconds(5);

  @Option(
      names = "--plan",
      paramLabel = "cycles|lp",
      description =
          "cycles: the best simple cycles, each sized (default). lp: one whole-graph plan"
              + " maximising the start asset after --steps trades per market, top-of-book"
              + " capacities (needs --start and --amount).")
  String plan = "cycles";

  @Option(
      names = "--steps",
      paramLabel = "T",
      description = "Trading steps of the whole-graph plan (--plan lp). Default: 8.")
  int steps = 8;

  @Option(
      names = "--transfers",
      arity = "0..1",
      fallbackValue = "inventory",
      paramLabel = "MODEL",
      description =
          "Let cycles cross exchanges. inventory (the default model): the same asset on two"
              + " exchanges counts as interchangeable at no cost (balances held on each exchange,"
              + " rebalanced later). fees: an asset is moved, paying the withdrawal fee, minimum"
              + " and network of arb.transfers.<ASSET>. Default: each exchange on its own.")
  String transfers;

  @Option(
      names = "--balances",
      description =
          "With live exchanges: also read the account balances of those with an API key"
              + " configured (listed with the notes).")
  boolean balances;

  @Option(names = "--json", description = "Print JSON for programs instead of the table.")
  boolean json;

  @Option(
      names = "--no-record",
      description = "Do not write the opportunities to the record store.")
  boolean noRecord;

  @Option(names = "--fail-on-empty", description = "Exit 3 when no opportunity could be sized.")
  boolean failOnEmpty;

  @Override
  protected int execute() throws Exception {
    ArbConfig cfg = config().config();
    List<String> notes = new ArrayList<>();
    ScanInputOptions.Loaded loaded = new ScanInputOptions(this).load(cfg, notes);
    String mode = plan.toLowerCase(Locale.ROOT);
    if (mode.equals("lp")) {
      return wholeGraph(cfg, loaded, notes);
    }
    if (!mode.equals("cycles")) {
      throw new ConfigException("scan: --plan must be cycles or lp, got '" + plan + "'");
    }
    ScanRequest request = new ScanOptions(this).cycles(cfg, loaded, notes);
    ScanReport report = Scanner.scan(loaded.snapshot(), request);
    notes.addAll(report.notes());
    if (json) {
      out().println(Json.pretty(ScanJson.of(report, notes)));
    } else {
      new ScanTable(out(), err()).cycles(report, notes, request.query().maxLength());
    }
    int recorded = noRecord ? 0 : record(cfg, OpportunityRecords.of(report, now()));
    if (!json && recorded > 0) {
      out().println(recorded + " recorded in " + cfg.databaseFile() + " (see 'arb history')");
    }
    long sized = report.opportunities().stream().filter(o -> o.plan().isPresent()).count();
    return failOnEmpty && sized == 0 ? ExitCode.NOTHING_FOUND : ExitCode.OK;
  }

  /** {@code --plan lp}: one whole-graph plan from the start asset back to it. */
  private int wholeGraph(ArbConfig cfg, ScanInputOptions.Loaded loaded, List<String> notes) {
    ScanOptions.Lp lp = new ScanOptions(this).lp(cfg, loaded);
    MarketSnapshot snapshot = loaded.snapshot();
    WholeGraphPlan p = WholeGraphPlanner.plan(snapshot, lp.start(), lp.amount(), lp.steps());
    notes.add(
        "plan: whole-graph LP over top-of-book capacities, "
            + lp.steps()
            + " steps; found in double, then every trade re-priced exactly against the books"
            + " (lot sizes, minimums, amounts received rounded down): the amounts shown are what"
            + " the trades pay");
    if (json) {
      out().println(Json.pretty(WholeGraphPlanRecords.json(p, snapshot.source(), notes)));
    } else {
      new ScanTable(out(), err()).lp(p, snapshot, notes);
    }
    if (!noRecord) {
      record(cfg, List.of(WholeGraphPlanRecords.of(p, snapshot.source(), now(), notes)));
      if (!json) {
        out().println("1 recorded in " + cfg.databaseFile() + " (see 'arb history')");
      }
    }
    return failOnEmpty && p.profit().signum() <= 0 ? ExitCode.NOTHING_FOUND : ExitCode.OK;
  }

  /** Records {@code records} in the configured store; how many were recorded. */
  private int record(ArbConfig cfg, List<OpportunityRecord> records) {
    if (records.isEmpty()) {
      return 0;
    }
    try (RecordStore sink = Stores.open(cfg)) {
      records.forEach(sink.recorder()::record);
    }
    return records.size();
  }

  private Instant now() {
    return context().clock().instant();
  }

  /** Durations like {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT5S}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt") || v.startsWith("p")) {
          return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        switch (v.charAt(v.length() - 1)) {
          case 's':
            return Duration.ofSeconds(n);
          case 'm':
            return Duration.ofMinutes(n);
          case 'h':
            return Duration.ofHours(n);
          case 'd':
            return Duration.ofDays(n);
          default:
            break;
        }
      } catch (RuntimeException e) {
        // fall through to the usage error below
      }
      throw new TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 500ms, 5s, 2m, 1h, 1d or PT5S");
    }
  }
}
