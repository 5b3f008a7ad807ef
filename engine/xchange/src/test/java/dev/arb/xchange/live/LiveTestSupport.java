package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.Fill;
import dev.arb.engine.resilience.Sleeper;
import dev.arb.engine.sizing.PlanPricer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.xchange.VenueOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Exchange stand-ins on 127.0.0.1 serving XChange's recorded order responses (see LICENSE.XChange):
 * Kraken's AddOrder, OpenOrders and CancelOrder bodies are the 2025 recordings; QueryOrders answers
 * are built from the recorded OpenOrders entry (same fields) with the amounts of each test.
 */
final class LiveTestSupport {
  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  static final BigDecimal FEE = new BigDecimal("0.0026");
  static final BigDecimal LOT = new BigDecimal("0.00000001");
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveTestSupport() {}

  static WireMockServer server() {
    WireMockServer s =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    return s;
  }

  static String resource(String path) {
    try (InputStream in = LiveTestSupport.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixture(String relative) {
    return resource("/dev/arb/xchange/live/" + relative);
  }

  /** Kraken's public pair and asset lists (the venue tests' recordings). */
  static void krakenPairs(WireMockServer s) {
    for (String name : List.of("AssetPairs", "Assets")) {
      s.stubFor(
          get(urlPathEqualTo("/0/public/" + name))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(resource("/dev/arb/xchange/kraken/" + name + ".json"))));
    }
  }

  static String krakenAddOrder(String txid) {
    return fixture("kraken/addorder.json").replace("OHMFXD-DVWOT-XTF4AU", txid);
  }

  /** A QueryOrders result for one order, shaped like the recorded OpenOrders entry. */
  static String krakenOrder(
      String txid,
      String status,
      String pair,
      String type,
      String limit,
      String vol,
      String volExec,
      String cost,
      String fee,
      String avgPrice) {
    try {
      ObjectNode open =
          (ObjectNode) JSON.readTree(fixture("kraken/openorders.json")).path("result").path("open");
      ObjectNode o = (ObjectNode) open.get("OP2S3K-2SEPL-XTZNO4").deepCopy();
      o.put("status", status);
      ObjectNode d = (ObjectNode) o.get("descr");
      d.put("pair", pair);
      d.put("type", type);
      d.put("price", limit);
      d.put("order", type + " " + vol + " " + pair + " @ limit " + limit);
      o.put("vol", vol);
      o.put("vol_exec", volExec);
      o.put("cost", cost);
      o.put("fee", fee);
      o.put("price", avgPrice);
      ObjectNode root = JSON.createObjectNode();
      root.putArray("error");
      root.putObject("result").set(txid, o);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void krakenPost(WireMockServer s, String path, String body, String... contains) {
    var m = post(urlPathEqualTo("/0/private/" + path));
    for (String c : contains) {
      m = m.withRequestBody(containing(c));
    }
    s.stubFor(m.willReturn(okJson(body)));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** Bodies of the requests WireMock received on {@code path}, in order. */
  static List<String> bodies(WireMockServer s, String path) {
    List<String> out = new ArrayList<>();
    s.findAll(RequestPatternBuilder.allRequests()).stream()
        .filter(r -> r.getUrl().startsWith(path))
        .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
        .forEach(r -> out.add(r.getBodyAsString()));
    return out;
  }

  static ExchangeConfig exchange(String name, String url) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return ExchangeConfig.builder(name)
        .baseUrl(url)
        .keys(
            new SecretRef.Env("ARB_" + upper + "_API_KEY"),
            new SecretRef.Env("ARB_" + upper + "_API_SECRET"))
        .rateLimit(new BigDecimal("1000"))
        .requestTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** Test keys: base64 secrets, as the exchanges' signers require. Never real. */
  static SecretResolver secrets() {
    return new SecretResolver(
        Map.of(
            "ARB_KRAKEN_API_KEY", "test-key",
            "ARB_KRAKEN_API_SECRET", "dGVzdC1zZWNyZXQ=",
            "ARB_BITSTAMP_API_KEY", "test-key",
            "ARB_BITSTAMP_API_SECRET", "test-secret",
            "ARB_COINBASE_API_KEY", "test-key",
            "ARB_COINBASE_API_SECRET", "dGVzdC1zZWNyZXQ=",
            "ARB_COINBASE_API_PASSPHRASE", "test-passphrase",
            "ARB_BINANCE_API_KEY", "test-key",
            "ARB_BINANCE_API_SECRET", "test-secret"));
  }

  /** 3 attempts per read, no real waiting between them. */
  static VenueOptions options(Path dataDir) {
    Sleeper none = nanos -> {};
    return new VenueOptions(
        dataDir,
        Clock.fixed(NOW, ZoneOffset.UTC),
        System::nanoTime,
        none,
        new SplittableRandom(42),
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        3,
        Duration.ofSeconds(60),
        Duration.ZERO);
  }

  /** Orders cancelled after 200 ms, polled every 20 ms (real waits: WireMock answers for real). */
  static LiveOrderExecutor.Options executorOptions() {
    return new LiveOrderExecutor.Options(
        Duration.ofMillis(200),
        Duration.ofMillis(20),
        2,
        Clock.fixed(NOW, ZoneOffset.UTC),
        System::nanoTime,
        Sleeper.SYSTEM);
  }

  static Market market(String exchange, String base, String quote) {
    return market(exchange, base, quote, FEE, LOT);
  }

  /** A market with its own taker fee and lot size, and no minimums. */
  static Market market(String exchange, String base, String quote, BigDecimal fee, String lot) {
    return market(exchange, base, quote, fee, new BigDecimal(lot));
  }

  private static Market market(
      String exchange, String base, String quote, BigDecimal fee, BigDecimal lot) {
    return new Market(
        exchange,
        Asset.of(base),
        Asset.of(quote),
        fee,
        lot,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO);
  }

  /**
   * The plan for 1000 of the start asset round the cycle that buys on {@code first} and {@code
   * second} and sells on {@code third}, priced on those books.
   */
  static TradePlan buyBuySell(double ratio, OrderBook first, OrderBook second, OrderBook third) {
    Cycle c =
        new Cycle(
            List.of(
                new Leg(first.market(), Side.BUY),
                new Leg(second.market(), Side.BUY),
                new Leg(third.market(), Side.SELL)),
            ratio);
    SizingOutcome o =
        PlanPricer.price(c, List.of(first, second, third), 1000, 0, new BigDecimal("1000"));
    return ((SizingOutcome.Sized) o).plan();
  }

  /** Checks every amount of a fill exactly (compared as numbers, any scale). */
  static void assertFill(
      Fill f, String id, String spent, String received, String base, String price, String fee) {
    assertThat(f.orderId()).isEqualTo(id);
    assertThat(f.spent()).isEqualByComparingTo(spent);
    assertThat(f.received()).isEqualByComparingTo(received);
    assertThat(f.baseAmount()).isEqualByComparingTo(base);
    assertThat(f.averagePrice()).isEqualByComparingTo(price);
    assertThat(f.fee()).isEqualByComparingTo(fee);
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static OrderBook book(Market m, String bid, String bidAmount, String ask, String askAmount) {
    return new OrderBook(
        m, List.of(BookLevel.of(bid, bidAmount)), List.of(BookLevel.of(ask, askAmount)), NOW);
  }
}
