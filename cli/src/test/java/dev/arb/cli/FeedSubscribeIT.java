package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb feed} as a real process (a child JVM) keeping Kraken's book from its REST stand-in
 * (recorded responses on 127.0.0.1) and publishing it over Aeron UDP on loopback; {@code arb run
 * --subscribe} takes it: {@code /status} lists the publisher and kraken's book, {@code /metrics}
 * the publisher's series; the feed stopped → stale; started again → resynced.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedSubscribeIT {
  @TempDir Path dir;
  WireMockServer kraken;
  Process feed;

  @BeforeEach
  void start() throws Exception {
    kraken = LiveScanIT.server();
    LiveScanIT.json(kraken, "/0/public/AssetPairs", LiveScanIT.fixture("AssetPairs.json"));
    LiveScanIT.json(kraken, "/0/public/Assets", LiveScanIT.fixture("Assets.json"));
    LiveScanIT.json(kraken, "/0/public/Depth", LiveScanIT.fixture("Depth_XXMRZUSD.json"));
    Files.writeString(
        dir.resolve("arb.conf"),
        "arb.exchanges.kraken { markets = [\"XMR/USD\"], rate-limit = 100 }\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (feed != null) {
      stopFeed();
    }
    kraken.stop();
  }

  /** SIGTERM (the feed closes its media driver and removes its files), then SIGKILL if needed. */
  private void stopFeed() throws InterruptedException {
    feed.destroy();
    if (!feed.waitFor(30, TimeUnit.SECONDS)) {
      feed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process startFeed(String channel, int n) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx128m",
                "-cp",
                RunProcessIT.testClassPath(),
                Main.class.getName(),
                "--config",
                dir.resolve("arb.conf").toString(),
                "--data-dir",
                dir.resolve("feed-data").toString(),
                "feed",
                "--exchange",
                "kraken",
                "--exchange-url",
                "kraken=" + kraken.baseUrl(),
                "--max-book-age",
                "100000d", // the recorded book is years old
                "--interval",
                "200ms",
                "--name",
                "feed-eu",
                "--publish",
                channel)
            .redirectOutput(dir.resolve("feed-out-" + n + ".txt").toFile())
            .redirectError(dir.resolve("feed-err-" + n + ".txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    Process p = pb.start();
    // a cold JVM loading the exchange's markets takes a while on a busy machine
    Path err = dir.resolve("feed-err-" + n + ".txt");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(err).contains("arb feed: publishing")) {
      if (!p.isAlive() || System.nanoTime() - end > 0) {
        throw new AssertionError("the feed did not start: " + Files.readString(err));
      }
      Thread.sleep(50);
    }
    return p;
  }

  /** {@link InProcessDaemon#awaitStatus}, failing with the feed's output. */
  private JsonNode awaitWithFeedOutput(
      InProcessDaemon d, java.util.function.Predicate<JsonNode> condition) throws Exception {
    try {
      return d.awaitStatus(condition);
    } catch (AssertionError e) {
      StringBuilder out = new StringBuilder();
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.getFileName().toString().startsWith("feed-")).toList()) {
          if (Files.isRegularFile(f)) {
            out.append("\n").append(f.getFileName()).append(": ").append(Files.readString(f));
          }
        }
      }
      throw new AssertionError(e.getMessage() + out, e);
    }
  }

  @Test
  void aDaemonScansTheBooksOfAFeedProcessAndResyncsAfterTheFeedRestarts() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(0)) {
      port = s.getLocalPort();
    }
    String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString(), "ARB_INSTANCE", "engine-1"),
            "--config",
            dir.resolve("arb.conf").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--interval",
            "300ms",
            "--feed-silence",
            "1s",
            "--subscribe",
            channel)) {
      feed = startFeed(channel, 1);
      JsonNode s =
          awaitWithFeedOutput(
              d,
              x ->
                  x.at("/publishers/0/connected").asBoolean()
                      && x.at("/data/exchanges/kraken/books").asInt() == 1);
      JsonNode p = s.at("/publishers/0");
      assertThat(p.path("name").asText()).isEqualTo("feed-eu");
      assertThat(p.path("channel").asText()).isEqualTo(channel);
      assertThat(p.path("markets").asInt()).isEqualTo(1);
      assertThat(p.path("stale_markets").asInt()).isZero();
      assertThat(p.path("last_message_age_ms").asLong()).isLessThan(1000);
      assertThat(s.at("/data/source").asText()).contains("subscribed to " + channel);
      // streamed into the runner as books (every poll of the feed is an update)
      d.awaitStatus(x -> x.at("/stream/books").asLong() >= 3);
      String metrics = Http.get(d.url() + "/metrics").body();
      assertThat(metrics)
          .contains("arb_feed_publisher_connected{publisher=\"feed-eu\"} 1.0")
          .contains("arb_feed_publisher_gaps_total{publisher=\"feed-eu\"} 0.0");

      stopFeed();
      JsonNode stale =
          d.awaitStatus(
              x ->
                  !x.at("/publishers/0/connected").asBoolean()
                      && x.at("/publishers/0/stale_markets").asInt() == 1);
      assertThat(stale.at("/publishers/0/resyncs").asLong()).isZero();
      // the stale book left the runner's state: the next snapshot has no kraken book
      d.awaitStatus(x -> x.at("/data/exchanges/kraken/books").asInt() == 0);

      feed = startFeed(channel, 2);
      JsonNode back =
          awaitWithFeedOutput(
              d,
              x ->
                  x.at("/publishers/0/connected").asBoolean()
                      && x.at("/publishers/0/stale_markets").asInt() == 0
                      && x.at("/data/exchanges/kraken/books").asInt() == 1);
      assertThat(back.at("/publishers/0/resyncs").asLong()).isEqualTo(1);
      assertThat(back.at("/publishers").size()).isEqualTo(1);
    }
  }
}
