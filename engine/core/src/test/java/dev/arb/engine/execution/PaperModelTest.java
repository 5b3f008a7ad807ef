package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperModel;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code arb.paper.slippage-bp} and {@code arb.paper.latency} on the real Kraken books (cryptofeed,
 * see LICENSE.cryptofeed), checked against walks of the levels done by hand.
 */
class PaperModelTest {
  private static final Asset CHF = Asset.of("CHF");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset BTC = Asset.of("BTC");
  private final KrakenBooks k = new KrakenBooks();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static PaperModel slippage(String bp) {
    return new PaperModel(Duration.ZERO, d(bp));
  }

  @Test
  void aBuyPaysTheSlippageOnEveryLevelAndGetsFewerLots() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", CHF, d("10000"))));
    PaperOrderExecutor ex =
        new PaperOrderExecutor(
            Books.of(List.of(k.ethChf)), Optional.empty(), ledger, slippage("10"));

    Fill f =
        ex.execute(
            new OrderRequest("s1", new Leg(k.ethChf.market(), Side.BUY), d("5000"), d("2192.68")));

    // best ask 3 @ 2192.68, made 10 bp worse: 2192.68 × 1.001 = 2194.87268. 5000 / 2194.87268 =
    // 2.27803... ETH, 2.2780 after the 0.0001 lot (without slippage it would be 2.2803), for
    // 2.2780 × 2194.87268 = 4999.919965040 CHF; received after the 0.26 % fee: 2.2780 × 0.9974
    assertThat(f.baseAmount()).isEqualByComparingTo("2.2780");
    assertThat(f.spent()).isEqualByComparingTo("4999.919965040");
    assertThat(f.averagePrice()).isEqualByComparingTo("2194.87268");
    assertThat(f.received()).isEqualByComparingTo("2.27207720");
    assertThat(ledger.balance("kraken", CHF)).isEqualByComparingTo("5000.080034960");
    assertThat(ledger.balance("kraken", ETH)).isEqualByComparingTo("2.27207720");
  }

  @Test
  void aSellGetsTheSlippageLessOnEveryLevel() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", BTC, d("0.2"))));
    PaperOrderExecutor ex =
        new PaperOrderExecutor(
            Books.of(List.of(k.btcChf)), Optional.empty(), ledger, slippage("10"));

    Fill f =
        ex.execute(
            new OrderRequest("s2", new Leg(k.btcChf.market(), Side.SELL), d("0.2"), d("50000")));

    // bids 0.14375128 @ 56119 and 0.05624872 of 0.0588785 @ 56097.8, each price × 0.999:
    // 0.14375128 × 56062.881 + 0.05624872 × 56041.7022 = 11211.384919608864 CHF before the fee
    assertThat(f.spent()).isEqualByComparingTo("0.2");
    assertThat(f.received()).isEqualByComparingTo("11182.2353188178809536");
    assertThat(f.averagePrice()).isEqualByComparingTo("56056.92459804432");
    // the same walk without slippage received 11193.4287475654464 (PaperOrderExecutorTest)
    assertThat(f.received()).isLessThan(d("11193.4287475654464"));
  }

  @Test
  void withALatencyOrdersFillOnTheLaterBooksWhileTheReCheckSeesTheOnesTheTraderSaw() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", BTC, d("0.2"))));
    Books seen = Books.of(List.of(k.btcChf));
    // by the time the order arrives, the best bid (0.14375128 @ 56119) has been taken
    OrderBook after =
        new OrderBook(
            k.btcChf.market(),
            k.btcChf.bids().subList(1, k.btcChf.bids().size()),
            k.btcChf.asks(),
            k.btcChf.observedAt().plusMillis(250));
    PaperOrderExecutor ex =
        new PaperOrderExecutor(
            seen,
            Optional.of(Books.of(List.of(after))),
            ledger,
            new PaperModel(Duration.ofMillis(250), BigDecimal.ZERO));

    Fill f =
        ex.execute(
            new OrderRequest("l1", new Leg(k.btcChf.market(), Side.SELL), d("0.2"), d("56097.7")));

    // later bids: 0.0588785 @ 56097.8, 0.017 @ 56097.7, then below the limit: 0.0758785 BTC sold
    assertThat(f.spent()).isEqualByComparingTo("0.0758785");
    // 0.0588785 × 56097.8 + 0.017 × 56097.7 = 3302.9543173 + 953.6609 = 4256.6152173, × 0.9974
    assertThat(f.received()).isEqualByComparingTo(d("4256.6152173").multiply(d("0.9974")));
    // the re-check's view keeps the best bid; only what was sold is taken off it
    assertThat(ex.books().book(k.btcChf.market()).orElseThrow().bids().get(0).amount())
        .isEqualByComparingTo(d("0.14375128").subtract(d("0.0758785")));
  }

  @Test
  void withoutLaterBooksALatencyFillsOnTheSameBooks() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", BTC, d("0.2"))));
    PaperOrderExecutor ex =
        new PaperOrderExecutor(
            Books.of(List.of(k.btcChf)),
            Optional.empty(),
            ledger,
            new PaperModel(Duration.ofSeconds(1), BigDecimal.ZERO));

    Fill f =
        ex.execute(
            new OrderRequest("l2", new Leg(k.btcChf.market(), Side.SELL), d("0.2"), d("50000")));

    assertThat(f.received()).isEqualByComparingTo("11193.4287475654464");
  }

  @Test
  void aCycleWhoseFillsSlipATouchStillCompletesAndRealizesLess() {
    OrderBook ethBtc = k.ethBtc("0.0400", "2", "0.0399", "10");
    TradePlan plan = k.plan(ethBtc, "1000");
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", CHF, d("1000"))));
    Books books = k.books(ethBtc);
    PaperOrderExecutor ex =
        new PaperOrderExecutor(books, Optional.empty(), ledger, slippage("0.5"));

    ExecutionResult r =
        ExecutionPolicy.execute(plan, ex::books, ex, ProfitThreshold.anyProfit(), "s");

    // each leg spends what it can at the slightly worse price; the sub-lot remainder it leaves
    // (e.g. CHF that cannot buy another 0.0001 ETH) is dust, not a short leg: no unwind
    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.unwind()).isEmpty();
    assertThat(r.realizedProfit()).isLessThan(plan.profit());
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(d("1000").add(r.realizedProfit()));
  }

  @Test
  void rejectsANegativeModel() {
    assertThatThrownBy(() -> new PaperModel(Duration.ofMillis(-1), BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency");
    assertThatThrownBy(() -> slippage("-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slippageBp");
  }
}
