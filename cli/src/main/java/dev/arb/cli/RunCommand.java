package dev.arb.cli;

import dev.arb.cli.wiring.ChainFollowers;
import dev.arb.cli.wiring.DaemonTrading;
import dev.arb.cli.wiring.LoggingSetup;
import dev.arb.cli.wiring.MarketData;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.config.ChatConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.Secret;
import dev.arb.config.SecretResolver;
import dev.arb.config.TradingConfig;
import dev.arb.daemon.AlertSink;
import dev.arb.daemon.Daemon;
import dev.arb.daemon.JournalFeed;
import dev.arb.daemon.ReplayFeed;
import dev.arb.daemon.SnapshotFeed;
import dev.arb.daemon.WebhookNotifier;
import dev.arb.daemon.chain.InventoryTrading;
import dev.arb.daemon.chat.TelegramApi;
import dev.arb.daemon.chat.TelegramBot;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.JournalWriter;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.engine.stream.StreamEngine;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arb run}: the daemon, in the foreground until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the engine as a daemon, in the foreground until stopped (SIGTERM/SIGINT, or POST"
          + " /stop): decide every market-data event as it arrives (a streamed book or pool from"
          + " the cycles through the edges it changed, a polled snapshot by a full scan), record"
          + " every opportunity, serve"
          + " /health /status /opportunities /metrics and the control routes.",
      "",
      "Market data: live exchanges (--exchange, or the enabled exchanges of arb.exchanges when"
          + " no --input is given), polled every arb.run.interval; or replayed snapshots (--input,"
          + " repeatable, in order; paced by their recorded times and --replay-speed, or by"
          + " arb.run.interval); or a recorded event journal (--replay DIR, paced by --speed);"
          + " the bundled sample when there is none.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb run",
      "  arb run --exchange kraken --exchange bitstamp --interval 5s",
      "  arb run --input book-1.json --input book-2.json --replay-speed 10 --http-port 0",
      "  arb run --input orderbooks/ --fees 0.001 --loop --interval 500ms",
      "  arb run --exchange kraken --journal journal/        (record every event while running)",
      "  arb run --replay journal/ --speed max --exit-at-end",
      "  arb run --subscribe aeron:udp?endpoint=10.0.1.7:40123     (books from 'arb feed')",
      "",
      "Stop: SIGTERM or SIGINT finishes the current scan, flushes the records and exits 0 within"
          + " arb.run.shutdown-timeout; a second signal exits at once.",
      "Reload: SIGHUP reads the configuration again and applies arb.logging.level, the alert"
          + " thresholds (arb.alerts.min-profit-bp, exchange-down-after) and arb.risk; a"
          + " configuration with problems changes nothing (the log says why); other settings"
          + " apply at the next start. /status shows the outcome under config.",
      "Control: POST /pause, /resume, /stop, /kill-switch with 'Authorization: Bearer <token>'"
          + " (arb.http.token, default $ARB_HTTP_TOKEN; no token: control is off).",
      "",
      "Exit codes: 0 stopped cleanly, 1 failure (store or port unavailable, records not written,"
          + " forced exit), 2 bad options or configuration, or the data directory is in use by"
          + " another arb run (named by its pid)."
    })
final class RunCommand extends BaseCommand {

  @Mixin LiveExchangeOptions liveOptions;

  /** The longest recorded gap between two replayed snapshots that is waited out. */
  private static final Duration MAX_REPLAY_WAIT = Duration.ofMinutes(1);

