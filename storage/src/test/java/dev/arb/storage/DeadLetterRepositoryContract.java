package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.execution.ProfitThreshold;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sizing.PlanPricer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dead letters: written with their execution in one transaction, listed, resolved, never lost. */
abstract class DeadLetterRepositoryContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final Asset USD = Asset.of("USD");
  private static final Asset BTC = Asset.of("BTC");
  private static final RiskLimits LIMITS =
      new RiskLimits(
          Optional.of(new BigDecimal("250")),
          Optional.empty(),
          new ProfitThreshold(new BigDecimal("0.01"), new BigDecimal("5")),
          Optional.of(Duration.ofSeconds(3)),
          Optional.empty(),
          2);

  /**
   * The context of {@link #stranded} under {@link #LIMITS} as arb stored it before its JSON went
   * through one mapper (the maximum data age was then written in ISO-8601).
   */
  private static final String STORED_CONTEXT =
      """
      {"mode":"paper","status":"stranded","start_asset":"USD","exchanges":["x","y"],"plan":{"legs":[{"market":"x:BTC/USD",\
      "exchange":"x","base":"BTC","quote":"USD","side":"buy","taker_fee":"0","spent":"50",\
      "received":"0.5","worst_price":"100"},{"market":"y:BTC/USD","exchange":"y","base":"BTC",\
      "quote":"USD","side":"sell","taker_fee":"0","spent":"0.5","received":"55","worst_price":"110"}],\
      "start_amount":"50","end_amount":"55","profit":"5"},"fills":[{"market":"x:BTC/USD",\
      "side":"buy","order_id":"paper-e-1","requested":"50","spent":"50","received":"0.5",\
      "base_amount":"0.5","average_price":"100","fee":"0"},{"market":"y:BTC/USD","side":"sell",\
      "order_id":"paper-e-2","requested":"1","spent":"0","received":"0","base_amount":"0",\
      "average_price":"0","fee":"0","note":"x"}],"unwind":[],"leftover":[{"exchange":"x",\
      "asset":"BTC","amount":"0.5"}],"start_spent":"50","start_returned":"0","expected_profit":"5",\
      "realized_profit":"-50","reason":"leg 2 y:BTC/USD sell filled 0 of 0.5 BTC","risk":{"max_trade_notional":"250",\
      "max_daily_notional":null,"min_profit":"0.01","slippage_buffer_bp":"5","max_data_age":"PT3S",\
      "daily_loss_limit":null,"max_open_cycles":2}}""";

  /** The context of the sell-back retry of dead letter 1 that still holds 0.3 BTC, as then. */
  private static final String STORED_SELL_BACK =
      """
      {"mode":"paper","status":"stranded","start_asset":"USD","exchanges":["x"],"retry_of":1,\
      "plan":{"legs":[{"market":"x:BTC/USD","exchange":"x","base":"BTC","quote":"USD","side":"buy",\
      "taker_fee":"0","spent":"50","received":"0.5","worst_price":"100"},{"market":"y:BTC/USD",\
      "exchange":"y","base":"BTC","quote":"USD","side":"sell","taker_fee":"0","spent":"0.5",\
      "received":"55","worst_price":"110"}],"start_amount":"50","end_amount":"55","profit":"5"},\
      "fills":[],"unwind":[{"market":"x:BTC/USD","side":"sell","order_id":"paper-r-u1",\
      "requested":"0.5","spent":"0.2","received":"19.8","base_amount":"0.2","average_price":"99",\
      "fee":"0"}],"leftover":[{"exchange":"x","asset":"BTC","amount":"0.3"}],"start_spent":"0",\
      "start_returned":"19.8","reason":"retry of dead letter 1: sell leftover holdings back to USD; still held: 0.3 BTC on x",\
      "risk":{"max_trade_notional":"250","max_daily_notional":null,"min_profit":"0.01",\
      "slippage_buffer_bp":"5","max_data_age":"PT3S","daily_loss_limit":null,"max_open_cycles":2}}""";

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private static TradePlan plan() {
    Market a = Market.of("x", "BTC", "USD", BigDecimal.ZERO);
    Market b = Market.of("y", "BTC", "USD", BigDecimal.ZERO);
    OrderBook ba =
        new OrderBook(a, List.of(BookLevel.of("99", "1")), List.of(BookLevel.of("100", "1")), T);
    OrderBook bb =
        new OrderBook(b, List.of(BookLevel.of("110", "1")), List.of(BookLevel.of("111", "1")), T);
    Cycle c = new Cycle(List.of(new Leg(a, Side.BUY), new Leg(b, Side.SELL)), 1.1);
    return ((SizingOutcome.Sized) PlanPricer.price(c, List.of(ba, bb), 50, 5, new BigDecimal("50")))
        .plan();
  }

  private static Fill buyFill(TradePlan p) {
    return new Fill(
        p.cycle().legs().get(0),
        "paper-e-1",
        new BigDecimal("50"),
        new BigDecimal("50"),
        new BigDecimal("0.5"),
        new BigDecimal("0.5"),
        new BigDecimal("100"),
        BigDecimal.ZERO,
        "");
  }

  /** Leg 1 bought 0.5 BTC, leg 2 sold nothing, the unwind found no bid: 0.5 BTC is stranded. */
  private static ExecutionResult stranded(TradePlan p) {
    return new ExecutionResult(
        p,
        ExecutionStatus.STRANDED,
        List.of(buyFill(p), Fill.empty(p.cycle().legs().get(1), "paper-e-2", BigDecimal.ONE, "x")),
        List.of(),
        new BigDecimal("50"),
        BigDecimal.ZERO,
        List.of(new Holding("x", BTC, new BigDecimal("0.5"))),
        "leg 2 y:BTC/USD sell filled 0 of 0.5 BTC");
  }

  private static ExecutionResult executed(TradePlan p) {
    return new ExecutionResult(
        p,
        ExecutionStatus.EXECUTED,
        List.of(buyFill(p)),
        List.of(),
        new BigDecimal("50"),
        new BigDecimal("55"),
        List.of(),
        "");
  }

  private static SqliteDeadLetterRepository.Query all() {
    return new SqliteDeadLetterRepository.Query(Set.of(), Optional.empty(), 100);
  }

  @Test
  void aStrandedExecutionGetsADeadLetterWithItsFullContextAndAnExecutedOneNone() throws Exception {
    TradePlan p = plan();
    try (Database db = fresh.open()) {
      SqliteExecutionRepository repo = new SqliteExecutionRepository(db, LIMITS);
      repo.save(executed(p), "paper", T, T, null);
      long id = repo.save(stranded(p), "paper", T.minusSeconds(1), T.plusMillis(7), null);

      List<DeadLetter> dls = new SqliteDeadLetterRepository(db).list(all());
      assertThat(dls).hasSize(1);
      DeadLetter d = dls.get(0);
      assertThat(d.executionId()).isEqualTo(id);
      assertThat(d.kind()).isEqualTo("unwind_incomplete");
      assertThat(d.status()).isEqualTo(DeadLetterStatus.OPEN);
      assertThat(d.createdAt()).isEqualTo(T.plusMillis(7));
      assertThat(d.detectedAt()).isEqualTo(T.minusSeconds(1));
      assertThat(d.error())
          .isEqualTo(
              "stranded: leg 2 y:BTC/USD sell filled 0 of 0.5 BTC; still held: 0.5 BTC on x");
      assertThat(d.resolvedAt()).isEmpty();

      JsonNode c = JSON.readTree(d.context());
      assertThat(c.get("mode").asText()).isEqualTo("paper");
      assertThat(c.get("start_asset").asText()).isEqualTo("USD");
      assertThat(c.at("/plan/legs/0/market").asText()).isEqualTo("x:BTC/USD");
      assertThat(c.at("/plan/legs/1/side").asText()).isEqualTo("sell");
      assertThat(c.at("/plan/start_amount").asText()).isEqualTo(p.startAmount().toPlainString());
      assertThat(c.at("/fills/0/order_id").asText()).isEqualTo("paper-e-1");
      assertThat(c.at("/fills/1/spent").asText()).isEqualTo("0");
      assertThat(c.at("/leftover/0/asset").asText()).isEqualTo("BTC");
      assertThat(c.at("/leftover/0/amount").asText()).isEqualTo("0.5");
      assertThat(c.at("/leftover/0/exchange").asText()).isEqualTo("x");
      assertThat(c.at("/risk/max_trade_notional").asText()).isEqualTo("250");
      assertThat(c.at("/risk/slippage_buffer_bp").asText()).isEqualTo("5");
      assertThat(c.at("/risk/max_open_cycles").asInt()).isEqualTo(2);
      assertThat(c.at("/risk/max_daily_notional").isNull()).isTrue();
    }
  }

  @Test
  void anExecutionIsNotStoredWithoutItsDeadLetter() {
    try (Database db = fresh.open()) {
      db.jdbi().useHandle(h -> h.execute("DROP TABLE dead_letters"));
      SqliteExecutionRepository repo = new SqliteExecutionRepository(db, LIMITS);
      List<Holding> ledger = List.of(new Holding("x", BTC, new BigDecimal("0.5")));
      assertThatThrownBy(() -> repo.save(stranded(plan()), "paper", T, T, ledger))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("dead_letters");
      // one transaction: neither the execution nor the ledger was written
      assertThat(repo.count()).isZero();
      assertThat(repo.paperBalances()).isEmpty();
    }
  }

  @Test
  void dropKeepsTheRowWithTheReasonAndOnlyOpenOnesChange() {
    try (Database db = fresh.open()) {
      new SqliteExecutionRepository(db, LIMITS).save(stranded(plan()), "paper", T, T, null);
      SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);
      long id = dlq.list(all()).get(0).id();

      assertThat(dlq.drop(id, "sold by hand on x", T.plusSeconds(60))).isTrue();
      DeadLetter d = dlq.find(id).orElseThrow();
      assertThat(d.status()).isEqualTo(DeadLetterStatus.DROPPED);
      assertThat(d.resolution()).contains("sold by hand on x");
      assertThat(d.resolvedAt()).contains(T.plusSeconds(60));
      assertThat(dlq.drop(id, "again", T.plusSeconds(61))).isFalse();
      assertThat(dlq.keepOpen(id, "retry failed", T.plusSeconds(62))).isFalse();
      assertThat(dlq.find(id).orElseThrow().resolution()).contains("sold by hand on x");
      assertThat(dlq.find(id + 1)).isEmpty();

      assertThat(
              dlq.list(
                  new SqliteDeadLetterRepository.Query(
                      Set.of(DeadLetterStatus.OPEN), Optional.empty(), 10)))
          .isEmpty();
      assertThat(
              dlq.list(
                  new SqliteDeadLetterRepository.Query(
                      Set.of(DeadLetterStatus.DROPPED), Optional.of(T), 10)))
          .hasSize(1);
      assertThat(
              dlq.list(
                  new SqliteDeadLetterRepository.Query(Set.of(), Optional.of(T.plusMillis(1)), 10)))
          .isEmpty();
    }
  }

  @Test
  void aSellBackRetryThatLeavesSomethingGetsANewDeadLetterAndResolvesTheOld() throws Exception {
    TradePlan p = plan();
    try (Database db = fresh.open()) {
      SqliteExecutionRepository repo = new SqliteExecutionRepository(db, LIMITS);
      repo.save(stranded(p), "paper", T, T, null);
      SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);
      DeadLetter old = dlq.list(all()).get(0);
      Leg sell = new Leg(p.cycle().legs().get(0).market(), Side.SELL);
      Fill part =
          new Fill(
              sell,
              "paper-r-u1",
              new BigDecimal("0.5"),
              new BigDecimal("0.2"),
              new BigDecimal("19.8"),
              new BigDecimal("0.2"),
              new BigDecimal("99"),
              BigDecimal.ZERO,
              "");
      Unwind u =
          new Unwind(
              List.of(part),
              new BigDecimal("19.8"),
              List.of(new Holding("x", BTC, new BigDecimal("0.3"))));
      SqliteExecutionRepository.Saved s =
          repo.saveSellBack(
              USD,
              u,
              "paper",
              old.detectedAt(),
              T.plusSeconds(5),
              List.of(new Holding("x", USD, new BigDecimal("19.8"))),
              old.id(),
              JSON.readTree(old.context()).get("plan").toString(),
              new SqliteExecutionRepository.Resolution(true, "partly sold back"));
      assertThat(s.deadLetterId()).isPresent();
      assertThat(dlq.find(old.id()).orElseThrow().status()).isEqualTo(DeadLetterStatus.RETRIED);
      assertThat(dlq.find(old.id()).orElseThrow().resolution().orElseThrow())
          .isEqualTo(
              "partly sold back (execution "
                  + s.executionId()
                  + "; its dead letter "
                  + s.deadLetterId().get()
                  + ")");
      DeadLetter next = dlq.find(s.deadLetterId().get()).orElseThrow();
      assertThat(next.kind()).isEqualTo("unwind_incomplete");
      assertThat(next.error()).contains("still held: 0.3 BTC on x");
      JsonNode c = JSON.readTree(next.context());
      assertThat(c.get("retry_of").asLong()).isEqualTo(old.id());
      assertThat(c.at("/plan/legs/0/market").asText()).isEqualTo("x:BTC/USD");
      assertThat(c.at("/leftover/0/amount").asText()).isEqualTo("0.3");
      assertThat(repo.since(T.plusSeconds(5)))
          .containsExactly(
              new SqliteExecutionRepository.Summary(
                  T.plusSeconds(5), USD, BigDecimal.ZERO, new BigDecimal("19.8")));
      assertThat(repo.paperBalances())
          .containsExactly(new Holding("x", USD, new BigDecimal("19.8")));
    }
  }

  @Test
  void writesTheContextInTheFormatDeadLettersWereStoredInBefore() {
    try (Database db = fresh.open()) {
      new SqliteExecutionRepository(db, LIMITS).save(stranded(plan()), "paper", T, T, null);
      DeadLetter d = new SqliteDeadLetterRepository(db).list(all()).get(0);
      // the same keys in the same order; only the data age is now written as people read it
      assertThat(d.context()).isEqualTo(STORED_CONTEXT.replace("\"PT3S\"", "\"3s\""));
    }
  }

  @Test
  void limitsThatAreNotKnownAreStillWrittenAsNull() {
    try (Database db = fresh.open()) {
      new SqliteExecutionRepository(db).save(stranded(plan()), "paper", T, T, null);
      String context = new SqliteDeadLetterRepository(db).list(all()).get(0).context();
      assertThat(context)
          .isEqualTo(
              STORED_CONTEXT.substring(0, STORED_CONTEXT.indexOf(",\"risk\":"))
                  + ",\"risk\":null}");
    }
  }

  @Test
  void aDeadLetterStoredBeforeReadsBackAndItsRetryCarriesItsPlan() {
    try (Database db = fresh.open()) {
      long id =
          db.jdbi()
              .withHandle(
                  h ->
                      SqliteDeadLetterRepository.insert(
                          h, db, T, 9, T, "unwind_incomplete", "stranded", STORED_CONTEXT));
      assertThat(id).isEqualTo(1);
      SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);
      DeadLetterContext c =
          DeadLetterContext.read(dlq.find(id).orElseThrow().context()).orElseThrow();
      assertThat(c.mode()).isEqualTo("paper");
      assertThat(c.startAsset()).isEqualTo("USD");
      assertThat(c.leftoverHoldings())
          .containsExactly(new Holding("x", BTC, new BigDecimal("0.5")));
      assertThat(c.plan().legs()).hasSize(2);
      assertThat(c.plan().legs().get(1).worstPrice()).isEqualTo(new BigDecimal("110"));
      assertThat(c.fills().get(1).note()).isEqualTo("x");
      assertThat(c.fills().get(0).note()).isNull();
      assertThat(c.risk().maxDataAge()).isEqualTo(Duration.ofSeconds(3));
      assertThat(c.risk().maxDailyNotional()).isNull();
      assertThat(c.realizedProfit()).isEqualTo(new BigDecimal("-50"));

      Fill part =
          new Fill(
              new Leg(Market.of("x", "BTC", "USD", BigDecimal.ZERO), Side.SELL),
              "paper-r-u1",
              new BigDecimal("0.5"),
              new BigDecimal("0.2"),
              new BigDecimal("19.8"),
              new BigDecimal("0.2"),
              new BigDecimal("99"),
              BigDecimal.ZERO,
              "");
      Unwind u =
          new Unwind(
              List.of(part),
              new BigDecimal("19.8"),
              List.of(new Holding("x", BTC, new BigDecimal("0.3"))));
      SqliteExecutionRepository.Saved s =
          new SqliteExecutionRepository(db, LIMITS)
              .saveSellBack(
                  USD,
                  u,
                  "paper",
                  T,
                  T.plusSeconds(5),
                  null,
                  id,
                  Json.write(c.plan()),
                  new SqliteExecutionRepository.Resolution(true, "partly sold back"));
      assertThat(dlq.find(s.deadLetterId().orElseThrow()).orElseThrow().context())
          .isEqualTo(STORED_SELL_BACK.replace("\"PT3S\"", "\"3s\""));
    }
  }
}
