package dev.arb.cli.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.cli.daemon.CrashChildren.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.engine.model.Asset;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.Reconciliation;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOrderJournal;
import dev.arb.xchange.live.LiveVenue;
import dev.arb.xchange.live.LiveVenues;
import dev.arb.xchange.live.Reconciler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM placing a live Binance order is SIGKILLed while the placement's answer is still on
 * its way (the stand-in holds it back): the journal has the order's intent and no Binance order id.
 * Reconciliation in a new process finds the order by its client id ({@code GET /api/v3/order?
 * origClientOrderId=}), reads its fills ({@code GET /api/v3/myTrades}) and records it, without
 * placing anything. Binance's answers are written by hand in its documented format (as the executor
 * tests' fixtures are; no recording exists).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BinanceCrashReconcileIT {
  @TempDir Path dir;
  private WireMockServer binance;

  @BeforeEach
  void start() {
    binance = CrashChildren.standIn();
    // the placement lands on Binance, but its answer comes only after the child is dead
    binance.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .willReturn(
                ok("{\"symbol\":\"BTCUSDT\",\"orderId\":4242,\"clientOrderId\":\"b1-1\","
                        + "\"status\":\"FILLED\"}")
                    .withFixedDelay(90_000)));
    binance.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("origClientOrderId", equalTo("b1-1"))
            .willReturn(
                ok(
                    "{\"symbol\":\"BTCUSDT\",\"orderId\":4242,\"orderListId\":-1,"
                        + "\"clientOrderId\":\"b1-1\",\"price\":\"110000.00000000\","
                        + "\"origQty\":\"0.00909000\",\"executedQty\":\"0.00909000\","
                        + "\"cummulativeQuoteQty\":\"999.90000000\",\"status\":\"FILLED\","
                        + "\"timeInForce\":\"IOC\",\"type\":\"LIMIT\",\"side\":\"BUY\","
                        + "\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\","
                        + "\"time\":1795507200000,\"updateTime\":1795507200012,"
                        + "\"isWorking\":true,\"workingTime\":1795507200000,"
                        + "\"origQuoteOrderQty\":\"0.00000000\","
                        + "\"selfTradePreventionMode\":\"NONE\"}")));
    binance.stubFor(
        get(urlPathEqualTo("/api/v3/myTrades"))
            .withQueryParam("orderId", equalTo("4242"))
            .willReturn(
                ok(
                    "[{\"symbol\":\"BTCUSDT\",\"id\":28457,\"orderId\":4242,\"orderListId\":-1,"
                        + "\"price\":\"110000.00000000\",\"qty\":\"0.00509000\","
                        + "\"quoteQty\":\"559.90000000\",\"commission\":\"0.00000509\","
                        + "\"commissionAsset\":\"BTC\",\"time\":1795507200010,\"isBuyer\":true,"
                        + "\"isMaker\":false,\"isBestMatch\":true},"
                        + "{\"symbol\":\"BTCUSDT\",\"id\":28458,\"orderId\":4242,\"orderListId\":-1,"
                        + "\"price\":\"110000.00000000\",\"qty\":\"0.00400000\","
                        + "\"quoteQty\":\"440.00000000\",\"commission\":\"0.00000400\","
                        + "\"commissionAsset\":\"BTC\",\"time\":1795507200011,\"isBuyer\":true,"
                        + "\"isMaker\":false,\"isBestMatch\":true}]")));
  }

  @AfterEach
  void stop() {
    binance.stop();
  }

  @Test
  void anOrderWhoseChildWasKilledBeforeTheAnswerIsFoundByClientIdAndRecorded() throws Exception {
    Path db = dir.resolve("arb.db");
    // SIGKILL while the answer is held back: the order journaled, its request at Binance
    CrashChildren.Killed killed =
        CrashChildren.killWhenInFlight(
            BinanceCrashChild.class,
            db,
            binance.baseUrl(),
            j ->
                j.find("b1-1")
                    .filter(
                        e ->
                            !binance
                                .findAll(postRequestedFor(urlPathEqualTo("/api/v3/order")))
                                .isEmpty()));
    assertThat(killed.inFlight()).as("child stderr: %s", killed.stderr()).isPresent();
    assertThat(killed.inFlight().get().state()).isEqualTo(OrderState.INTENT);
    assertThat(killed.inFlight().get().venueOrderId()).isEmpty();
    assertThat(killed.exitValue()).isEqualTo(137);
    binance.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));

    // a new process reconciles the journal before it may trade
    try (SqliteDatabase restarted = SqliteDatabase.open(db, Duration.ofSeconds(5))) {
      List<LiveVenue> venues =
          LiveVenues.create(
              List.of(
                  BinanceCrashChild.binance(binance.baseUrl()).toBuilder()
                      .requestTimeout(Duration.ofSeconds(5))
                      .build()),
              BinanceCrashChild.secrets(),
              CrashChildren.restartOptions(dir));
      SqliteOrderJournal journal = new SqliteOrderJournal(restarted);

      Reconciliation r = Reconciler.reconcile(journal, venues, Clock.systemUTC());

      assertThat(r.problems()).isEmpty();
      JournalEntry e = journal.find("b1-1").orElseThrow();
      assertThat(e.state()).isEqualTo(OrderState.FILLED);
      assertThat(e.venueOrderId()).contains("4242");
      // the fills: 0.00509 + 0.004 BTC for 559.9 + 440 USDT, commission in BTC
      assertThat(e.filledBase()).isEqualByComparingTo("0.00909");
      assertThat(e.spent()).isEqualByComparingTo("999.9");
      assertThat(e.fee()).isEqualByComparingTo("0.00000909");
      assertThat(e.feeAsset()).isEqualTo("BTC");
      assertThat(journal.unresolved()).isEmpty();
      // what the order left the execution holding outside USDT: the BTC less its commission
      assertThat(r.holdings())
          .containsExactly(
              new Holding("binance", Asset.of("BTC"), new java.math.BigDecimal("0.00908091")));
      binance.verify(
          1,
          getRequestedFor(urlPathEqualTo("/api/v3/order"))
              .withQueryParam("origClientOrderId", equalTo("b1-1"))
              .withQueryParam("symbol", equalTo("BTCUSDT")));
      binance.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));
    }
  }
}
