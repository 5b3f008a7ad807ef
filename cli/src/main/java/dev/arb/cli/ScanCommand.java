package dev.arb.cli;

import static java.util.stream.Collectors.joining;

import dev.arb.cli.wiring.ChainPools;
import dev.arb.cli.wiring.MarketData;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.config.ChainConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.ScanConfig;
import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.engine.json.Json;
import dev.arb.engine.lp.WholeGraphPlan;
import dev.arb.engine.lp.WholeGraphPlanRecords;
import dev.arb.engine.lp.WholeGraphPlanner;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.TransferCosts;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.WithdrawalFees;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
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

  /** Problems printed in the table view before "and N more". */
  private static final int PROBLEMS_SHOWN = 10;

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

  /** Withdrawal fees the live exchanges reported, read with {@code --transfers=fees}. */
  private List<WithdrawalFees> withdrawalFees = List.of();

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
    Loaded loaded = loadSnapshot(cfg, notes);
    String mode = plan.toLowerCase(Locale.ROOT);
    if (mode.equals("lp")) {
      return wholeGraph(cfg, loaded, notes);
    }
    if (!mode.equals("cycles")) {
      throw new ConfigException("scan: --plan must be cycles or lp, got '" + plan + "'");
    }
    ScanRequest request = request(cfg, loaded, notes);
    ScanReport report = Scanner.scan(loaded.snapshot(), request);
    notes.addAll(report.notes());
    if (json) {
      out().println(Json.pretty(ScanJson.of(report, notes)));
    } else {
      printTable(report, notes, request.query().maxLength());
    }
    int recorded = record(cfg, report);
    if (!json && recorded > 0) {
      out().println(recorded + " recorded in " + cfg.databaseFile() + " (see 'arb history')");
    }
    long sized = report.opportunities().stream().filter(o -> o.plan().isPresent()).count();
    return failOnEmpty && sized == 0 ? ExitCode.NOTHING_FOUND : ExitCode.OK;
  }

  /** A snapshot and whether its depth is real (false for rate tables). */
  private record Loaded(MarketSnapshot snapshot, boolean unlimitedDepth) {}

  private Loaded loadSnapshot(ArbConfig cfg, List<String> notes) {
    if (fees != null && (fees.signum() < 0 || fees.compareTo(BigDecimal.ONE) >= 0)) {
      throw new ConfigException(
          "scan: --fees must be a fraction in [0, 1) such as 0.001 (0.1 %), got "
              + fees.toPlainString());
    }
    if (balances && input != null) {
      throw new ConfigException(
          "scan: --balances needs live exchanges (--exchange NAME), not --input");
    }
    if (sample != null) {
      return sample(notes);
    }
    if (chainOptions.given()) {
      return chainSnapshot(cfg, notes);
    }
    if (input == null) {
      List<ExchangeConfig> live = liveOptions.select(cfg, "scan");
      if (!live.isEmpty()) {
        return liveSnapshot(cfg, live, notes);
      }
      if (balances) {
        throw new ConfigException("scan: --balances needs live exchanges (--exchange NAME)");
      }

      if (format != null) {
        throw new ConfigException("scan: --format needs --input");
      }
      MarketSnapshot sample = SampleSnapshot.load();
      notes.add("input: the bundled sample (" + SampleSnapshot.SOURCE + ")");
      if (fees != null) {
        notes.add("fees: " + fees.toPlainString() + " on every market (--fees)");
        sample = Snapshots.withTakerFee(sample, fees);
      } else {
        notes.add(
            "fees: 0, as the sample's source states; real venues charge fees (try --fees 0.001)");
      }
      return new Loaded(sample, false);
    }
    Optional<InputFormat> fmt =
        format == null ? Optional.empty() : Optional.of(InputFormat.fromCliName(format));
    InputFormat actual = fmt.orElseGet(() -> SnapshotReaders.detect(input));
    boolean carriesFees = actual == InputFormat.SNAPSHOT;
    ReadOptions options = ReadOptions.withFee(fees == null ? BigDecimal.ZERO : fees);
    if (exchangeName != null) {
      options = options.withExchangeName(exchangeName);
    }
    MarketSnapshot snapshot = SnapshotReaders.read(input, Optional.of(actual), options);
    notes.add("input: " + input + " (" + actual.cliName() + ")");
    if (fees != null) {
      if (carriesFees) {
        snapshot = Snapshots.withTakerFee(snapshot, fees);
      }
      notes.add("fees: " + fees.toPlainString() + " on every market (--fees)");
    } else if (!carriesFees) {
      notes.add("fees: 0 assumed, the input carries none; pass --fees to set the taker fee");
    }
    boolean unlimited = actual == InputFormat.RATES || actual == InputFormat.FOREX_TSV;
    return new Loaded(snapshot, unlimited);
  }

  private Loaded sample(List<String> notes) {
    if (input != null || liveOptions.given() || chainOptions.given()) {
      throw new ConfigException(
          "scan: --sample scans the bundled data; leave out --input, --exchange and --chain");
    }
    if (format != null || balances) {
      throw new ConfigException("scan: --format and --balances do not apply to --sample");
    }
    MarketSnapshot s;
    switch (sample.toLowerCase(Locale.ROOT)) {
      case "books":
        s = SampleSnapshot.load();
        notes.add("input: the bundled sample (" + SampleSnapshot.SOURCE + ")");
        break;
      case "pools":
        s = SampleSnapshot.loadWithPools();
        notes.add(
            "input: the bundled sample with pools (" + SampleSnapshot.WITH_POOLS_SOURCE + ")");
        break;
      default:
        throw new ConfigException("scan: --sample must be books or pools, got " + sample);
    }
    if (fees != null) {
      notes.add("fees: " + fees.toPlainString() + " on every book market (--fees)");
      s = Snapshots.withTakerFee(s, fees);
    } else {
      notes.add(
          "fees: 0 on the books, as the sample's source states; real venues charge fees (try"
              + " --fees 0.001)");
    }
    if (!s.chains().isEmpty()) {
      notes.add("pool fees: each pool's own (0.3 % on these Uniswap V2 and SushiSwap pairs)");
    }
    return new Loaded(s, false);
  }

  /** A chain's pools read live, with the books of {@code --exchange} exchanges if named. */
  private Loaded chainSnapshot(ArbConfig cfg, List<String> notes) {
    if (input != null) {
      throw new ConfigException(
          "scan: --chain reads a chain live and cannot be combined with --input; record the chain"
              + " with 'arb record --chain' and scan that file instead");
    }
    if (format != null || exchangeName != null) {
      throw new ConfigException("scan: --format and --exchange-name need --input");
    }
    if (balances && !liveOptions.given()) {
      throw new ConfigException("scan: --balances needs live exchanges (--exchange NAME)");
    }
    chainOptions.command = "scan";
    chainOptions.validate();
    Optional<ChainConfig> configured = Optional.ofNullable(cfg.chains().get(chainOptions.chain));
    ChainSpec spec = chainOptions.spec(configured);
    String url = chainOptions.rpcUrl(configured, context().env());
    ChainPools.Read read = ChainPools.read(spec, url, cfg.dataDir(), chainOptions.blockToRead());
    ChainPoolState s = read.state();
    MarketSnapshot pools =
        read.snapshot(
            "chain "
                + s.name()
                + " ("
                + read.shownUrl()
                + ") at block "
                + s.block()
                + ": "
                + s.poolCount()
                + " pools, "
                + s.tokens().size()
                + " tokens, "
                + s.counts().leftOutTotal()
                + " left out");
    if (!liveOptions.given()) {
      notes.add("input: " + pools.source());
      if (fees != null) {
        notes.add("fees: --fees sets the taker fee of books; pools keep their own");
      }
      return new Loaded(pools, false);
    }
    Loaded books = liveSnapshot(cfg, liveOptions.select(cfg, "scan"), notes);
    notes.add("input: " + pools.source());
    MarketSnapshot both =
        new MarketSnapshot(
                books.snapshot().books(),
                books.snapshot().problems(),
                books.snapshot().source() + "; " + pools.source(),
                pools.chains())
            .withProblems(pools.problems());
    return new Loaded(both, false);
  }

  private Loaded liveSnapshot(ArbConfig cfg, List<ExchangeConfig> live, List<String> notes) {
    if (format != null || exchangeName != null) {
      throw new ConfigException("scan: --format and --exchange-name need --input");
    }
    MarketSnapshot snapshot;
    try (MarketDataSource source = MarketData.open(cfg, live, context().clock(), context().env())) {
      notes.addAll(source.notes());
      try (ProgressLines progress = ProgressLines.of(context(), json, "scan: exchanges")) {
        snapshot = source.snapshotWithProgress(progress);
      }
      notes.addAll(LiveExchangeLines.healthLines(source.health()));
      if (balances) {
        notes.addAll(LiveExchangeLines.balanceLines(source.balances()));
      }
      if ("fees".equals(transfers)) {
        withdrawalFees = source.withdrawalFees();
      }
    }
    notes.add("input: " + snapshot.source());
    if (fees != null) {
      snapshot = Snapshots.withTakerFee(snapshot, fees);
      notes.add("fees: " + fees.toPlainString() + " on every market (--fees)");
    } else {
      notes.add("fees: each exchange's taker fee (metadata, lowest public tier, or taker-fee)");
    }
    return new Loaded(snapshot, false);
  }

  private ScanRequest request(ArbConfig cfg, Loaded loaded, List<String> notes) {
    ScanConfig sc = cfg.scan();
    int length = maxLength != null ? maxLength : sc.maxLength();
    int k = top != null ? top : sc.top();
    List<String> problems = new ArrayList<>();
    if (length < 2 || length > 10) {
      problems.add("scan: --max-length must be between 2 and 10, got " + length);
    }
    if (k < 1) {
      problems.add("scan: --top must be at least 1, got " + k);
    }
    if (minProfitBp != null && (minProfitBp.isNaN() || minProfitBp <= -10_000)) {
      problems.add("scan: --min-profit-bp must be a number above -10000, got " + minProfitBp);
    }
    if (amount != null && amount.signum() <= 0) {
      problems.add("scan: --amount must be positive, got " + amount.toPlainString());
    }
    Duration maxAge = null;
    boolean ageOff = "off".equalsIgnoreCase(maxAgeText == null ? "" : maxAgeText.strip());
    if (maxAgeText != null && !ageOff) {
      try {
        maxAge = new DurationConverter().convert(maxAgeText);
        if (maxAge.isZero() || maxAge.isNegative()) {
          problems.add("scan: --max-age must be positive, got " + Json.duration(maxAge));
        }
      } catch (CommandLine.TypeConversionException e) {
        problems.add("scan: --max-age: " + e.getMessage() + ", or off");
      }
    }
    List<Asset> starts =
        ScanPoolOptions.startAssets(
            start != null ? start : sc.startAssets(), loaded.snapshot(), problems);
    PoolOptions pools = poolOptions.resolve(loaded.snapshot(), cfg.chains(), notes, problems);
    if (transfers != null && !transfers.equals("inventory") && !transfers.equals("fees")) {
      problems.add("scan: --transfers must be inventory or fees, got " + transfers);
    } else if ("fees".equals(transfers)
        && sc.transfers().isEmpty()
        && withdrawalFees.stream().allMatch(w -> w.fees().isEmpty())) {
      problems.add(
          "scan: --transfers=fees needs the cost of moving each asset in arb.transfers"
              + " (e.g. arb.transfers.BTC { fee = \"0.0005\", minimum = \"0.001\" }),"
              + " or use --transfers=inventory");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    double minBp = minProfitBp != null ? minProfitBp : sc.minProfitBp();
    PathQuery query = new PathQuery(length, k, starts, OptionalDouble.of(minBp), true);
    Optional<BigDecimal> amt = Optional.ofNullable(amount).or(sc::amount);
    if (amt.isEmpty() && loaded.unlimitedDepth()) {
      amt = Optional.of(BigDecimal.ONE);
      notes.add("amount: 1 unit of the start asset (a rate table has no depth; set --amount)");
    }
    Optional<Duration> age = ageOff ? Optional.empty() : Optional.ofNullable(maxAge).or(sc::maxAge);
    long exchanges =
        loaded.snapshot().books().stream().map(b -> b.market().exchange()).distinct().count();
    // a file joins books recorded at any time; a live scan fetches them together (and an
    // exchange's own stamp on a quiet book may be old), so the default is for files only
    if (age.isEmpty() && !ageOff && input != null && (transfers != null || exchanges > 1)) {
      age = Optional.of(DEFAULT_SKEW);
      notes.add(
          "max age: "
              + Json.duration(DEFAULT_SKEW)
              + " before the snapshot's newest observation (the default with several exchanges;"
              + " --max-age sets it, --max-age off keeps every book)");
    } else {
      age.ifPresent(
          a ->
              notes.add(
                  "max age: " + Json.duration(a) + " before the snapshot's newest observation"));
    }
    if ("fees".equals(transfers)) {
      Map<String, Set<Asset>> held = new TreeMap<>();
      for (dev.arb.engine.model.OrderBook b : loaded.snapshot().books()) {
        Set<Asset> assets =
            held.computeIfAbsent(
                b.market().exchange().toLowerCase(java.util.Locale.ROOT), e -> new TreeSet<>());
        assets.add(b.market().base());
        assets.add(b.market().quote());
      }
      TransferCosts costs = TransferOptions.of(sc.transfers(), withdrawalFees, held, notes);
      notes.add(
          "transfers: an asset moved between exchanges pays its withdrawal fee ("
              + costs.byAsset().size()
              + " assets and "
              + costs.byRoute().size()
              + " routes in arb.transfers, which win over fees read from the exchanges; other"
              + " assets are not moved)");
      return new ScanRequest(query, amt, age, true).withPools(pools).withTransferFees(costs);
    }
    if (transfers != null) {
      notes.add(
          "transfers: the same asset on different exchanges is interchangeable at no cost"
              + " (inventory on every exchange; withdrawal fees not modelled)");
    }
    return new ScanRequest(query, amt, age, transfers != null).withPools(pools);
  }

  private int wholeGraph(ArbConfig cfg, Loaded loaded, List<String> notes) {
    List<String> problems = new ArrayList<>();
    List<String> codes = start != null ? start : cfg.scan().startAssets();
    if (codes.size() != 1) {
      problems.add(
          "scan: --plan lp needs exactly one --start asset, got "
              + (codes.isEmpty() ? "none" : String.join(", ", codes)));
    }
    Optional<BigDecimal> amt = Optional.ofNullable(amount).or(() -> cfg.scan().amount());
    if (amt.isEmpty() || amt.get().signum() <= 0) {
      problems.add("scan: --plan lp needs a positive --amount of the start asset");
    }
    if (steps < 1 || steps > 64) {
      problems.add("scan: --steps must be between 1 and 64, got " + steps);
    } else if ((long) loaded.snapshot().books().size() * steps
        > WholeGraphPlanner.MAX_MARKET_STEPS) {
      problems.add(
          "scan: --plan lp solves one programme over every market and step: "
              + loaded.snapshot().books().size()
              + " markets x "
              + steps
              + " steps is more than "
              + WholeGraphPlanner.MAX_MARKET_STEPS
              + "; use fewer --steps, a smaller input, or --plan cycles");
    }
    Asset startAsset = null;
    if (codes.size() == 1) {
      try {
        startAsset = Asset.of(codes.get(0));
      } catch (IllegalArgumentException e) {
        problems.add("scan: --start " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    WholeGraphPlan p = WholeGraphPlanner.plan(loaded.snapshot(), startAsset, amt.get(), steps);
    notes.add(
        "plan: whole-graph LP over top-of-book capacities, "
            + steps
            + " steps; found in double, then every trade re-priced exactly against the books"
            + " (lot sizes, minimums, amounts received rounded down): the amounts shown are what"
            + " the trades pay");
    if (json) {
      out().println(Json.pretty(WholeGraphPlanRecords.json(p, loaded.snapshot().source(), notes)));
    } else {
      printLp(p, loaded.snapshot(), notes);
    }
    if (!noRecord) {
      try (RecordStore sink = Stores.open(cfg)) {
        sink.recorder()
            .record(WholeGraphPlanRecords.of(p, loaded.snapshot().source(), now(), notes));
      }
      if (!json) {
        out().println("1 recorded in " + cfg.databaseFile() + " (see 'arb history')");
      }
    }
    return failOnEmpty && p.profit().signum() <= 0 ? ExitCode.NOTHING_FOUND : ExitCode.OK;
  }

  private int record(ArbConfig cfg, ScanReport report) {
    if (noRecord || report.opportunities().isEmpty()) {
      return 0;
    }
    List<OpportunityRecord> records = OpportunityRecords.of(report, now());
    try (RecordStore sink = Stores.open(cfg)) {
      records.forEach(sink.recorder()::record);
    }
    return records.size();
  }

  private Instant now() {
    return context().clock().instant();
  }

  private void printTable(ScanReport report, List<String> notes, int maxLegs) {
    for (String n : notes) {
      out().println(n);
    }
    out()
        .printf(
            Locale.ROOT,
            "graph: %d markets, %d nodes, %d edges; arbitrage (negative cycle): %s%n",
            report.markets(),
            report.search().nodes(),
            report.search().edges(),
            report.search().negativeCycleExists() ? "yes" : "no");
    for (String n : report.search().notes()) {
      out().println("note: " + n);
    }
    printProblems(report.problems());
    if (report.opportunities().isEmpty()) {
      out().println("no cycle of at most " + maxLegs + " legs above the profit threshold");
      report
          .search()
          .detectedCycle()
          .filter(c -> c.legs().size() > maxLegs)
          .ifPresent(
              c ->
                  out()
                      .printf(
                          Locale.ROOT,
                          "hint: the negative cycle the detector found, %s, has %d legs (%.3f bp"
                              + " at top of book); --max-length %d would search that long%n",
                          c.assets().stream().map(Object::toString).collect(joining(">")),
                          c.legs().size(),
                          c.returnBp(),
                          Math.min(10, c.legs().size())));
      return;
    }
    out().println();
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
    out().print(t.render());
  }

  /** The exchanges of the cycle's book legs and the DEXes of its pool legs, in order of use. */
  private static String venues(Cycle c) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Leg l : c.legs()) {
      out.add(l.tradable() instanceof Pool p ? p.dex() : l.exchange());
    }
    return String.join(",", out);
  }

  private void printProblems(List<String> problems) {
    for (int i = 0; i < problems.size() && i < PROBLEMS_SHOWN; i++) {
      err().println("warning: " + problems.get(i));
    }
    if (problems.size() > PROBLEMS_SHOWN) {
      err()
          .println(
              "warning: ... and "
                  + (problems.size() - PROBLEMS_SHOWN)
                  + " more problems (all are listed with --json)");
    }
  }

  private void printLp(WholeGraphPlan p, MarketSnapshot snapshot, List<String> notes) {
    for (String n : notes) {
      out().println(n);
    }
    printProblems(snapshot.problems());
    out().println();
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
    out().print(t.render());
    out().println();
    out()
        .printf(
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

  private static String bp(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** At most 12 significant digits for the table; JSON has the exact value. */
  private static String short12(BigDecimal v) {
    BigDecimal r = v.round(new java.math.MathContext(12, RoundingMode.DOWN)).stripTrailingZeros();
    return (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
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
