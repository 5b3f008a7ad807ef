package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.resilience.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** WireMock stand-ins for exchanges serving the recorded responses, and fast venue options. */
final class VenueTestSupport {
  /** Bitstamp's book fixtures were served at 1641343695 (2022-01-05T00:48:15Z). */
  static final Instant BITSTAMP_BOOK_TIME = Instant.ofEpochSecond(1641343695);

  private VenueTestSupport() {}

  /** A WireMock server on 127.0.0.1 and a free port. */
  static WireMockServer server() {
    WireMockServer s =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    return s;
  }

  static String fixture(String relative) {
    try (InputStream in =
        VenueTestSupport.class.getResourceAsStream("/dev/arb/xchange/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + relative);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void json(WireMockServer s, String path, String body) {
    s.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  static void bitstamp(WireMockServer s) {
    json(s, "/api/v2/trading-pairs-info/", fixture("bitstamp/trading-pairs-info.json"));
    json(s, "/api/v2/order_book/ethusd/", fixture("bitstamp/order_book_ethusd.json"));
    json(s, "/api/v2/order_book/usdtusd/", fixture("bitstamp/order_book_usdtusd.json"));
  }

  static void kraken(WireMockServer s) {
    json(s, "/0/public/AssetPairs", fixture("kraken/AssetPairs.json"));
    json(s, "/0/public/Assets", fixture("kraken/Assets.json"));
    s.stubFor(
        get(urlPathEqualTo("/0/public/Depth"))
            .withQueryParam("pair", equalTo("XXMRZUSD"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("kraken/Depth_XXMRZUSD.json"))));
  }

  static ExchangeConfig exchange(String name, String url, String... markets) {
    return exchange(name, url, Duration.ofSeconds(5), markets);
  }

  static ExchangeConfig exchange(
      String name, String url, Duration requestTimeout, String... markets) {
    return ExchangeConfig.builder(name)
        .markets(List.of(markets))
        .baseUrl(url)
        .rateLimit(new BigDecimal("1000"))
        .requestTimeout(requestTimeout)
        .build();
  }

  /**
   * As {@link #exchange(String, String, String...)}, with API keys read from {@code
   * ARB_<NAME>_API_KEY} and {@code ARB_<NAME>_API_SECRET}.
   */
  static ExchangeConfig keyed(String name, String url, String... markets) {
    String env = "ARB_" + name.toUpperCase(java.util.Locale.ROOT) + "_API_";
    return exchange(name, url, markets).toBuilder()
        .keys(new SecretRef.Env(env + "KEY"), new SecretRef.Env(env + "SECRET"))
        .build();
  }

  /** Answers requests matching {@code m} with {@code status} and the JSON {@code body}. */
  static void answer(WireMockServer s, MappingBuilder m, int status, String body) {
    s.stubFor(
        m.willReturn(
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
  }

  /** {@code r} as Binance's signed calls are made: the API key header, a timestamp, a signature. */
  static RequestPatternBuilder binanceSigned(RequestPatternBuilder r, String key) {
    return r.withHeader("X-MBX-APIKEY", equalTo(key))
        .withQueryParam("timestamp", matching("[0-9]+"))
        .withQueryParam("signature", matching("[0-9a-f]{64}"));
  }

  /** Records the waits asked for instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleepNanos(long nanos) {
      waits.add(Duration.ofNanos(nanos));
    }
  }

  /** 3 attempts, no real waiting, a fixed clock, a seeded jitter. */
  static VenueOptions options(Path dataDir, Instant now, Sleeper sleeper) {
    return options(dataDir, Clock.fixed(now, ZoneOffset.UTC), sleeper);
  }

  static VenueOptions options(Path dataDir, Clock clock, Sleeper sleeper) {
    RandomGenerator random = new SplittableRandom(42);
    return new VenueOptions(
        dataDir,
        clock,
        System::nanoTime,
        sleeper,
        random,
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        3,
        Duration.ofSeconds(60),
        Duration.ZERO);
  }

  static XChangeMarketDataSource source(VenueOptions options, ExchangeConfig... exchanges) {
    return XChangeMarketDataSource.create(
        List.of(exchanges), new SecretResolver(Map.of()), options);
  }
}
