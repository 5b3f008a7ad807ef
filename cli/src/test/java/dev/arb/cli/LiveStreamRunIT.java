package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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
 * {@code arb run} with Bitstamp's books streamed from a WebSocket stand-in on 127.0.0.1 (XChange's
 * recorded Bitstamp stream message) and REST from WireMock: {@code /status} says {@code stream}
 * (with the stream's counters, also on {@code /metrics}), and {@code poll} with books still
 * arriving once the stream is gone.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveStreamRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

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
                                // Bitstamp: confirm the subscription, then the channel's book
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
                                ObjectNode book = (ObjectNode) JSON.readTree(data);
                                book.put("channel", channel);
                                ctx.writeAndFlush(new TextWebSocketFrame(book.toString()));
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

  @Test
  void statusSaysStreamWhileTheStreamGivesBooksAndPollWhenItIsGone() throws Exception {
    int port = ((InetSocketAddress) ws.localAddress()).getPort();
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--config",
            dir.resolve("arb.conf").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--interval",
            "200ms",
            "--exchange-url",
            "bitstamp=" + bitstamp.baseUrl(),
            "--exchange-ws-url",
            "bitstamp=ws://127.0.0.1:" + port + "/",
            // the recorded books are years old
            "--max-book-age",
            "100000d")) {
      JsonNode streamed =
          d.awaitStatus(s -> s.at("/data/exchanges/bitstamp/feed").asText().equals("stream"));
      assertThat(streamed.at("/data/exchanges/bitstamp/books").asInt()).isEqualTo(1);
      assertThat(streamed.at("/data/exchanges/bitstamp/health").asText()).isEqualTo("up");
      JsonNode stream = streamed.at("/data/exchanges/bitstamp/stream");
      assertThat(stream.path("connected").asBoolean()).isTrue();
      assertThat(stream.path("reconnects").asLong()).isZero();
      assertThat(stream.path("gaps").asLong()).isZero();
      assertThat(stream.path("last_message_at").isTextual()).isTrue();
      assertThat(stream.path("last_message_age_seconds").asDouble(-1)).isGreaterThanOrEqualTo(0);
      String metrics = Http.get(d.url() + "/metrics").body();
      assertThat(value(metrics, "arb_stream_connected{exchange=\"bitstamp\"}")).isEqualTo(1.0);
      assertThat(value(metrics, "arb_stream_reconnects_total{exchange=\"bitstamp\"}")).isZero();
      assertThat(value(metrics, "arb_stream_gaps_total{exchange=\"bitstamp\"}")).isZero();
      assertThat(value(metrics, "arb_stream_message_age_seconds{exchange=\"bitstamp\"}"))
          .isGreaterThanOrEqualTo(0);

      // the stand-in goes away for good: the exchange is polled over REST, books keep coming
      ws.close().sync();
      clients.close().sync();
      JsonNode polled =
          d.awaitStatus(
              s ->
                  s.at("/data/exchanges/bitstamp/feed").asText().equals("poll")
                      && s.at("/data/exchanges/bitstamp/books").asInt() == 1);
      assertThat(polled.at("/data/exchanges/bitstamp/down").asBoolean()).isFalse();
      assertThat(polled.at("/data/exchanges/bitstamp/health").asText()).isEqualTo("up");
      // the stream keeps trying: each failed attempt is a reconnect, in /status and /metrics
      JsonNode retrying =
          d.awaitStatus(s -> s.at("/data/exchanges/bitstamp/stream/reconnects").asLong() >= 1);
      assertThat(retrying.at("/data/exchanges/bitstamp/stream/connected").asBoolean()).isFalse();
      String after = Http.get(d.url() + "/metrics").body();
      assertThat(value(after, "arb_stream_connected{exchange=\"bitstamp\"}")).isZero();
      assertThat(value(after, "arb_stream_reconnects_total{exchange=\"bitstamp\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
