package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.exchange;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.ExchangeConfig;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.VenueHealth;
import dev.arb.xchange.binance.BinanceAdapter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order books streamed through XChange's Kraken, Bitstamp, Coinbase and Binance stream modules from
 * a local WebSocket server replaying the recorded messages, with REST (WireMock serving the
 * recorded responses) as the fallback: the exact book from a snapshot and its updates, a checksum
 * gap that makes the market resynchronise (REST meanwhile), and a dropped connection that falls
 * back to polling and reconnects.
 */
class StreamingBookFeedIT {
  /** Just after the latest level time of the Kraken stream fixtures (1534614248.765567). */
  static final Instant KRAKEN_WS_TIME = Instant.ofEpochSecond(1534614250);

  /** Just after the Bitstamp stream fixture's microtimestamp 1553720851960344. */
  static final Instant BITSTAMP_WS_TIME = Instant.ofEpochSecond(1553720853);

  /**
   * Kraken's checksum (CRC32 of the top ten ask then bid levels, price and volume without the dot
   * and leading zeros) of the snapshot fixture's book, which update 00 leaves unchanged; computed
   * outside Java with Python's {@code zlib.crc32}.
   */
  static final String CRC_AFTER_UPDATE_00 = "1710400350";

  /** The same after update 01 adds the ask 5542.50000 × 0.40100000. */
  static final String CRC_AFTER_UPDATE_01 = "2756009329";

  /** Just after the hand-written Coinbase level2 messages' times (next to the REST ticker's). */
  static final Instant COINBASE_WS_TIME = Instant.parse("2015-04-08T20:49:08Z");

  /** Just after the Binance diff-depth events' times (the REST depth's recording time). */
  static final Instant BINANCE_WS_TIME = Instant.parse("2021-10-12T00:28:40Z");

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  WireMockServer rest;
  FixtureWebSocketServer ws;
  XChangeMarketDataSource source;

  @BeforeEach
  void start() {
    rest = VenueTestSupport.server();
  }

  @AfterEach
  void stop() throws Exception {
    if (source != null) {
      source.close();
    }
    if (ws != null) {
      ws.close();
    }
    rest.stop();
  }

  @Test
  void krakenSnapshotThenUpdatesGiveTheExactBook() throws Exception {
    krakenRest();
    ws =
        new FixtureWebSocketServer(
            new KrakenScript(
                List.of(
                    krakenData("orderBookMessageSnapshot.json", null),
                    krakenData("orderBookMessageUpdate00.json", CRC_AFTER_UPDATE_00),
                    krakenData("orderBookMessageUpdate01.json", CRC_AFTER_UPDATE_01))));
    source = krakenSource();

    // the snapshot has 3 asks; update 01 adds the fourth
    OrderBook book = awaitStreamedBook("kraken", "kraken:BTC/EUR", 4);

    assertThat(book.asks())
        .containsExactly(
            level("5541.30000", "2.50700000"),
            level("5541.80000", "0.33000000"),
            level("5542.50000", "0.40100000"),
            level("5542.70000", "0.64700000"));
    assertThat(book.bids())
        .containsExactly(
            level("5541.20000", "1.52900000"),
            level("5539.90000", "0.30000000"),
            level("5539.50000", "5.00000000"));
    // the exchange time of the latest level change (1534614248.765567; XChange keeps level times
    // as milliseconds), not the local receive time
    assertThat(book.observedAt()).isEqualTo(Instant.parse("2018-08-18T17:44:08.765Z"));
    assertThat(ws.received.get(0))
        .contains("\"event\":\"subscribe\"")
        .contains("XBT/EUR")
        .contains("\"depth\":500");
    assertThat(source.feed("kraken").gaps()).isZero();
  }

