package dev.arb.cli.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.cli.daemon.CrashChildren.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.config.RiskConfig;
import dev.arb.config.StorageConfig;
import dev.arb.daemon.trade.LiveTrader;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.resilience.Sleeper;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteDeadLetterRepository;
import dev.arb.storage.SqliteOrderJournal;
import dev.arb.storage.SqliteRecordStore;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.live.LiveOrderExecutor;
import dev.arb.xchange.live.LiveVenue;
import dev.arb.xchange.live.LiveVenues;
import dev.arb.xchange.live.XChangeTradingVenues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live cycle is SIGKILLed while its leg 2 is open on the exchange (a Kraken stand-in serving the
 * recorded order responses, see LICENSE.XChange); the restart reconciles the journal before any
 * trade: the order is found open, cancelled, and its partial fill written, and what the cycle holds
 * is reported.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveCrashReconcileIT {
  private static final RiskLimits LIMITS = RiskLimits.of(RiskConfig.defaults());

  /** The record store over an open database, as the daemon has it. */
  private static RecordStore store(SqliteDatabase db) {
    return SqliteRecordStore.over(
        db, new StorageConfig(100, Duration.ofMillis(200), 10000, Duration.ofSeconds(5)), LIMITS);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String L1 = "OLEG01-AAAAA-BBBBB1";
  private static final String L2 = "OLEG02-AAAAA-BBBBB2";

  @TempDir Path dir;
  private WireMockServer kraken;

  static String resource(String name) {
    try (InputStream in =
        LiveCrashReconcileIT.class.getResourceAsStream("/dev/arb/cli/venue/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A QueryOrders answer shaped like the recorded OpenOrders entry. */
  static String order(
      String txid,
      String status,
      String pair,
      String type,
      String limit,
      String vol,
      String exec,
      String cost,
      String fee) {
    try {
      ObjectNode o =
          (ObjectNode)
              JSON.readTree(resource("kraken-openorders.json"))
                  .path("result")
                  .path("open")
                  .get("OP2S3K-2SEPL-XTZNO4")
                  .deepCopy();
      o.put("status", status);
      ((ObjectNode) o.get("descr")).put("pair", pair).put("type", type).put("price", limit);
      o.put("vol", vol).put("vol_exec", exec).put("cost", cost).put("fee", fee).put("price", limit);
      ObjectNode root = JSON.createObjectNode();
      root.putArray("error");
      root.putObject("result").set(txid, o);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Leg 2's order as QueryOrders shows it: 0.1 of 0.22609515 ETH bought at 0.04. */
  private static String leg2(String status) {
    return order(L2, status, "ETHXBT", "buy", "0.04", "0.22609515", "0.1", "0.004", "0.0000104");
  }

  @BeforeEach
  void start() {
    kraken = CrashChildren.standIn();
    for (String n : List.of("AssetPairs", "Assets")) {
      kraken.stubFor(get(urlPathEqualTo("/0/public/" + n)).willReturn(ok(resource(n + ".json"))));
    }
    String add = resource("kraken-addorder.json");
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XBTUSDT"))
            .willReturn(ok(add.replace("OHMFXD-DVWOT-XTF4AU", L1))));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=" + L1))
            .willReturn(
                ok(
                    order(
                        L1,
                        "closed",
                        "XBTUSDT",
                        "buy",
                        "110000",
                        "0.00906732",
                        "0.00906732",
                        "997.40520",
                        "2.59325"))));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XETHXXBT"))
            .willReturn(ok(add.replace("OHMFXD-DVWOT-XTF4AU", L2))));
    // leg 2 stays open (0.1 of 0.22609515 ETH filled) until it is cancelled
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=" + L2))
            .inScenario("leg2")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ok(leg2("open"))));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/CancelOrder"))
            .withRequestBody(containing("txid=" + L2))
            .inScenario("leg2")
            .willReturn(ok(resource("kraken-cancelorder.json")))
            .willSetStateTo("cancelled"));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=" + L2))
            .inScenario("leg2")
            .whenScenarioStateIs("cancelled")
            .willReturn(ok(leg2("canceled"))));
  }

  @AfterEach
  void stop() {
    kraken.stop();
  }

  @Test
  void aCycleKilledWithLegTwoOpenIsReconciledOnRestartBeforeAnyTrade() throws Exception {
    Path db = dir.resolve("arb.db");
    // SIGKILL while leg 2 waits on the exchange
    CrashChildren.Killed killed =
        CrashChildren.killWhenInFlight(
            LiveCrashChild.class,
            db,
            kraken.baseUrl(),
            j -> j.find("c1-2").filter(e -> e.state() == OrderState.SENT));
    assertThat(killed.inFlight()).as("child stderr: %s", killed.stderr()).isPresent();
    assertThat(killed.inFlight().get().venueOrderId()).contains(L2);
    assertThat(killed.exitValue()).isEqualTo(137);
    kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/CancelOrder")));

    // the restart: live trading reconciles the journal before it may trade
    try (SqliteDatabase restarted = SqliteDatabase.open(db, Duration.ofSeconds(5))) {
      List<LiveVenue> venues =
          LiveVenues.create(
              List.of(LiveCrashChild.kraken(kraken.baseUrl())),
              LiveCrashChild.secrets(),
              CrashChildren.restartOptions(dir));
      LiveTrader trader =
          new LiveTrader(
              new XChangeTradingVenues(
                  venues,
                  new SqliteOrderJournal(restarted),
                  new LiveOrderExecutor.Options(
                      Duration.ofSeconds(5),
                      Duration.ofMillis(20),
                      2,
                      Clock.systemUTC(),
                      System::nanoTime,
                      Sleeper.SYSTEM),
                  List::of),
              store(restarted),
              new RiskGate(LIMITS),
              Clock.systemUTC(),
              dev.arb.engine.execution.LegMode.SEQUENTIAL);
      assertThat(trader.blocked()).isPresent();

      assertThat(trader.reconcile()).isTrue();

      assertThat(trader.blocked()).isEmpty();
      SqliteOrderJournal journal = new SqliteOrderJournal(restarted);
      JournalEntry leg2 = journal.find("c1-2").orElseThrow();
      assertThat(leg2.state()).isEqualTo(OrderState.PARTIAL);
      assertThat(leg2.filledBase()).isEqualByComparingTo("0.1");
      assertThat(leg2.spent()).isEqualByComparingTo("0.0040104");
      assertThat(journal.find("c1-1").orElseThrow().state()).isEqualTo(OrderState.FILLED);
      assertThat(journal.unresolved()).isEmpty();
      kraken.verify(
          1,
          postRequestedFor(urlPathEqualTo("/0/private/CancelOrder"))
              .withRequestBody(containing("txid=" + L2)));
      // the cycle spent 999.99845 USDT; it holds the BTC leg 2 did not spend and the ETH it bought
      assertThat(trader.held())
          .containsExactlyInAnyOrder(
              new Holding("kraken", Asset.of("BTC"), new BigDecimal("0.00505692")),
              new Holding("kraken", Asset.of("ETH"), new BigDecimal("0.1")));

      // what it holds is a dead letter (arb dlq list), with the journal rows and holdings
      SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(restarted);
      List<DeadLetter> letters =
          dlq.list(new DeadLetterRepository.Query(Set.of(), Optional.empty(), 10));
      assertThat(letters).hasSize(1);
      DeadLetter d = letters.get(0);
      assertThat(d.kind()).isEqualTo("reconcile_unknown");
      assertThat(d.error()).contains("c1").contains("0.00505692 BTC on kraken");
      JsonNode c = new ObjectMapper().readTree(d.context());
      assertThat(c.get("execution_ref").asText()).isEqualTo("c1");
      assertThat(c.get("start_asset").asText()).isEqualTo("USDT");
      assertThat(c.get("journal")).hasSize(2);
      assertThat(c.get("journal").get(1).get("state").asText()).isEqualTo("partial");
      assertThat(c.get("leftover")).hasSize(2);

      // reconciling again (another restart) does not write it twice
      assertThat(trader.reconcile()).isTrue();
      assertThat(dlq.list(new DeadLetterRepository.Query(Set.of(), Optional.empty(), 10)))
          .hasSize(1);
    }
  }

  /** Journals {@code id}, a Kraken buy of cycle k1, as {@code state} with order {@code txid}. */
  private static void journaled(
      SqliteOrderJournal journal,
      String id,
      String base,
      String quote,
      String amount,
      String limit,
      OrderState state,
      String txid) {
    JournalEntry e =
        JournalEntry.intent(
            id,
            "k1",
            "kraken",
            base,
            quote,
            dev.arb.engine.model.Side.BUY,
            new BigDecimal(amount),
            new BigDecimal(limit),
            java.time.Instant.now());
    journal.insert(e);
    journal.update(e.with(state, txid, null, java.time.Instant.now()));
  }

  @Test
  void theKillSwitchCancelsEveryJournaledOrderThatMayStillBeOpen() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("arb.db"), Duration.ofSeconds(5))) {
      SqliteOrderJournal journal = new SqliteOrderJournal(db);
      // leg 2 of k1 sent and maybe open; leg 1 filled
      journaled(journal, "k1-2", "ETH", "BTC", "0.22609515", "0.04", OrderState.SENT, L2);
      journaled(journal, "k1-1", "BTC", "USDT", "0.00906732", "110000", OrderState.FILLED, L1);
      LiveTrader trader =
          new LiveTrader(
              new XChangeTradingVenues(
                  LiveVenues.create(
                      List.of(LiveCrashChild.kraken(kraken.baseUrl())),
                      LiveCrashChild.secrets(),
                      VenueOptions.defaults(dir)),
                  journal,
                  LiveOrderExecutor.Options.defaults(),
                  List::of),
              store(db),
              new RiskGate(LIMITS),
              Clock.systemUTC(),
              dev.arb.engine.execution.LegMode.SEQUENTIAL);

      List<String> cancelled = trader.cancelOpenOrders();

      assertThat(cancelled).containsExactly("k1-2 (kraken " + L2 + "): cancelled");
      kraken.verify(
          1,
          postRequestedFor(urlPathEqualTo("/0/private/CancelOrder"))
              .withRequestBody(containing("txid=" + L2)));
      kraken.verify(
          0,
          postRequestedFor(urlPathEqualTo("/0/private/CancelOrder"))
              .withRequestBody(containing("txid=" + L1)));
    }
  }
}
