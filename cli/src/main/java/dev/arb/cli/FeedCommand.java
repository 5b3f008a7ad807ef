package dev.arb.cli;

import dev.arb.cli.wiring.MarketData;
import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.daemon.LiveFeed;
import dev.arb.daemon.SnapshotFeed;
import dev.arb.daemon.feed.FeedChannels;
import dev.arb.daemon.feed.FeedMedia;
import dev.arb.daemon.feed.FeedPublisher;
import dev.arb.daemon.stream.EventRing;
import dev.arb.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arb feed}: the market-data side only, its books published over Aeron. */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Keep the books of live exchanges (WebSocket streams where configured, REST polls every"
          + " arb.run.interval) and publish every normalised book, with its exchange and receive"
          + " times and a sequence number per market, on an Aeron channel for 'arb run"
          + " --subscribe'. Runs until stopped (SIGTERM/SIGINT). Layout: docs/feeds.md.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb feed --exchange kraken --publish aeron:udp?endpoint=10.0.0.5:40123 \\",
      "      --requests aeron:udp?endpoint=10.0.1.7:40124",
      "  arb feed --exchange bitstamp --publish aeron:udp?endpoint=127.0.0.1:40123",
      "  arb feed --exchange kraken --publish aeron:ipc --aeron-dir /dev/shm/aeron-arb",
      "",
      "Exit codes: 0 stopped cleanly, 1 failure, 2 bad options or configuration."
    })
final class FeedCommand extends BaseCommand {

  @Mixin LiveExchangeOptions liveOptions;

  @Option(
      names = "--publish",
      required = true,
      paramLabel = "CHANNEL",
      description =
          "Where the books go: aeron:udp?endpoint=HOST:PORT (the engine's address and port) or"
              + " aeron:ipc (one machine, a standalone media driver shared through --aeron-dir).")
  String publish;

  @Option(
      names = "--requests",
      paramLabel = "CHANNEL",
      description =
          "Where this feed takes snapshot requests from the engine: an address of this machine,"
              + " aeron:udp?endpoint=THIS_HOST:PORT. Default: the next port of a loopback"
              + " --publish endpoint; aeron:ipc for IPC.")
  String requests;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "This feed's name in the engine's /status and /metrics. Default: arb.instance and the"
              + " exchanges, e.g. tokyo-1/binance.")
  String name;

  @Option(
      names = "--aeron-dir",
      paramLabel = "DIR",
      description =
          "Use the standalone Aeron media driver running in DIR. Default: a driver embedded in"
              + " this process.")
  Path aeronDir;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description = "Time between two REST polls (e.g. 500ms, 5s). Default: arb.run.interval.")
  Duration interval;

  @Override
  protected int execute() throws InterruptedException {
    ArbConfig cfg = config().config();
    FeedChannels.check(publish, "feed: --publish");
    String requestChannel =
        requests != null
            ? FeedChannels.check(requests, "feed: --requests")
            : FeedChannels.defaultRequests(publish);
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      throw new ConfigException("feed: --interval must be positive");
    }
    List<ExchangeConfig> live = liveOptions.select(cfg, "feed");
    if (live.isEmpty()) {
      throw new ConfigException(
          "feed: no exchange to publish; give --exchange NAME or enable one in arb.exchanges");
    }
    String shown =
        name != null
            ? name
            : cfg.storage().instance()
                + "/"
                + String.join("+", live.stream().map(ExchangeConfig::name).toList());
    CountDownLatch stop = new CountDownLatch(1);
    context().hooks().onStopSignal(signal -> stop.countDown());
    Duration pace = interval != null ? interval : cfg.run().interval();
    // the exchanges first (their markets load), then the publisher: its heartbeats mean books
    try (LiveFeed feed = MarketData.liveFeed(cfg, live, pace, context().clock(), context().env());
        FeedMedia media = FeedMedia.open(Optional.ofNullable(aeronDir));
        FeedPublisher publisher =
            new FeedPublisher(
                media,
                new FeedPublisher.Settings(
                    publish, requestChannel, shown, Duration.ofMillis(250)))) {
      feed.stream(publisher);
      err()
          .println(
              "arb feed: publishing "
                  + feed.describe()
                  + " as "
                  + shown
                  + " on "
                  + publish
                  + " (snapshot requests on "
                  + requestChannel
                  + "; "
                  + (media.embedded() ? "embedded media driver" : "media driver in " + aeronDir)
                  + ")");
      err().flush();
      while (stop.getCount() > 0) {
        Duration due = feed.untilNext();
        if (!due.isZero() && stop.await(due.toNanos(), TimeUnit.NANOSECONDS)) {
          break;
        }
        Optional<SnapshotFeed.Update> next = feed.next();
        if (next.isPresent() && next.get() instanceof SnapshotFeed.Snapshot s) {
          for (String p : s.snapshot().problems()) {
            err().println("warning: " + p);
          }
          err().flush();
          publisher.snapshot(
              s.snapshot(),
              s.origin(),
              false,
              System.nanoTime(),
              EventRing.epochNanos(context().clock().instant()));
        }
      }
      FeedPublisher.Counts c = publisher.counts();
      out()
          .println(
              "arb feed: stopped; "
                  + c.books()
                  + " updates and "
                  + c.snapshots()
                  + " snapshot books sent, "
                  + c.unsent()
                  + " not sent (no subscriber or back pressure), "
                  + c.requests()
                  + " snapshot requests taken");
    }
    return ExitCode.OK;
  }
}