  /** Longest wait between two polls of the chat service while it fails. */
  static final Duration CHAT_MAX_BACKOFF = Duration.ofMinutes(1);

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description =
          "Snapshot file or folder to replay; repeat for a sequence, replayed in order. Default:"
              + " the bundled sample.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Input format of every --input (as in 'arb scan'). Default: detected.")
  String format;

  @Option(
      names = "--fees",
      paramLabel = "FRACTION",
      description =
          "Taker fee for every market (0.001 = 0.1 %%). Default: the input's own; 0 for inputs"
              + " that carry none.")
  BigDecimal fees;

  @Option(
      names = "--exchange-name",
      paramLabel = "NAME",
      description = "Exchange name for inputs that carry none (tob-csv, rates).")
  String exchangeName;

  @Option(
      names = "--replay-speed",
      paramLabel = "X",
      description =
          "Replay at X times the recorded pace (1 = as recorded); 0 waits arb.run.interval"
              + " between snapshots. Default: 1.")
  double replaySpeed = 1;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description =
          "Time between two polls of live exchanges, and between replayed snapshots that carry no"
              + " times (e.g. 500ms, 5s). Default: arb.run.interval.")
  Duration interval;

  @Option(
      names = "--replay",
      paramLabel = "DIR",
      description =
          "Replay an event journal ('arb record --stream --output DIR', 'arb run --journal DIR'):"
              + " every recorded book, pool and snapshot through the same runner, decided per"
              + " event.")
  Path replay;

  @Option(
      names = "--speed",
      paramLabel = "X|max",
      description =
          "Pace of --replay: X times the recorded pace (1 = as recorded, 10), or max (as fast as"
              + " the runner takes them). Default: 1.")
  String speed;

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      description =
          "Also append every event (books as received, pools, snapshots, with their receive"
              + " times) to an event journal in DIR, for 'arb run --replay' and 'arb backtest'.")
  Path journal;

  @Option(
      names = "--subscribe",
      paramLabel = "CHANNEL",
      description =
          "Also take the books that 'arb feed' processes publish on this Aeron channel"
              + " (aeron:udp?endpoint=HOST:PORT, this machine's address, or aeron:ipc); repeatable."
              + " Without --exchange or --input, the subscribed books are the only market data.")
  List<String> subscribe = new ArrayList<>();

  @Option(
      names = "--aeron-dir",
      paramLabel = "DIR",
      description =
          "With --subscribe: use the standalone Aeron media driver running in DIR. Default: a"
              + " driver embedded in this process.")
  Path aeronDir;

  @Option(
      names = "--feed-silence",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description =
          "With --subscribe: a publisher silent for this long has its books left out until it"
              + " sends a snapshot again. Default: 3s.")
  Duration feedSilence;

  @Option(names = "--loop", description = "Start the replay over at its end.")
  boolean loop;

  @Option(
      names = "--exit-at-end",
      description = "Stop cleanly at the end of the input (default: keep serving until stopped).")
  boolean exitAtEnd;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the HTTP endpoint, 0 for a free one. Default: arb.http.port.")
  Integer httpPort;

  @Option(
      names = "--dry-run",
      description =
          "Paper-trade the opportunities found: fill them against the scanned books, within"
              + " arb.risk limits, from the paper balances (arb.paper.balances), and record the"
              + " executions. No order reaches an exchange.")
  boolean dryRun;

  @Override
  protected int execute() {
    ArbConfig cfg = config().config();
    List<String> problems = new ArrayList<>();
    if (!(replaySpeed >= 0) || Double.isInfinite(replaySpeed)) {
      problems.add("run: --replay-speed must be 0 or more, got " + replaySpeed);
    }
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      problems.add(
          "run: --interval must be positive, got " + dev.arb.engine.json.Json.duration(interval));
    }
    if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
      problems.add("run: --http-port must be between 0 and 65535, got " + httpPort);
    }
    if (fees != null && (fees.signum() < 0 || fees.compareTo(BigDecimal.ONE) >= 0)) {
      problems.add(
          "run: --fees must be a fraction in [0, 1) such as 0.001 (0.1 %), got "
              + fees.toPlainString());
    }
    if (inputs.isEmpty() && format != null) {
      problems.add("run: --format needs --input");
    }
    for (Path p : inputs) {
      if (!java.nio.file.Files.isReadable(p)) {
        problems.add("run: --input " + p + " does not exist or cannot be read");
      }
    }
    if (format != null) {
      try {
        InputFormat.fromCliName(format);
      } catch (ConfigException e) {
        problems.add("run: --format: " + e.getMessage());
      }
    }
    double journalSpeed = 1;
    if (speed != null) {
      if (replay == null) {
        problems.add("run: --speed applies to --replay (use --replay-speed for --input)");
      }
      journalSpeed = StreamOptions.speed(speed, "run", problems);
    }
    if (replay != null && (!inputs.isEmpty() || liveOptions.given())) {
      problems.add("run: use --replay DIR alone, without --input or --exchange");
    }
    if (replay != null && !java.nio.file.Files.isDirectory(replay)) {
      problems.add(
          "run: --replay " + replay + " is not a folder; give the folder of an event journal");
    }
    if (replay != null && loop) {
      problems.add("run: --loop applies to --input, not to --replay");
    }
    if (problems.isEmpty() && format == null && !inputs.isEmpty()) {
      // a replay of which no input can be read would scan nothing: as `arb scan`, a usage error
      List<String> unreadable = new ArrayList<>();
      for (Path p : inputs) {
        try {
          SnapshotReaders.detect(p);
        } catch (ConfigException e) {
          unreadable.add("run: --input " + p + ": " + e.getMessage());
        }
      }
      if (unreadable.size() == inputs.size()) {
        problems.addAll(unreadable);
        problems.add("run: none of the inputs can be replayed; nothing was started");
      }
    }
    for (String c : subscribe) {
      try {
        dev.arb.daemon.feed.FeedChannels.check(c, "run: --subscribe");
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (subscribe.isEmpty() && (aeronDir != null || feedSilence != null)) {
      problems.add("run: --aeron-dir and --feed-silence apply to --subscribe");
    }
    if (feedSilence != null && (feedSilence.isZero() || feedSilence.isNegative())) {
      problems.add("run: --feed-silence must be positive");
    }
    if (!subscribe.isEmpty() && replay != null) {
      problems.add("run: --subscribe takes live books; it cannot be combined with --replay");
    }
    if (!inputs.isEmpty() && liveOptions.given()) {
      problems.add(
          "run: use either --input (a replay) or --exchange/--exchange-url (live), not both");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    // with --subscribe, local exchanges only when named (the subscribed books may be all there is)
    List<ExchangeConfig> live =
        inputs.isEmpty() && replay == null && (subscribe.isEmpty() || liveOptions.given())
            ? liveOptions.select(cfg, "run")
            : List.of();
    if (!live.isEmpty()) {
      List<String> replayOnly = new ArrayList<>();
      if (loop) {
        replayOnly.add("--loop");
      }
      if (exitAtEnd) {
        replayOnly.add("--exit-at-end");
      }
      if (exchangeName != null) {
        replayOnly.add("--exchange-name");
      }
      if (!replayOnly.isEmpty()) {
        throw new ConfigException(
            "run: "
                + String.join(", ", replayOnly)
                + " apply to a replay (--input), not to live"
                + " exchanges");
      }
    }
    // one daemon per data directory: refused (exit 2, naming the holder) before anything starts
    try (Stores.Claim claim = Stores.claim(cfg)) {
      return run(cfg, live, claim, journalSpeed);
    }
  }

  /**
   * arb.chat.telegram: the bot polls from the start; a missing or malformed token is refused before
   * anything starts (exit 2), without its value.
   */
  private void chat(Daemon daemon, ChatConfig.Telegram t, SecretResolver secrets) {
    Secret botToken = secrets.resolve("arb.chat.telegram.token", t.token().orElseThrow());
    TelegramApi api = new TelegramApi(t.apiUrl(), botToken);
    TelegramBot.Settings settings =
        new TelegramBot.Settings(Set.copyOf(t.allowedChats()), t.pollTimeout(), CHAT_MAX_BACKOFF);
    daemon.chat(control -> new TelegramBot(api, control, settings, context().clock()));
  }

  private int run(
      ArbConfig cfg, List<ExchangeConfig> live, Stores.Claim claim, double journalSpeed) {
    SecretResolver secrets = new SecretResolver(context().env());
    Optional<Secret> token = secrets.resolveIfSet("arb.http.token", cfg.http().token());
    Optional<Secret> webhook = secrets.resolveIfSet("arb.alerts.webhook", cfg.alerts().webhook());
    Duration pace = interval != null ? interval : cfg.run().interval();
    SnapshotFeed feed =
        replay != null
            ? new JournalFeed(replay, journalSpeed, MAX_REPLAY_WAIT)
            : !subscribe.isEmpty()
                ? subscribed(cfg, live, pace)
                : live.isEmpty()
                    ? new ReplayFeed(sources(), replaySpeed, pace, MAX_REPLAY_WAIT, loop)
                    : MarketData.liveFeed(cfg, live, pace, context().clock(), context().env());
    ScanRequest request = request(cfg);
    Daemon.ScanStep scanned =
        live.isEmpty() || fees == null
            ? (snapshot, at) -> ScanResult.of(snapshot, request, at)
            : (snapshot, at) -> ScanResult.of(Snapshots.withTakerFee(snapshot, fees), request, at);
    // the books of the latest snapshot scanned: what the chains' inventory trades fill on
    AtomicReference<List<OrderBook>> latestBooks = new AtomicReference<>(List.of());
    Daemon.ScanStep step =
        (snapshot, at) -> {
          latestBooks.set(snapshot.books());
          return scanned.scan(snapshot, at);
        };
    Function<Consumer<String>, AlertSink> alerts =
        outcomes ->
            webhook
                .<AlertSink>map(
                    url ->
                        new WebhookNotifier(
                            url,
                            cfg.alerts().format(),
                            cfg.alerts().timeout(),
                            Duration.ofMillis(500),
                            outcomes))
                .orElse(AlertSink.NONE);
    Daemon daemon =
        new Daemon(
            cfg,
            claim::open,
            new Daemon.Settings(
                cfg.http().enabled(),
                cfg.http().host(),
                httpPort != null ? httpPort : cfg.http().port(),
                token,
                cfg.run().shutdownTimeout(),
                cfg.alerts().minProfitBp(),
                exitAtEnd),
            feed,
            step,
            alerts,
            HistoryCommand::json,
            context().hooks(),
            context().clock(),
            out());
    if (cfg.chat().telegram().enabled()) {
      chat(daemon, cfg.chat().telegram(), secrets);
    }
    // SIGHUP: the same sources read again; what can change while running is applied
    daemon.reloading(() -> root().reloadConfig().config(), LoggingSetup::level);
    daemon.streaming(
        request, StreamEngine.Settings.defaults(), EventRing.Wait.of(cfg.run().runnerWait()));
    if (journal != null) {
      daemon.journal(new JournalWriter(journal, StreamOptions.ROLL_EVENTS));
    }
    DaemonTrading trading =
        DaemonTrading.attach(daemon, cfg, live, dryRun, feed, context().env(), context().clock());
    // arb.chains.<name>.follow: pools block by block, DEX cycles through the flash-loan contract;
    // sent only in live mode (not with --dry-run), else simulated and recorded
    try (ChainFollowers chains = chainFollowers(cfg)) {
      if (chains != null) {
        for (ChainFollowers.Followed f : chains.describe()) {
          out()
              .println(
                  "arb run: following chain "
                      + f.chain()
                      + ", flash-loan contract "
                      + f.contract()
                      + ", executor "
                      + f.executor()
                      + (f.send()
                          ? " (live: profitable cycles are sent)"
                          : " (paper: cycles are simulated and recorded, nothing is sent;"
                              + " arb.trading.mode = live sends)"));
        }
        // follow.inventory: CEX-DEX cycles on the latest books, their book legs through the
        // daemon's own trading: the live trader (live mode: same orders, journal, limits, kill
        // switch), the paper trader (--dry-run), else the stored paper ledger of its own
        daemon.chains(
            store ->
                chains.followers(
                    store,
                    context().clock(),
                    new InventoryTrading(
                        () -> trading.service(store), latestBooks::get, daemon.killSwitch())));
      }
      if (cfg.defi().relayer().isEmpty() || !cfg.http().enabled()) {
        return daemon.run() == 0 ? ExitCode.OK : ExitCode.FAILURE;
      }
      // arb.defi.relayer: POST /relay, paid from arb.defi.keystore, recorded in the daemon's store
      try (DaemonRelayer relayer =
          DaemonRelayer.open(cfg, cfg.defi().relayer().get(), context().env(), context().clock())) {
        out()
            .println(
                "arb run: relaying requests signed for forwarder "
                    + relayer.forwarder()
                    + " on POST /relay, paid by "
                    + relayer.address());
        daemon.relaying(relayer::handler);
        return daemon.run() == 0 ? ExitCode.OK : ExitCode.FAILURE;
      }
    }
  }

  /** The followed chains, connected, or null when none is configured. */
  private ChainFollowers chainFollowers(ArbConfig cfg) {
    if (ChainFollowers.followed(cfg).isEmpty()) {
      return null;
    }
    boolean send = !dryRun && cfg.trading().mode() == TradingConfig.Mode.LIVE;
    return ChainFollowers.open(cfg, context().env(), send);
  }

  /**
   * {@code --subscribe}: the subscribed books, next to the live exchanges or replayed inputs when
   * given (else alone).
   */
  private SnapshotFeed subscribed(ArbConfig cfg, List<ExchangeConfig> live, Duration pace) {
    Optional<SnapshotFeed> base =
        !live.isEmpty()
            ? Optional.of(MarketData.liveFeed(cfg, live, pace, context().clock(), context().env()))
            : !inputs.isEmpty()
                ? Optional.of(new ReplayFeed(sources(), replaySpeed, pace, MAX_REPLAY_WAIT, loop))
                : Optional.empty();
    try {
      dev.arb.daemon.feed.FeedMedia media =
          dev.arb.daemon.feed.FeedMedia.open(Optional.ofNullable(aeronDir));
      return new dev.arb.daemon.feed.SubscribedFeed(
          base,
          media,
          new dev.arb.daemon.feed.FeedSubscriber.Settings(
              subscribe,
              cfg.storage().instance(),
              feedSilence != null ? feedSilence : Duration.ofSeconds(3)),
          pace,
          context().clock());
    } catch (RuntimeException e) {
      base.ifPresent(SnapshotFeed::close);
      throw e;
    }
  }

  private List<ReplayFeed.Source> sources() {
    List<ReplayFeed.Source> out = new ArrayList<>();
    if (inputs.isEmpty()) {
      out.add(
          new ReplayFeed.Source(
              "the bundled sample",
              () -> {
                MarketSnapshot s = SampleSnapshot.load();
                return fees == null ? s : Snapshots.withTakerFee(s, fees);
              }));
      return out;
    }
    Optional<InputFormat> fmt =
        format == null ? Optional.empty() : Optional.of(InputFormat.fromCliName(format));
    ReadOptions options = ReadOptions.withFee(fees == null ? BigDecimal.ZERO : fees);
    if (exchangeName != null) {
      options = options.withExchangeName(exchangeName);
    }
    ReadOptions opts = options;
    for (Path p : inputs) {
      out.add(
          new ReplayFeed.Source(
              p.toString(),
              () -> {
                InputFormat f = fmt.orElseGet(() -> SnapshotReaders.detect(p));
                MarketSnapshot s = SnapshotReaders.read(p, Optional.of(f), opts);
                return fees != null && f == InputFormat.SNAPSHOT
                    ? Snapshots.withTakerFee(s, fees)
                    : s;
              }));
    }
    return out;
  }

  /** The scan request from {@code arb.scan} (the daemon has no per-scan options). */
  static ScanRequest request(ArbConfig cfg) {
    List<Asset> starts = new ArrayList<>();
    for (String c : cfg.scan().startAssets()) {
      starts.add(Asset.of(c));
    }
    PathQuery query =
        new PathQuery(
            cfg.scan().maxLength(),
            cfg.scan().top(),
            starts,
            OptionalDouble.of(cfg.scan().minProfitBp()),
            true);
    return new ScanRequest(query, cfg.scan().amount(), cfg.scan().maxAge());
  }
}
