package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.exchange;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.engine.model.MarketSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive polling through the real Kraken adapter with a fake clock: calm books are fetched less
 * and less often, a profitable market and a market whose price moved go back to every second.
 */
class AdaptivePollingIT {
  static final Instant T0 = Instant.parse("2021-04-17T16:48:55Z");

  @TempDir Path dataDir;
  WireMockServer server;
  final FakeClock clock = new FakeClock();

  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    volatile Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
    VenueTestSupport.kraken(server);
    depth("XXBTZEUR", fixture("kraken/Depth_XXBTZEUR.json"));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void depth(String pair, String body) {
    server.stubFor(
        get(urlPathEqualTo("/0/public/Depth"))
            .withQueryParam("pair", equalTo(pair))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  private int fetches(String pair) {
    return server
        .findAll(
            getRequestedFor(urlPathEqualTo("/0/public/Depth"))
                .withQueryParam("pair", equalTo(pair)))
        .size();
  }

  private MarketSnapshot at(XChangeMarketDataSource src, long seconds) {
    clock.now = T0.plusSeconds(seconds);
    return src.snapshot();
  }

  @Test
  void calmMarketsSlowDownProfitableAndMovedOnesSpeedUp() {
    VenueOptions options =
        new VenueOptions(
            dataDir,
            clock,
            System::nanoTime,
            new VenueTestSupport.RecordingSleeper(),
            new SplittableRandom(1),
            3,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            3,
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8),
            0.0005,
            Duration.ofSeconds(60));
    try (XChangeMarketDataSource src =
        XChangeMarketDataSource.create(
            List.of(exchange("kraken", server.baseUrl(), "XMR/USD", "BTC/EUR")),
            new dev.arb.config.SecretResolver(java.util.Map.of()),
            options)) {
      at(src, 0);
      at(src, 1); // same books: calm, next in 2 s
      MarketSnapshot reused = at(src, 2);
      assertThat(fetches("XXMRZUSD")).isEqualTo(2);
      assertThat(fetches("XXBTZEUR")).isEqualTo(2);
      // not fetched at t=2, but the books of t=1 are still given, as of t=1
      assertThat(reused.books()).hasSize(2);
      assertThat(reused.books().get(0).observedAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(reused.problems()).isEmpty();

      at(src, 3); // calm again: next in 4 s (t=7)
      src.profitable(List.of("kraken:XMR/USD", "bitstamp:ETH/USD"));
      at(src, 4);
      assertThat(fetches("XXMRZUSD")).isEqualTo(4); // profitable: due again after 1 s
      assertThat(fetches("XXBTZEUR")).isEqualTo(3); // calm: waits until t=7

      // BTC/EUR's best ask moves from 530.75513 to 527.00000 (mid -0.36 %)
      depth(
          "XXBTZEUR",
          fixture("kraken/Depth_XXBTZEUR.json").replaceFirst("530\\.75513", "527.00000"));
      at(src, 5);
      at(src, 7);
      at(src, 8);
      assertThat(fetches("XXMRZUSD")).isEqualTo(7); // 0,1,3,4,5,7,8
      // 0,1,3,7, and 8 because the price moved at 7 (calm it would wait until 15)
      assertThat(fetches("XXBTZEUR")).isEqualTo(5);
    }
  }
}
