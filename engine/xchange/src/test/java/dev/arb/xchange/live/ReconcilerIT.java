package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.live.LiveTestSupport.bodies;
import static dev.arb.xchange.live.LiveTestSupport.krakenOrder;
import static dev.arb.xchange.live.LiveTestSupport.krakenPost;
import static dev.arb.xchange.live.LiveTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.Reconciliation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation of a journal left by a crash: cycle r1 had filled leg 1 (USDT → BTC) and sent leg
 * 2 (BTC → ETH), still open on the exchange; r2 had written the intent of its first order and died
 * before sending it.
 */
class ReconcilerIT {
  @TempDir Path dir;
  private WireMockServer kraken;
  private MemoryJournal journal;
  private List<LiveVenue> venues;
  private final Clock clock = Clock.fixed(LiveTestSupport.NOW, ZoneOffset.UTC);

  @BeforeEach
  void start() {
    kraken = LiveTestSupport.server();
    LiveTestSupport.krakenPairs(kraken);
    venues =
        LiveVenues.create(
            List.of(LiveTestSupport.exchange("kraken", kraken.baseUrl())),
            LiveTestSupport.secrets(),
            LiveTestSupport.options(dir));
    journal = new MemoryJournal();
    JournalEntry leg1 =
        JournalEntry.intent(
            "r1-1",
            "r1",
            "kraken",
            "BTC",
            "USDT",
            Side.BUY,
            new BigDecimal("0.00906732"),
            new BigDecimal("110000"),
            LiveTestSupport.NOW);
    journal.insert(leg1);
    journal.update(
        leg1.with(OrderState.SENT, "OLEG01-AAAAA-BBBBB1", null, LiveTestSupport.NOW)
            .filled(
                OrderState.FILLED,
                new BigDecimal("0.00906732"),
                new BigDecimal("999.99845"),
                new BigDecimal("0.00906732"),
                new BigDecimal("2.59325"),
                "USDT",
                LiveTestSupport.NOW));
    JournalEntry leg2 =
        JournalEntry.intent(
            "r1-2",
            "r1",
            "kraken",
            "ETH",
            "BTC",
            Side.BUY,
            new BigDecimal("0.22609515"),
            new BigDecimal("0.04"),
            LiveTestSupport.NOW);
    journal.insert(leg2);
    journal.update(leg2.with(OrderState.SENT, "OLEG02-AAAAA-BBBBB2", null, LiveTestSupport.NOW));
    journal.insert(
        JournalEntry.intent(
            "r2-1",
            "r2",
            "kraken",
            "BTC",
            "USDT",
            Side.BUY,
            new BigDecimal("0.001"),
            new BigDecimal("110000"),
            LiveTestSupport.NOW));
  }

  @AfterEach
  void stop() {
    kraken.stop();
  }

  @Test
  void anOpenOrderIsCancelledAndSettledAnUnsentOneRejectedAndTheHoldingsReported() {
    String open =
        krakenOrder(
            "OLEG02-AAAAA-BBBBB2",
            "open",
            "ETHXBT",
            "buy",
            "0.04",
            "0.22609515",
            "0.1",
            "0.004",
            "0.0000104",
            "0.04");
    String cancelled = open.replace("\"status\":\"open\"", "\"status\":\"canceled\"");
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .inScenario("o")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(open)));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/CancelOrder"))
            .inScenario("o")
            .willReturn(okJson(LiveTestSupport.fixture("kraken/cancelorder.json")))
            .willSetStateTo("cancelled"));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .inScenario("o")
            .whenScenarioStateIs("cancelled")
            .willReturn(okJson(cancelled)));
    krakenPost(kraken, "OpenOrders", "{\"error\":[],\"result\":{\"open\":{}}}");
    krakenPost(kraken, "ClosedOrders", "{\"error\":[],\"result\":{\"closed\":{},\"count\":0}}");

    Reconciliation r = Reconciler.reconcile(journal, venues, clock);

    assertThat(r.ok()).isTrue();
    assertThat(r.problems()).isEmpty();
    JournalEntry leg2 = journal.find("r1-2").orElseThrow();
    assertThat(leg2.state()).isEqualTo(OrderState.PARTIAL);
    assertThat(leg2.filledBase()).isEqualByComparingTo("0.1");
    assertThat(leg2.spent()).isEqualByComparingTo("0.0040104");
    assertThat(leg2.received()).isEqualByComparingTo("0.1");
    JournalEntry unsent = journal.find("r2-1").orElseThrow();
    assertThat(unsent.state()).isEqualTo(OrderState.REJECTED);
    assertThat(unsent.error()).contains("never reached the exchange");
    assertThat(journal.unresolved()).isEmpty();
    // r1 spent 999.99845 USDT and holds what it bought and did not sell
    assertThat(r.holdings())
        .containsExactlyInAnyOrder(
            new Holding("kraken", Asset.of("BTC"), new BigDecimal("0.00505692")),
            new Holding("kraken", Asset.of("ETH"), new BigDecimal("0.1")));
    assertThat(bodies(kraken, "/0/private/CancelOrder"))
        .singleElement()
        .asString()
        .contains("txid=OLEG02-AAAAA-BBBBB2");
    String ref = venues.get(0).orders().clientIdFor("r2-1");
    assertThat(bodies(kraken, "/0/private/OpenOrders"))
        .singleElement()
        .asString()
        .contains("userref=" + ref);
  }

  @Test
  void anExchangeThatCannotBeReachedLeavesTheOrderUnresolvedAndSaysSo() {
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders")).willReturn(aResponse().withStatus(503)));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/OpenOrders"))
            .withRequestBody(containing("nonce"))
            .willReturn(aResponse().withStatus(503)));

    Reconciliation r = Reconciler.reconcile(journal, venues, clock);

    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0))
        .contains("r1-2", "OLEG02-AAAAA-BBBBB2", "cannot reach kraken", "HTTP 503");
    assertThat(journal.find("r1-2").orElseThrow().state()).isEqualTo(OrderState.SENT);
    assertThat(journal.unresolved())
        .extracting(JournalEntry::clientOrderId)
        .containsExactly("r1-2", "r2-1");
    // what is known to be held is reported all the same: r1's BTC from leg 1
    assertThat(r.holdings())
        .containsExactly(new Holding("kraken", Asset.of("BTC"), new BigDecimal("0.00906732")));
  }
}
