package dev.arb.cli.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.arb.engine.model.Asset;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.Reconciliation;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOrderJournal;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.live.LiveVenue;
import dev.arb.xchange.live.LiveVenues;
import dev.arb.xchange.live.Reconciler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  @BeforeEach
  void start() {
    binance =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    binance.start();
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
    Path stderr = dir.resolve("child-stderr.txt");
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.http.retryPost=false",
                "-cp",
                cp,
                BinanceCrashChild.class.getName(),
                db.toString(),
                binance.baseUrl())
            .redirectError(stderr.toFile())
            .start();
    Optional<JournalEntry> inFlight = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("child stderr: %s", stderr).isEqualTo("started");
      try (SqliteDatabase watch = SqliteDatabase.open(db, Duration.ofSeconds(5))) {
        SqliteOrderJournal j = new SqliteOrderJournal(watch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
          inFlight = j.find("b1-1");
          if (inFlight.isPresent()
              && !binance.findAll(postRequestedFor(urlPathEqualTo("/api/v3/order"))).isEmpty()) {
            break;
          }
          Thread.sleep(50);
        }
      }
      // SIGKILL while the placement's answer is held back
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(inFlight).as("child stderr: %s", Files.readString(stderr)).isPresent();
    assertThat(inFlight.get().state()).isEqualTo(OrderState.INTENT);
    assertThat(inFlight.get().venueOrderId()).isEmpty();
    assertThat(child.exitValue()).isEqualTo(137);
    binance.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));

    // a new process reconciles the journal before it may trade
    try (SqliteDatabase restarted = SqliteDatabase.open(db, Duration.ofSeconds(5))) {
      VenueOptions options =
          new VenueOptions(
              dir,
              Clock.systemUTC(),
              System::nanoTime,
              nanos -> {},
              new SplittableRandom(1),
              3,
              Duration.ofMillis(10),
              Duration.ofMillis(10),
              Duration.ofSeconds(1),
              3,
              Duration.ofSeconds(60),
              Duration.ZERO);
      List<LiveVenue> venues =
          LiveVenues.create(
              List.of(
                  BinanceCrashChild.binance(binance.baseUrl()).toBuilder()
                      .requestTimeout(Duration.ofSeconds(5))
                      .build()),
              BinanceCrashChild.secrets(),
              options);
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
