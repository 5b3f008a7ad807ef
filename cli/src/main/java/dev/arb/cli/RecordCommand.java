package dev.arb.cli;

import dev.arb.cli.wiring.ChainPools;
import dev.arb.cli.wiring.MarketData;
import dev.arb.config.ArbConfig;
import dev.arb.config.ChainConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.daemon.LiveFeed;
import dev.arb.daemon.StreamRecorder;
import dev.arb.daemon.stream.JournalWriter;
import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.source.SnapshotJson;
import dev.arb.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb record}: saves one live snapshot in arb's snapshot format, for replay with --input.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fetch the live books of the exchanges once and save them as an arb snapshot, to replay with"
          + " 'arb scan --input FILE'. Books left out (stale, crossed, failed) are listed on"
          + " stderr.",
      "With --chain: read the constant-product pools of a chain (Uniswap V2 and its forks) at one"
          + " block, with their tokens' symbols and decimals, and save them as a version-2"
          + " snapshot. Pools and tokens left out, and why, are listed on stderr.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb record --exchange kraken --exchange bitstamp --output snap.json",
      "  arb scan --input snap.json",
      "  arb record --stream --exchange kraken --output journal/ --duration 1h",
      "  arb backtest --replay journal/",
      "  arb record --chain ethereum --output pools.json      (arb.chains.ethereum configured)",
      "  arb record --chain local --rpc-url http://127.0.0.1:8545 \\",
      "      --dex uniswap-v2=0x5FbDB2315678afecb367f032d93F642f64180aa3 --output pools.json",
      "",
      "Exit codes: 0 ok, 1 no book or pool could be fetched (RPC failure), 2 bad options or"
          + " configuration."
    })
final class RecordCommand extends BaseCommand {

  /**
   * What {@code arb record --json} prints for a snapshot.
   *
   * @param output the file written
   * @param books books written
   * @param exchanges the exchanges they came from, in the snapshot's order
   * @param markets the markets recorded, {@code exchange:BASE/QUOTE}
   * @param asOf the snapshot's newest observation, ISO-8601
   * @param problems books left out and why
   */
  record Recorded(
      String output,
      int books,
      List<String> exchanges,
      List<String> markets,
      String asOf,
      List<String> problems) {
    static Recorded of(MarketSnapshot s, Path output) {
      List<String> markets = s.books().stream().map(b -> b.market().id()).toList();
      List<String> exchanges =
          s.books().stream().map(b -> b.market().exchange()).distinct().toList();
      return new Recorded(
          output.toString(),
          s.books().size(),
          exchanges,
          markets,
          s.books().stream()
              .map(b -> b.observedAt())
              .max(java.util.Comparator.naturalOrder())
              .map(Object::toString)
              .orElse(null),
          s.problems());
    }
  }

  /**
   * What {@code arb record --stream --json} prints.
   *
   * @param output the journal's folder
   * @param eventsWritten events written
   * @param streamedBooks of which streamed books
   * @param polledSnapshots of which polled snapshots
   * @param unreadable updates that could not be read, not written
   */
  record StreamRecorded(
      String output,
      long eventsWritten,
      long streamedBooks,
      long polledSnapshots,
      long unreadable) {}

  @Mixin LiveExchangeOptions liveOptions;

  @Mixin ChainSourceOptions chainOptions;

