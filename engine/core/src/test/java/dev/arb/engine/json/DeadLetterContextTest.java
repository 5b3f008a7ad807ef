package dev.arb.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciled kind of dead-letter context, and reading what is not a context. */
class DeadLetterContextTest {
  private static final Instant T = Instant.parse("2026-11-24T07:00:00Z");

  private static List<JournalEntry> rows() {
    JournalEntry buy =
        JournalEntry.intent(
                "c1-0",
                "c1",
                "kraken",
                "ETH",
                "USDT",
                Side.BUY,
                new BigDecimal("0.5"),
                new BigDecimal("2000.10"),
                T)
            .with(OrderState.SENT, "OQ1", null, T)
            .filled(
                OrderState.FILLED,
                new BigDecimal("0.5"),
                new BigDecimal("1000.05"),
                new BigDecimal("0.4995"),
                new BigDecimal("0.0005"),
                "ETH",
                T);
    JournalEntry sell =
        JournalEntry.intent(
                "c1-1",
                "c1",
                "bitstamp",
                "ETH",
                "BTC",
                Side.SELL,
                new BigDecimal("0.4995"),
                new BigDecimal("0.05"),
                T)
            .filled(
                OrderState.PARTIAL,
                new BigDecimal("0.2"),
                new BigDecimal("0.2"),
                new BigDecimal("0.01"),
                BigDecimal.ZERO,
                "",
                T);
    return List.of(buy, sell);
  }

  @Test
  void writesTheReconciledContextAsLiveTradingStoredItBefore() {
    List<Holding> held =
        List.of(
            new Holding("bitstamp", Asset.of("ETH"), new BigDecimal("0.2995")),
            new Holding("bitstamp", Asset.of("BTC"), new BigDecimal("0.01")));
    // keys and order as the live trader wrote them by hand before (mode, execution_ref,
    // start_asset, journal, leftover; a journal row's venue_order_id null when never known)
    assertThat(Json.write(DeadLetterContext.ofReconciled("c1", "USDT", rows(), held)))
        .isEqualTo(
            "{\"mode\":\"live\",\"execution_ref\":\"c1\",\"start_asset\":\"USDT\",\"journal\":["
                + "{\"client_order_id\":\"c1-0\",\"exchange\":\"kraken\",\"market\":\"ETH/USDT\","
                + "\"side\":\"buy\",\"amount\":\"0.5\",\"limit_price\":\"2000.1\","
                + "\"state\":\"filled\",\"venue_order_id\":\"OQ1\",\"filled_base\":\"0.5\","
                + "\"spent\":\"1000.05\",\"received\":\"0.4995\",\"fee\":\"0.0005\","
                + "\"fee_asset\":\"ETH\"},"
                + "{\"client_order_id\":\"c1-1\",\"exchange\":\"bitstamp\",\"market\":\"ETH/BTC\","
                + "\"side\":\"sell\",\"amount\":\"0.4995\",\"limit_price\":\"0.05\","
                + "\"state\":\"partial\",\"venue_order_id\":null,\"filled_base\":\"0.2\","
                + "\"spent\":\"0.2\",\"received\":\"0.01\",\"fee\":\"0\",\"fee_asset\":\"\"}],"
                + "\"leftover\":[{\"exchange\":\"bitstamp\",\"asset\":\"ETH\",\"amount\":\"0.2995\"},"
                + "{\"exchange\":\"bitstamp\",\"asset\":\"BTC\",\"amount\":\"0.01\"}]}");
  }

  @Test
  void readsWhatItWroteAndTheHoldingsBack() {
    List<Holding> held = List.of(new Holding("kraken", Asset.of("ETH"), new BigDecimal("0.1")));
    String stored = Json.write(DeadLetterContext.ofReconciled("c1", "USDT", rows(), held));
    DeadLetterContext c = DeadLetterContext.read(stored).orElseThrow();
    assertThat(c.executionRef()).isEqualTo("c1");
    assertThat(c.journal()).hasSize(2);
    assertThat(c.journal().get(1).venueOrderId()).isNull();
    assertThat(c.leftoverHoldings()).isEqualTo(held);
    assertThat(c.plan()).isNull();
    assertThat(c.risk()).isNull();
    assertThat(c.journal()).isEqualTo(rows().stream().map(ExecutionJson.JournalRow::of).toList());
  }

  @Test
  void aStoredRiskAgeInIsoIsRead() {
    DeadLetterContext c =
        DeadLetterContext.read(
                "{\"mode\":\"paper\",\"start_asset\":\"USD\",\"leftover\":[],"
                    + "\"risk\":{\"min_profit\":\"0\",\"max_data_age\":\"PT1M30S\","
                    + "\"max_open_cycles\":1}}")
            .orElseThrow();
    assertThat(c.risk().maxDataAge()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Json.write(c.risk())).contains("\"max_data_age\":\"1m 30s\"");
  }

  @Test
  void textThatIsNotAContextReadsAsNone() {
    assertThat(DeadLetterContext.read("not json")).isEmpty();
    assertThat(DeadLetterContext.read("[1,2]")).isEmpty();
    assertThat(DeadLetterContext.read("{\"leftover\":{\"x\":1}}")).isEmpty();
    assertThat(DeadLetterContext.read("{}").orElseThrow().leftoverHoldings()).isEmpty();
  }
}
