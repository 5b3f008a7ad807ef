package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.daemon.stream.JournalEvent;
import dev.arb.daemon.stream.JournalReader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming runner end to end against stand-ins on 127.0.0.1: Bitstamp's REST (WireMock,
 * recorded responses) and its WebSocket (XChange's recorded Bitstamp book message, sent again every
 * 20 ms with its exchange time moved on). {@code arb run --journal} decides every streamed book
 * (tick-to-decision latency in {@code /status} and {@code /metrics}) and records the events; {@code
 * arb record --stream} records them without deciding; {@code arb run --replay} and {@code arb
 * backtest} run the journals.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamJournalIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGES = 20;

  @TempDir Path dir;
  WireMockServer bitstamp;
  NioEventLoopGroup group;
  ChannelGroup clients;
  Channel ws;

  @BeforeEach
  void start() throws Exception {
    bitstamp = LiveScanIT.server();
    LiveScanIT.json(
        bitstamp, "/api/v2/trading-pairs-info/", LiveScanIT.fixture("trading-pairs-info.json"));
    LiveScanIT.json(
        bitstamp, "/api/v2/order_book/ethusd/", LiveScanIT.fixture("order_book_ethusd.json"));
    String data = LiveScanIT.fixture("bitstamp-ws-order-book-v2.json");
    group = new NioEventLoopGroup(1);
    clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ws =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    clients.add(ch);
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerProtocolHandler("/", null, true))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame)
                                  throws Exception {
                                JsonNode m = JSON.readTree(frame.text());
                                if (!"bts:subscribe".equals(m.path("event").asText())) {
                                  return;
                                }
                                String channel = m.path("data").path("channel").asText();
                                ctx.writeAndFlush(
                                    new TextWebSocketFrame(
                                        "{\"event\":\"bts:subscription_succeeded\",\"channel\":\""
                                            + channel
                                            + "\",\"data\":{}}"));
                                // the book again every 20 ms, its exchange time 20 ms later
                                ObjectNode book = (ObjectNode) JSON.readTree(data);
                                book.put("channel", channel);
                                ObjectNode d = (ObjectNode) book.get("data");
                                long base = d.path("microtimestamp").asLong();
                                long[] i = {0};
                                ctx.executor()
                                    .scheduleAtFixedRate(
                                        () -> {
                                          long micros = base + i[0]++ * 20_000L;
                                          d.put("microtimestamp", Long.toString(micros));
                                          d.put("timestamp", Long.toString(micros / 1_000_000));
                                          ctx.writeAndFlush(
                                              new TextWebSocketFrame(book.toString()));
                                        },
                                        0,
                                        20,
                                        TimeUnit.MILLISECONDS);
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    Files.writeString(
        dir.resolve("arb.conf"),
        "arb.exchanges.bitstamp { markets = [\"ETH/USD\"], rate-limit = 100 }\n");
  }

  @AfterEach
  void stop() throws Exception {
    bitstamp.stop();
    clients.close().sync();
    ws.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private String[] args(String... more) {
    int port = ((InetSocketAddress) ws.localAddress()).getPort();
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "--config",
                dir.resolve("arb.conf").toString(),
                "--data-dir",
                dir.resolve("data").toString()));
    a.addAll(List.of(more));
    a.addAll(
        List.of(
            "--exchange-url",
            "bitstamp=" + bitstamp.baseUrl(),
            "--exchange-ws-url",
            "bitstamp=ws://127.0.0.1:" + port + "/",
            // the recorded books are years old
            "--max-book-age",
            "100000d"));
    return a.toArray(String[]::new);
  }

  @Test
  void runDecidesEveryStreamedBookAndItsJournalReplaysThroughTheSameRunner() throws Exception {
    Path journal = dir.resolve("journal");
    long books;
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            args(
                "run",
                "--http-port",
                "0",
                "--interval",
                "300ms",
                "--journal",
                journal.toString()))) {
      JsonNode s = d.awaitStatus(x -> x.at("/stream/books").asLong() >= MESSAGES / 2);
      JsonNode latency = s.at("/stream/decision_latency");
      assertThat(latency.path("events").asLong()).isGreaterThanOrEqualTo(MESSAGES / 2);
      assertThat(latency.path("p50_us").asDouble()).isPositive();
      assertThat(latency.path("p99_us").asDouble())
          .isGreaterThanOrEqualTo(latency.path("p50_us").asDouble());
      assertThat(s.at("/stream/snapshots").asLong()).isPositive();
      String metrics = Http.get(d.url() + "/metrics").body();
      assertThat(value(metrics, "arb_decision_latency_seconds_count"))
          .isGreaterThanOrEqualTo(MESSAGES / 2.0);
      // fine buckets from 1 µs: the first bound is at most 1 µs
      Matcher bucket =
          Pattern.compile("(?m)^arb_decision_latency_seconds_bucket\\{le=\"([^\"]+)\"\\}")
              .matcher(metrics);
      assertThat(bucket.find()).as(metrics).isTrue();
      assertThat(Double.parseDouble(bucket.group(1))).isLessThanOrEqualTo(1e-6);
      assertThat(value(metrics, "arb_stream_events_total{kind=\"book\"}"))
          .isGreaterThanOrEqualTo(MESSAGES / 2.0);
    }
    List<JournalEvent> recorded = JournalReader.readAll(journal);
    books = recorded.stream().filter(e -> e instanceof JournalEvent.Book).count();
    assertThat(books).isGreaterThanOrEqualTo(MESSAGES / 2);
    JournalEvent.Book first =
        (JournalEvent.Book)
            recorded.stream().filter(e -> e instanceof JournalEvent.Book).findFirst().orElseThrow();
    assertThat(first.book().market().id()).isEqualTo("bitstamp:ETH/USD");
    assertThat(first.book().bids().get(0).price()).isEqualByComparingTo("819.9");
    assertThat(first.exchangeEpochNanos()).isEqualTo(1_553_720_851_960_344_000L);

    // the journal replayed as fast as possible: every recorded book decided again
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--config",
            dir.resolve("arb.conf").toString(),
            "--data-dir",
            dir.resolve("data2").toString(),
            "run",
            "--http-port",
            "0",
            "--replay",
            journal.toString(),
            "--speed",
            "max")) {
      JsonNode s = d.awaitStatus(x -> x.at("/stream/books").asLong() == books);
      assertThat(s.at("/stream/decision_latency/events").asLong()).isEqualTo(books);
      assertThat(s.at("/data/source").asText("")).isNotNull();
    }
  }

  @Test
  void recordStreamWritesAJournalThatBacktestReads() throws Exception {
    Path journal = dir.resolve("recorded");
    CliRun rec =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            args("record", "--stream", "--output", journal.toString(), "--duration", "15s"));
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    List<JournalEvent> events = JournalReader.readAll(journal);
    long books = events.stream().filter(e -> e instanceof JournalEvent.Book).count();
    long snapshots = events.stream().filter(e -> e instanceof JournalEvent.Snapshot).count();
    assertThat(books).as(rec.err()).isGreaterThanOrEqualTo(MESSAGES);
    assertThat(snapshots).isPositive();
    assertThat(rec.out())
        .contains(
            events.size()
                + " events written to "
                + journal
                + " ("
                + books
                + " streamed books, "
                + snapshots
                + " polled snapshots)");
    // every streamed book as received: 20 ms of exchange time after the one before
    long previous = 0;
    for (JournalEvent e : events) {
      if (e instanceof JournalEvent.Book b) {
        if (previous != 0) {
          assertThat(b.exchangeEpochNanos() - previous).isEqualTo(20_000_000L);
        }
        previous = b.exchangeEpochNanos();
      }
    }

    CliRun bt =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--config",
            dir.resolve("arb.conf").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "backtest",
            "--replay",
            journal.toString(),
            "--json");
    assertThat(bt.exitCode()).as(bt.err()).isZero();
    JsonNode r = JSON.readTree(bt.out());
    assertThat(r.path("runs")).hasSize(3);
    assertThat(r.at("/runs/0/taker_fee").isNull()).isTrue();
    assertThat(r.at("/runs/1/taker_fee").asText()).isEqualTo("0.001");
    for (JsonNode run : r.path("runs")) {
      assertThat(run.path("events").asLong()).isEqualTo(events.size());
      assertThat(run.path("books").asLong()).isEqualTo(books);
      assertThat(run.path("snapshots").asLong()).isEqualTo(snapshots);
      // one market: no cycle, nothing to trade
      assertThat(run.path("opportunities").asLong()).isZero();
      assertThat(run.path("executed").asLong()).isZero();
    }
    // nothing was written to the configured store
    assertThat(dir.resolve("data").resolve("arb.db")).doesNotExist();
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