  @Option(
      names = "--json",
      description =
          "Print what was recorded as JSON (snake_case): the file, books and markets, or with"
              + " --stream the events, or with --chain the pools.")
  boolean json;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description =
          "Snapshot file to write (replaced if it exists); with --stream, the journal's folder"
              + " (new files are added after those already in it).")
  Path output;

  @Option(
      names = "--stream",
      description =
          "Record every event until stopped (SIGINT/SIGTERM) or --duration: books as the"
              + " WebSocket streams deliver them (exchanges with streaming = true) and a polled"
              + " snapshot every arb.run.interval, with their receive times, into a rolling,"
              + " compressed event journal for 'arb run --replay' and 'arb backtest'.")
  boolean stream;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description = "With --stream: stop after this long (e.g. 30s, 2h). Default: until stopped.")
  Duration duration;

  @Override
  protected int execute() throws InterruptedException {
    ArbConfig cfg = config().config();
    if (chainOptions.given()) {
      if (liveOptions.given()) {
        throw new ConfigException(
            "record: give either exchanges (--exchange) or a chain (--chain), not both");
      }
      return recordChain(cfg);
    }
    if (duration != null && !stream) {
      throw new ConfigException("record: --duration applies to --stream");
    }
    if (stream) {
      return recordStream(cfg);
    }
    List<ExchangeConfig> live = liveOptions.select(cfg, "record");
    if (live.isEmpty()) {
      throw new ConfigException(
          "record: no exchange to record; give --exchange NAME or enable one in arb.exchanges");
    }
    MarketSnapshot snapshot;
    try (MarketDataSource source = MarketData.open(cfg, live, context().clock(), context().env())) {
      try (ProgressLines progress = ProgressLines.of(context(), json, "recording: exchanges")) {
        snapshot = source.snapshotWithProgress(progress);
      }
      for (String line : LiveExchangeLines.healthLines(source.health())) {
        err().println(line);
      }
    }
    for (String p : snapshot.problems()) {
      err().println("warning: " + p);
    }
    if (snapshot.books().isEmpty()) {
      err().println("record: no book could be fetched; nothing written");
      return ExitCode.FAILURE;
    }
    SnapshotJson.write(snapshot, output);
    if (json) {
      out().println(Json.pretty(Recorded.of(snapshot, output)));
    } else {
      out().println(snapshot.books().size() + " books written to " + output);
    }
    return ExitCode.OK;
  }

  /** {@code --stream}: every event into a journal until stopped or the duration is over. */
  private int recordStream(ArbConfig cfg) throws InterruptedException {
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new ConfigException("record: --duration must be positive, got " + duration);
    }
    if (java.nio.file.Files.isRegularFile(output)) {
      throw new ConfigException(
          "record: --output " + output + " is a file; --stream writes a folder of journal files");
    }
    List<ExchangeConfig> live = liveOptions.select(cfg, "record");
    if (live.isEmpty()) {
      throw new ConfigException(
          "record: no exchange to record; give --exchange NAME or enable one in arb.exchanges");
    }
    JournalWriter journal = new JournalWriter(output, StreamOptions.ROLL_EVENTS);
    CountDownLatch stop = new CountDownLatch(1);
    context().hooks().onStopSignal(signal -> stop.countDown());
    LiveFeed feed =
        MarketData.liveFeed(cfg, live, cfg.run().interval(), context().clock(), context().env());
    err()
        .println(
            "arb record: recording "
                + feed.describe()
                + " and streamed books into "
                + output
                + (duration != null ? " for " + duration.toSeconds() + " s" : " until stopped"));
    err().flush();
    StreamRecorder.Summary s =
        StreamRecorder.record(
            feed, journal, Optional.ofNullable(duration), stop, context().clock());
    if (json) {
      out()
          .println(
              Json.pretty(
                  new StreamRecorded(
                      output.toString(), s.written(), s.books(), s.snapshots(), s.unreadable())));
      return s.written() > 0 ? ExitCode.OK : ExitCode.FAILURE;
    }
    out()
        .println(
            s.written()
                + " events written to "
                + output
                + " ("
                + s.books()
                + " streamed books, "
                + s.snapshots()
                + " polled snapshots"
                + (s.unreadable() > 0 ? ", " + s.unreadable() + " unreadable" : "")
                + ")");
    return s.written() > 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  /** {@code --chain}: the chain's pools at one block, written as a version-2 snapshot. */
  private int recordChain(ArbConfig cfg) {
    ChainSourceOptions o = chainOptions;
    o.validate();
    Optional<ChainConfig> configured = Optional.ofNullable(cfg.chains().get(o.chain));
    ChainSpec spec = o.spec(configured);
    String url = o.rpcUrl(configured, context().env());
    ChainPools.Read read = ChainPools.read(spec, url, cfg.dataDir(), o.blockToRead());
    ChainPoolState s = read.state();
    MarketSnapshot snapshot =
        read.snapshot(
            "arb record --chain " + o.chain + " (" + read.shownUrl() + ") at block " + s.block());
    for (String p : snapshot.problems()) {
      err().println("warning: " + p);
    }
    if (snapshot.pools().isEmpty()) {
      err()
          .println(
              "record: no pool of chain "
                  + o.chain
                  + " could be read at block "
                  + s.block()
                  + "; nothing written");
      return ExitCode.FAILURE;
    }
    SnapshotJson.write(snapshot, output);
    if (json) {
      out().println(ChainRecordReport.json(ChainRecordReport.summary(s, output)));
    } else {
      out().println(ChainRecordReport.line(s, output));
    }
    return ExitCode.OK;
  }
}