  @Test
  void krakenChecksumGapResynchronisesWithRestMeanwhile() throws Exception {
    krakenRest();
    KrakenScript script =
        new KrakenScript(
            List.of(
                krakenData("orderBookMessageSnapshot.json", null),
                // the recorded checksum is not this book's: what a missed update looks like
                krakenData("orderBookMessageUpdate00.json", "keep")));
    ws = new FixtureWebSocketServer(script);
    source = krakenSource();
    StreamingBookFeed feed = awaitFeed("kraken");

    await(() -> feed.gaps() == 1, "the checksum mismatch to be seen");
    MarketSnapshot during = source.snapshot();
    OrderBook polled = only(during, "kraken:BTC/EUR");
    assertThat(polled.asks().get(0)).isEqualTo(level("530.75513", "0.248")); // REST Depth fixture
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);
    // the stream asked Kraken for a new snapshot: unsubscribe, then subscribe again
    await(() -> script.subscribes() == 2, "the channel to be subscribed again");
    assertThat(ws.received.stream().filter(m -> m.contains("\"unsubscribe\"")).count())
        .isEqualTo(1);

    script.send(krakenData("orderBookMessageSnapshot.json", null));
    OrderBook again = awaitStreamedBook("kraken", "kraken:BTC/EUR", 3);
    assertThat(again.asks().get(0)).isEqualTo(level("5541.30000", "2.50700000"));
    assertThat(again.bids()).hasSize(3);
  }

  @Test
  void droppedStreamFallsBackToPollingAndReconnects() throws Exception {
    krakenRest();
    KrakenScript script =
        new KrakenScript(List.of(krakenData("orderBookMessageSnapshot.json", null)));
    ws = new FixtureWebSocketServer(script);
    source = krakenSource();
    awaitStreamedBook("kraken", "kraken:BTC/EUR", 3);
    StreamingBookFeed feed = source.feed("kraken");

    ws.dropAll();
    await(() -> !feed.connected(), "the drop to be noticed");
    MarketSnapshot during = source.snapshot();
    assertThat(only(during, "kraken:BTC/EUR").asks().get(0)).isEqualTo(level("530.75513", "0.248"));
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);

    // the feed connects again by itself and subscribes; the stand-in then sends a snapshot
    await(() -> script.subscribes() == 2, "the new connection to subscribe");
    script.send(krakenData("orderBookMessageSnapshot.json", null));
    OrderBook back = awaitStreamedBook("kraken", "kraken:BTC/EUR", 3);
    assertThat(back.asks().get(0)).isEqualTo(level("5541.30000", "2.50700000"));
    assertThat(ws.connections()).isEqualTo(2);
    assertThat(feed.reconnects()).isEqualTo(1);
  }

  @Test
  void unreachableStreamPollsAndSaysSo() throws Exception {
    krakenRest();
    ExchangeConfig cfg =
        exchange("kraken", rest.baseUrl(), "BTC/EUR").withWsUrl("ws://127.0.0.1:1/");
    source =
        VenueTestSupport.source(
            VenueTestSupport.options(
                dataDir, KRAKEN_WS_TIME, new VenueTestSupport.RecordingSleeper()),
            cfg);

    MarketSnapshot first = source.snapshot();
    assertThat(only(first, "kraken:BTC/EUR").asks().get(0)).isEqualTo(level("530.75513", "0.248"));
    StreamingBookFeed feed = source.feed("kraken");
    await(() -> feed.lastError().isPresent(), "the failed connection to be reported");
    assertThat(feed.lastError().get()).contains("ws://127.0.0.1:1/").contains("cannot connect");
    assertThat(source.snapshot().problems()).isEmpty();
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);
    assertThat(source.notes()).contains("kraken: streaming 1 order books from ws://127.0.0.1:1/");
  }

  @Test
  void bitstampOrderBookChannelGivesTheSortedBookWithMicrosecondTime() throws Exception {
    VenueTestSupport.bitstamp(rest);
    String data = fixture("bitstamp-ws/order-book-v2.json");
    ws =
        new FixtureWebSocketServer(
            (n, message) -> {
              JsonNode m = read(message);
              if (!"bts:subscribe".equals(m.path("event").asText())) {
                return List.of();
              }
              String channel = m.path("data").path("channel").asText();
              ObjectNode book = (ObjectNode) read(data);
              book.put("channel", channel);
              return List.of(
                  "{\"event\":\"bts:subscription_succeeded\",\"channel\":\""
                      + channel
                      + "\",\"data\":{}}",
                  book.toString());
            });
    ExchangeConfig cfg = exchange("bitstamp", rest.baseUrl(), "BTC/USD").withWsUrl(ws.url());
    source =
        VenueTestSupport.source(
            VenueTestSupport.options(
                dataDir, BITSTAMP_WS_TIME, new VenueTestSupport.RecordingSleeper()),
            cfg);

    OrderBook book = awaitStreamedBook("bitstamp", "bitstamp:BTC/USD", 3);

    assertThat(ws.received.get(0)).contains("order_book_btcusd");
    assertThat(book.bids()).containsExactly(level("819.9", "0.922"), level("818.63", "0.085"));
    assertThat(book.asks())
        .containsExactly(level("821.6", "0.035"), level("821.65", "5.18"), level("821.7", "2.89"));
    assertThat(book.observedAt()).isEqualTo(Instant.parse("2019-03-27T21:07:31.960344Z"));
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.STREAM);
  }

  @Test
  void coinbaseSnapshotThenLevel2UpdatesGiveTheExactBook() throws Exception {
    XChangeBinanceCoinbaseIT.coinbase(rest);
    CoinbaseScript script =
        new CoinbaseScript(
            List.of(fixture("coinbase-ws/snapshot.json"), fixture("coinbase-ws/l2update-00.json")));
    ws = new FixtureWebSocketServer(script);
    source = coinbaseSource();

    // the snapshot has 2 bids; the update adds the third (and removes the ask 637.50)
    OrderBook book = awaitStreamedBids("coinbase", "coinbase:ETH/USD", 3);

    assertThat(book.bids())
        .containsExactly(
            level("637.05", "0.25"), level("637.00", "0.0595"), level("636.50", "1.2"));
    assertThat(book.asks()).containsExactly(level("637.11", "0.0595"));
    // the update's own time, to the microsecond
    assertThat(book.observedAt()).isEqualTo(Instant.parse("2015-04-08T20:49:06.506997Z"));
    JsonNode subscribe = read(ws.received.get(0));
    assertThat(subscribe.path("type").asText()).isEqualTo("subscribe");
    assertThat(subscribe.path("channels").toString()).contains("level2").contains("ETH-USD");
    assertThat(source.feed("coinbase").gaps()).isZero();
  }

  @Test
  void coinbaseCrossingUpdateIsAGapResynchronisedWithRestMeanwhile() throws Exception {
    XChangeBinanceCoinbaseIT.coinbase(rest);
    CoinbaseScript script =
        new CoinbaseScript(
            List.of(
                fixture("coinbase-ws/snapshot.json"),
                fixture("coinbase-ws/l2update-crossing.json")));
    ws = new FixtureWebSocketServer(script);
    source = coinbaseSource();
    StreamingBookFeed feed = awaitFeed("coinbase");

    await(() -> feed.gaps() == 1, "the crossed book to be seen");
    assertThat(feed.lastError().get()).contains("637.20").contains("637.11").contains("missed");
    MarketSnapshot during = source.snapshot();
    // the REST level-2 book served for ETH-USD
    assertThat(only(during, "coinbase:ETH/USD").asks().get(0))
        .isEqualTo(level("295.97", "25.23542881"));
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);
    // the stream asked Coinbase for a new snapshot: unsubscribe, then subscribe again
    await(() -> script.subscribes() == 2, "the channel to be subscribed again");
    assertThat(ws.received.stream().filter(m -> m.contains("\"unsubscribe\"")).count())
        .isEqualTo(1);

    ws.sendAll(fixture("coinbase-ws/snapshot.json"));
    OrderBook again = awaitStreamedBids("coinbase", "coinbase:ETH/USD", 2);
    assertThat(again.bids()).containsExactly(level("637.00", "0.0595"), level("636.50", "1.2"));
    assertThat(again.asks()).containsExactly(level("637.11", "0.0595"), level("637.50", "2"));
  }

  @Test
  void coinbaseDropFallsBackToPollingAndReconnects() throws Exception {
    XChangeBinanceCoinbaseIT.coinbase(rest);
    CoinbaseScript script = new CoinbaseScript(List.of(fixture("coinbase-ws/snapshot.json")));
    ws = new FixtureWebSocketServer(script);
    source = coinbaseSource();
    awaitStreamedBids("coinbase", "coinbase:ETH/USD", 2);
    StreamingBookFeed feed = source.feed("coinbase");

    ws.dropAll();
    await(() -> !feed.connected(), "the drop to be noticed");
    assertThat(only(source.snapshot(), "coinbase:ETH/USD").asks().get(0))
        .isEqualTo(level("295.97", "25.23542881"));
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);

    await(() -> script.subscribes() == 2, "the new connection to subscribe");
    ws.sendAll(fixture("coinbase-ws/snapshot.json"));
    OrderBook back = awaitStreamedBids("coinbase", "coinbase:ETH/USD", 2);
    assertThat(back.asks().get(0)).isEqualTo(level("637.11", "0.0595"));
    assertThat(ws.connections()).isEqualTo(2);
    assertThat(feed.reconnects()).isEqualTo(1);
  }

  @Test
  void binanceDiffDepthFromRestSnapshotAppliesUpdatesInSequence() throws Exception {
    XChangeBinanceCoinbaseIT.binance(rest);
    ws = new FixtureWebSocketServer((n, m) -> List.of());
    source = binanceSource();
    StreamingBookFeed feed = awaitFeed("binance");
    await(feed::connected, "the stream to connect");

    // an event already in the snapshot (u <= lastUpdateId 259345543) is dropped; the first applied
    // one straddles lastUpdateId + 1, the next follows it
    binanceSend("depth-00-before-snapshot.json");
    binanceSend("depth-01-first.json");
    binanceSend("depth-02-next.json");
    await(
        () ->
            feed.latest("binance:ETH/BTC")
                .map(l -> l.exchangeTime())
                .orElse(Instant.EPOCH)
                .equals(Instant.ofEpochMilli(1633998518300L)),
        "the second update to be applied");
    OrderBook book = only(source.snapshot(), "binance:ETH/BTC");

    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.STREAM);
    assertThat(book.bids().subList(0, 3))
        .containsExactly(
            level("0.00000637", "7000"),
            level("0.00000636", "59.1576701"),
            level("0.00000635", "12760"));
    assertThat(book.asks().subList(0, 2))
        .containsExactly(level("0.00000638", "159.1576701"), level("0.00000639", "25210"));
    assertThat(book.bids()).hasSize(BinanceAdapter.DEPTH);
    assertThat(book.observedAt()).isEqualTo(Instant.ofEpochMilli(1633998518300L));
    assertThat(ws.paths).containsExactly("/stream?streams=ethbtc@depth");
    assertThat(snapshotRequests()).isEqualTo(1);
    assertThat(feed.gaps()).isZero();
  }

  @Test
  void binanceSequenceGapResynchronisesFromANewRestSnapshot() throws Exception {
    XChangeBinanceCoinbaseIT.binance(rest);
    ws = new FixtureWebSocketServer((n, m) -> List.of());
    source = binanceSource();
    StreamingBookFeed feed = awaitFeed("binance");
    await(feed::connected, "the stream to connect");
    binanceSend("depth-01-first.json");
    await(() -> feed.latest("binance:ETH/BTC").isPresent(), "the first update");

    // 259345560 does not follow 259345545: the book is dropped and a new snapshot fetched, which
    // (still 259345543) is older than the event, so the market waits for the next event
    binanceSend("depth-gap.json");
    await(() -> feed.gaps() == 1, "the gap to be seen");
    await(() -> snapshotRequests() == 2, "a new snapshot to be asked for");
    assertThat(feed.lastError().get()).contains("259345560").contains("259345545");
    OrderBook polled = only(source.snapshot(), "binance:ETH/BTC");
    assertThat(polled.bids().get(0)).isEqualTo(level("0.00000637", "6500")); // REST depth
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.POLL);

    // Binance's REST book has moved on: the next event straddles its lastUpdateId + 1
    ObjectNode newer = (ObjectNode) read(fixture("binance/depth_LRCBTC.json"));
    newer.put("lastUpdateId", 259345567L);
    rest.stubFor(
        get(urlPathEqualTo("/api/v3/depth"))
            .withQueryParam("symbol", equalTo("ETHBTC"))
            .withQueryParam("limit", equalTo("1000"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(newer.toString())));
    binanceSend("depth-03-after-gap.json");
    await(() -> feed.latest("binance:ETH/BTC").isPresent(), "the book to be rebuilt");
    OrderBook again = only(source.snapshot(), "binance:ETH/BTC");
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.STREAM);
    // from the new snapshot (6500, not the 7000 of the dropped book) plus the update
    assertThat(again.bids().subList(0, 3))
        .containsExactly(
            level("0.00000637", "6500"),
            level("0.00000636", "12625"),
            level("0.00000635", "345.8684523"));
    assertThat(snapshotRequests()).isEqualTo(3);
    assertThat(feed.gaps()).isEqualTo(1);
  }

  // --- Binance stand-in

  private void binanceSend(String file) {
    ws.sendAll(
        "{\"stream\":\"ethbtc@depth\",\"data\":"
            + read(fixture("binance-ws/" + file)).toString()
            + "}");
  }

  /** REST depth snapshots the stream asked for (the REST poll asks for 100 levels, it for 1000). */
  private int snapshotRequests() {
    return rest.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlPathEqualTo("/api/v3/depth"))
                .withQueryParam("limit", equalTo("1000")))
        .size();
  }

  private XChangeMarketDataSource binanceSource() {
    ExchangeConfig cfg = exchange("binance", rest.baseUrl(), "ETH/BTC").withWsUrl(ws.url());
    return VenueTestSupport.source(
        VenueTestSupport.options(dataDir, BINANCE_WS_TIME, new VenueTestSupport.RecordingSleeper()),
        cfg);
  }

  // --- Coinbase stand-in

  /**
   * Coinbase's side of the level2 channel: answers each subscribe with the {@code subscriptions}
   * confirmation, and on the first one sends the scripted messages; later ones (a resync, a new
   * connection) are only confirmed, and the test sends what it wants.
   */
  static final class CoinbaseScript implements FixtureWebSocketServer.Script {
    private final List<String> first;
    private volatile int subscribes;

    CoinbaseScript(List<String> first) {
      this.first = first;
    }

    int subscribes() {
      return subscribes;
    }

    @Override
    public List<String> answer(int connection, String message) {
      if (!"subscribe".equals(read(message).path("type").asText())) {
        return List.of();
      }
      int n = ++subscribes;
      List<String> out = new ArrayList<>();
      out.add(read(fixture("coinbase-ws/subscriptions.json")).toString());
      if (n == 1) {
        first.forEach(m -> out.add(read(m).toString()));
      }
      return out;
    }
  }

  private XChangeMarketDataSource coinbaseSource() {
    ExchangeConfig cfg = exchange("coinbase", rest.baseUrl(), "ETH/USD").withWsUrl(ws.url());
    return VenueTestSupport.source(
        VenueTestSupport.options(
            dataDir, COINBASE_WS_TIME, new VenueTestSupport.RecordingSleeper()),
        cfg);
  }

  /** Polls until the market's book comes from the stream with {@code levels} bids or more. */
  private OrderBook awaitStreamedBids(String exchange, String marketId, int levels)
      throws InterruptedException {
    StreamingBookFeed feed = awaitFeed(exchange);
    await(
        () ->
            feed.latest(marketId).isPresent()
                && feed.latest(marketId).get().raw().getBids().size() >= levels,
        marketId + " to be streamed");
    MarketSnapshot s = source.snapshot();
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.STREAM);
    return only(s, marketId);
  }

  // --- Kraken stand-in

  /**
   * Kraken's side of the book channel: confirms each subscription with the recorded confirmation
   * (its channel id, the client's reqid and pair), then sends the scripted messages on the first
   * subscription; later subscriptions (a resync, a new connection) are only confirmed, and the test
   * sends what it wants with {@link #send}.
   */
  final class KrakenScript implements FixtureWebSocketServer.Script {
    private final List<ArrayNode> first;
    private volatile int subscribes;
    private volatile String pair = "XBT/EUR";
    private static final int CHANNEL_ID = 42;

    KrakenScript(List<ArrayNode> first) {
      this.first = first;
    }

    int subscribes() {
      return subscribes;
    }

    @Override
    public List<String> answer(int connection, String message) {
      JsonNode m = read(message);
      if (!"subscribe".equals(m.path("event").asText())) {
        return List.of();
      }
      int n = ++subscribes;
      pair = m.path("pair").get(0).asText();
      ObjectNode ok = (ObjectNode) read(fixture("kraken-ws/subscriptionConfirmation.json"));
      ok.put("channelID", CHANNEL_ID);
      ok.put("reqid", m.path("reqid").asInt());
      ok.put("pair", pair);
      ok.put("channelName", "book-" + m.path("subscription").path("depth").asInt());
      ((ObjectNode) ok.get("subscription")).put("depth", m.path("subscription").path("depth"));
      List<String> out = new ArrayList<>();
      out.add(ok.toString());
      if (n == 1) {
        first.forEach(d -> out.add(onChannel(d).toString()));
      }
      return out;
    }

    /** Sends a data message to every connection, on the subscribed channel. */
    void send(ArrayNode data) {
      ws.sendAll(onChannel(data).toString());
    }

    private ArrayNode onChannel(ArrayNode data) {
      ArrayNode copy = data.deepCopy();
      copy.set(0, JSON.getNodeFactory().numberNode(CHANNEL_ID));
      copy.set(copy.size() - 1, JSON.getNodeFactory().textNode(pair));
      return copy;
    }
  }

  /**
   * A recorded Kraken book message; {@code checksum} null removes its {@code c}, "keep" keeps the
   * recorded one, anything else replaces it.
   */
  static ArrayNode krakenData(String file, String checksum) {
    ArrayNode a = (ArrayNode) read(fixture("kraken-ws/" + file));
    if ("keep".equals(checksum)) {
      return a;
    }
    for (JsonNode n : a) {
      if (n instanceof ObjectNode o && o.has("c")) {
        if (checksum == null) {
          o.remove("c");
        } else {
          o.put("c", checksum);
        }
      }
    }
    return a;
  }

  private void krakenRest() {
    VenueTestSupport.kraken(rest);
    rest.stubFor(
        get(urlPathEqualTo("/0/public/Depth"))
            .withQueryParam("pair", equalTo("XXBTZEUR"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("kraken/Depth_XXBTZEUR.json"))));
  }

  private XChangeMarketDataSource krakenSource() {
    ExchangeConfig cfg = exchange("kraken", rest.baseUrl(), "BTC/EUR").withWsUrl(ws.url());
    return VenueTestSupport.source(
        VenueTestSupport.options(dataDir, KRAKEN_WS_TIME, new VenueTestSupport.RecordingSleeper()),
        cfg);
  }

  /** Polls until the exchange's stream exists (it starts with the first poll). */
  private StreamingBookFeed awaitFeed(String exchange) throws InterruptedException {
    source.snapshot();
    StreamingBookFeed feed = source.feed(exchange);
    assertThat(feed).as("stream of " + exchange).isNotNull();
    return feed;
  }

  /** Polls until the market's book comes from the stream with {@code levels} asks or more. */
  private OrderBook awaitStreamedBook(String exchange, String marketId, int levels)
      throws InterruptedException {
    StreamingBookFeed feed = awaitFeed(exchange);
    await(
        () ->
            feed.latest(marketId).isPresent()
                && feed.latest(marketId).get().raw().getAsks().size() >= levels,
        marketId + " to be streamed");
    MarketSnapshot s = source.snapshot();
    assertThat(source.health().get(0).feed()).isEqualTo(VenueHealth.Feed.STREAM);
    return only(s, marketId);
  }

  private static OrderBook only(MarketSnapshot s, String marketId) {
    List<OrderBook> found =
        s.books().stream().filter(b -> b.market().id().equals(marketId)).toList();
    assertThat(found).as(marketId + " in " + s.problems()).hasSize(1);
    return found.get(0);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static BookLevel level(String price, String amount) {
    return new BookLevel(new BigDecimal(price), new BigDecimal(amount));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
