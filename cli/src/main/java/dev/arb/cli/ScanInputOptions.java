package dev.arb.cli;

import dev.arb.cli.wiring.ChainPools;
import dev.arb.cli.wiring.MarketData;
import dev.arb.config.ArbConfig;
import dev.arb.config.ChainConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.port.WithdrawalFees;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The input options of {@code arb scan} resolved into the snapshot it scans: {@code --sample},
 * {@code --chain} (with {@code --exchange} books), live exchanges, the bundled sample, or {@code
 * --input}; each adds the notes that say what was read and which fees apply.
 */
final class ScanInputOptions {

  /**
   * A snapshot, whether its depth is real (false for rate tables), and the withdrawal fees the live
   * exchanges reported (read with {@code --transfers=fees}; empty otherwise).
   */
  record Loaded(
      MarketSnapshot snapshot, boolean unlimitedDepth, List<WithdrawalFees> withdrawalFees) {
    Loaded(MarketSnapshot snapshot, boolean unlimitedDepth) {
      this(snapshot, unlimitedDepth, List.of());
    }
  }

  private final ScanCommand o;

  ScanInputOptions(ScanCommand options) {
    this.o = options;
  }

  Loaded load(ArbConfig cfg, List<String> notes) {
    BigDecimal fees = o.fees;
    if (fees != null && (fees.signum() < 0 || fees.compareTo(BigDecimal.ONE) >= 0)) {
      throw new ConfigException(
          "scan: --fees must be a fraction in [0, 1) such as 0.001 (0.1 %), got "
              + fees.toPlainString());
    }
    if (o.balances && o.input != null) {
      throw new ConfigException(
          "scan: --balances needs live exchanges (--exchange NAME), not --input");
    }
    if (o.sample != null) {
      return sample(notes);
    }
    if (o.chainOptions.given()) {
      return chain(cfg, notes);
    }
    if (o.input == null) {
      List<ExchangeConfig> live = o.liveOptions.select(cfg, "scan");
      if (!live.isEmpty()) {
        return live(cfg, live, notes);
      }
      if (o.balances) {
        throw new ConfigException("scan: --balances needs live exchanges (--exchange NAME)");
      }

      if (o.format != null) {
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
        o.format == null ? Optional.empty() : Optional.of(InputFormat.fromCliName(o.format));
    InputFormat actual = fmt.orElseGet(() -> SnapshotReaders.detect(o.input));
    boolean carriesFees = actual == InputFormat.SNAPSHOT;
    ReadOptions options = ReadOptions.withFee(fees == null ? BigDecimal.ZERO : fees);
    if (o.exchangeName != null) {
      options = options.withExchangeName(o.exchangeName);
    }
    MarketSnapshot snapshot = SnapshotReaders.read(o.input, Optional.of(actual), options);
    notes.add("input: " + o.input + " (" + actual.cliName() + ")");
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
    if (o.input != null || o.liveOptions.given() || o.chainOptions.given()) {
      throw new ConfigException(
          "scan: --sample scans the bundled data; leave out --input, --exchange and --chain");
    }
    if (o.format != null || o.balances) {
      throw new ConfigException("scan: --format and --balances do not apply to --sample");
    }
    MarketSnapshot s;
    switch (o.sample.toLowerCase(Locale.ROOT)) {
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
        throw new ConfigException("scan: --sample must be books or pools, got " + o.sample);
    }
    if (o.fees != null) {
      notes.add("fees: " + o.fees.toPlainString() + " on every book market (--fees)");
      s = Snapshots.withTakerFee(s, o.fees);
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
  private Loaded chain(ArbConfig cfg, List<String> notes) {
    if (o.input != null) {
      throw new ConfigException(
          "scan: --chain reads a chain live and cannot be combined with --input; record the chain"
              + " with 'arb record --chain' and scan that file instead");
    }
    if (o.format != null || o.exchangeName != null) {
      throw new ConfigException("scan: --format and --exchange-name need --input");
    }
    if (o.balances && !o.liveOptions.given()) {
      throw new ConfigException("scan: --balances needs live exchanges (--exchange NAME)");
    }
    ChainSourceOptions chainOptions = o.chainOptions;
    chainOptions.command = "scan";
    chainOptions.validate();
    Optional<ChainConfig> configured = Optional.ofNullable(cfg.chains().get(chainOptions.chain));
    ChainSpec spec = chainOptions.spec(configured);
    String url = chainOptions.rpcUrl(configured, o.context().env());
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
    if (!o.liveOptions.given()) {
      notes.add("input: " + pools.source());
      if (o.fees != null) {
        notes.add("fees: --fees sets the taker fee of books; pools keep their own");
      }
      return new Loaded(pools, false);
    }
    Loaded books = live(cfg, o.liveOptions.select(cfg, "scan"), notes);
    notes.add("input: " + pools.source());
    MarketSnapshot both =
        new MarketSnapshot(
                books.snapshot().books(),
                books.snapshot().problems(),
                books.snapshot().source() + "; " + pools.source(),
                pools.chains())
            .withProblems(pools.problems());
    return new Loaded(both, false, books.withdrawalFees());
  }

  private Loaded live(ArbConfig cfg, List<ExchangeConfig> live, List<String> notes) {
    if (o.format != null || o.exchangeName != null) {
      throw new ConfigException("scan: --format and --exchange-name need --input");
    }
    CliContext context = o.context();
    MarketSnapshot snapshot;
    List<WithdrawalFees> withdrawalFees = List.of();
    try (MarketDataSource source = MarketData.open(cfg, live, context.clock(), context.env())) {
      notes.addAll(source.notes());
      try (ProgressLines progress = ProgressLines.of(context, o.json, "scan: exchanges")) {
        snapshot = source.snapshotWithProgress(progress);
      }
      notes.addAll(LiveExchangeLines.healthLines(source.health()));
      if (o.balances) {
        notes.addAll(LiveExchangeLines.balanceLines(source.balances()));
      }
      if ("fees".equals(o.transfers)) {
        withdrawalFees = source.withdrawalFees();
      }
    }
    notes.add("input: " + snapshot.source());
    if (o.fees != null) {
      snapshot = Snapshots.withTakerFee(snapshot, o.fees);
      notes.add("fees: " + o.fees.toPlainString() + " on every market (--fees)");
    } else {
      notes.add("fees: each exchange's taker fee (metadata, lowest public tier, or taker-fee)");
    }
    return new Loaded(snapshot, false, withdrawalFees);
  }
}
