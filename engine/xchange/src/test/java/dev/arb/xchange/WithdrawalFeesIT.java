package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.port.WithdrawalFees;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawal fees read from Bitstamp ({@code POST /api/v2/fees/withdrawal/}) and Binance ({@code
 * GET /sapi/v1/capital/config/getall}), signed with each exchange's scheme, against answers written
 * by hand in the documented formats (see {@code fees/README.md}); exchanges without such a call, or
 * without keys, report none.
 */
class WithdrawalFeesIT {
  static final Map<String, String> ENV =
      Map.of(
          "ARB_BINANCE_API_KEY", AccountFeeTierIT.KEY,
          "ARB_BINANCE_API_SECRET", AccountFeeTierIT.SECRET,
          "ARB_BITSTAMP_API_KEY", AccountFeeTierIT.KEY,
          "ARB_BITSTAMP_API_SECRET", AccountFeeTierIT.SECRET,
          "ARB_KRAKEN_API_KEY", AccountFeeTierIT.KEY,
          "ARB_KRAKEN_API_SECRET", AccountFeeTierIT.SECRET);

  @TempDir Path dataDir;
  WireMockServer server;

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private XChangeMarketDataSource source(String exchange, boolean keys) {
    String url = server.baseUrl();
    return XChangeMarketDataSource.create(
        List.of(
            keys
                ? VenueTestSupport.keyed(exchange, url, "BTC/USD")
                : VenueTestSupport.exchange(exchange, url, "BTC/USD")),
        new SecretResolver(ENV),
        options(
            dataDir,
            Instant.parse("2026-11-24T08:00:00Z"),
            new VenueTestSupport.RecordingSleeper()));
  }

  private void serve(
      com.github.tomakehurst.wiremock.client.MappingBuilder m, int status, String body) {
    VenueTestSupport.answer(server, m, status, body);
  }

  private static Transfer transfer(
      String asset, String fee, String min, String network, Duration time) {
    return new Transfer(
        Asset.of(asset), new BigDecimal(fee), BigDecimal.ZERO, new BigDecimal(min), network, time);
  }

  @Test
  void bitstampsFixedFeesAreReadPerCurrencyTheFirstNetworkListedWinning() {
    serve(
        post(urlPathEqualTo("/api/v2/fees/withdrawal/")),
        200,
        fixture("fees/bitstamp-withdrawal-fees.json"));
    try (XChangeMarketDataSource src = source("bitstamp", true)) {
      List<WithdrawalFees> all = src.withdrawalFees();

      assertThat(all).hasSize(1);
      WithdrawalFees w = all.get(0);
      assertThat(w.exchange()).isEqualTo("bitstamp");
      assertThat(w.endpoint()).isEqualTo("POST /api/v2/fees/withdrawal/");
      assertThat(w.problem()).isEmpty();
      assertThat(w.fees())
          .containsOnlyKeys(Asset.of("BTC"), Asset.of("ETH"), Asset.of("USDC"), Asset.of("XRP"));
      assertThat(w.fees().get(Asset.of("BTC")))
          .isEqualTo(transfer("BTC", "0.00015000", "0", "bitcoin", Duration.ZERO));
      // USDC on ethereum (listed first), not solana
      assertThat(w.fees().get(Asset.of("USDC")).fixedFee()).isEqualByComparingTo("5");
      assertThat(w.fees().get(Asset.of("USDC")).network()).isEqualTo("ethereum");
      server.verify(
          postRequestedFor(urlPathEqualTo("/api/v2/fees/withdrawal/"))
              .withHeader("X-Auth", equalTo("BITSTAMP " + AccountFeeTierIT.KEY))
              .withHeader("X-Auth-Signature", matching("[0-9a-fA-F]{64}"))
              .withHeader("X-Auth-Version", equalTo("v2")));
    }
  }

  @Test
  void binancesDefaultNetworkGivesFeeMinimumAndTimeAndDisabledCoinsAreLeftOut() {
    serve(
        get(urlPathEqualTo("/sapi/v1/capital/config/getall")),
        200,
        fixture("fees/binance-capital-config.json"));
    try (XChangeMarketDataSource src = source("binance", true)) {
      WithdrawalFees w = src.withdrawalFees().get(0);

      assertThat(w.problem()).isEmpty();
      assertThat(w.fees()).containsOnlyKeys(Asset.of("BTC"), Asset.of("ETH"));
      assertThat(w.fees().get(Asset.of("BTC")))
          .isEqualTo(transfer("BTC", "0.00050000", "0.00100000", "BTC", Duration.ofMinutes(60)));
      assertThat(w.fees().get(Asset.of("ETH")))
          .isEqualTo(transfer("ETH", "0.00160000", "0.00320000", "ETH", Duration.ofMinutes(5)));
      server.verify(
          VenueTestSupport.binanceSigned(
              getRequestedFor(urlPathEqualTo("/sapi/v1/capital/config/getall")),
              AccountFeeTierIT.KEY));
    }
  }

  @Test
  void aRefusedCallIsTheExchangesProblemAndWithoutKeysNothingIsAsked() {
    serve(
        get(urlPathEqualTo("/sapi/v1/capital/config/getall")),
        401,
        "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}");
    try (XChangeMarketDataSource src = source("binance", true)) {
      WithdrawalFees w = src.withdrawalFees().get(0);
      assertThat(w.fees()).isEmpty();
      assertThat(w.problem())
          .get()
          .asString()
          .startsWith("binance: withdrawal fees not read: GET /sapi/v1/capital/config/getall")
          .doesNotContain(AccountFeeTierIT.SECRET);
    }
    try (XChangeMarketDataSource src = source("binance", false)) {
      assertThat(src.withdrawalFees()).isEmpty();
    }
    try (XChangeMarketDataSource src = source("kraken", true)) {
      // Kraken's WithdrawInfo needs a withdrawal key name and withdrawal permission: not asked
      assertThat(src.withdrawalFees()).isEmpty();
    }
    server.verify(1, getRequestedFor(urlPathEqualTo("/sapi/v1/capital/config/getall")));
  }
}
