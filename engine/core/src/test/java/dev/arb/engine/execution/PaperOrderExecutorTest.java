package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Side;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OrderRequest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paper fills on the real Kraken books, checked against a walk of the levels done by hand. */
class PaperOrderExecutorTest {
  private static final Asset CHF = Asset.of("CHF");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset BTC = Asset.of("BTC");
  private final KrakenBooks k = new KrakenBooks();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void buyWalksTheEthChfAsksLevelByLevelToTheLotSize() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", CHF, d("10000"))));
    PaperOrderExecutor ex = new PaperOrderExecutor(Books.of(List.of(k.ethChf)), ledger);

    Fill f =
        ex.execute(
            new OrderRequest("t1", new Leg(k.ethChf.market(), Side.BUY), d("10000"), d("2200")));

    // asks: 3 @ 2192.68 = 6578.04; 0.79681 @ 2192.69 = 1747.1573189; 0.4579 @ 2192.91 =
    // 1004.133489; that leaves 670.6688... for 2198.69, which buys 0.30503... ETH, 0.30499 after
    // the 0.0001 lot: 0.30499 @ 2198.69 = 670.5784631. Base 4.5597 ETH for 9999.9092710 CHF.
    assertThat(f.baseAmount()).isEqualByComparingTo("4.5597");
    assertThat(f.spent()).isEqualByComparingTo("9999.9092710");
    // fee 0.26 % of the ETH received: 4.5597 × 0.9974 = 4.54784478
    assertThat(f.received()).isEqualByComparingTo("4.54784478");
    assertThat(f.fee()).isEqualByComparingTo("0.01185522");
    assertThat(f.orderId()).isEqualTo("paper-t1");
    assertThat(ledger.balance("kraken", CHF)).isEqualByComparingTo("0.090729");
    assertThat(ledger.balance("kraken", ETH)).isEqualByComparingTo("4.54784478");
  }

  @Test
  void sellStopsAtTheLimitPriceAndFillsOnlyTheLevelsAtOrAboveIt() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", BTC, d("0.5"))));
    PaperOrderExecutor ex = new PaperOrderExecutor(Books.of(List.of(k.btcChf)), ledger);

    // bids 0.14375128 @ 56119, 0.0588785 @ 56097.8, 0.017 @ 56097.7, ...: limit 56097.8
    Fill f =
        ex.execute(
            new OrderRequest("t2", new Leg(k.btcChf.market(), Side.SELL), d("0.5"), d("56097.8")));

    assertThat(f.spent()).isEqualByComparingTo("0.20262978"); // 0.14375128 + 0.0588785
    assertThat(f.requested()).isEqualByComparingTo("0.5");
    // 0.14375128 × 56119 + 0.0588785 × 56097.8 = 8067.17808232 + 3302.95431730 = 11370.13239962
    assertThat(f.received()).isEqualByComparingTo(d("11370.13239962").multiply(d("0.9974")));
    assertThat(ledger.balance("kraken", BTC)).isEqualByComparingTo("0.29737022");
  }

  @Test
  void spendsNoMoreThanThePaperBalance() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", BTC, d("0.2"))));
    PaperOrderExecutor ex = new PaperOrderExecutor(Books.of(List.of(k.btcChf)), ledger);

    Fill f =
        ex.execute(
            new OrderRequest("t3", new Leg(k.btcChf.market(), Side.SELL), d("1"), d("50000")));

    assertThat(f.spent()).isEqualByComparingTo("0.2");
    assertThat(f.note()).isEqualTo("paper balance short");
    // 0.14375128 × 56119 + 0.05624872 × 56097.8 = 11222.607527136, less 0.26 %
    assertThat(f.received()).isEqualByComparingTo("11193.4287475654464");
    assertThat(ledger.balance("kraken", BTC)).isEqualByComparingTo("0");
  }

  @Test
  void aFillTakesItsLiquidityOffTheBookForTheNextOrder() {
    PaperBalances ledger = new PaperBalances(List.of(new Holding("kraken", CHF, d("10000"))));
    PaperOrderExecutor ex = new PaperOrderExecutor(Books.of(List.of(k.ethChf)), ledger);
    Leg buy = new Leg(k.ethChf.market(), Side.BUY);

    Fill first = ex.execute(new OrderRequest("a", buy, d("4385.36"), d("2200")));
    Fill second = ex.execute(new OrderRequest("b", buy, d("4385.36"), d("2200")));

    assertThat(first.baseAmount()).isEqualByComparingTo("2"); // 2 of the 3 ETH at 2192.68
    // the last 1 ETH at 2192.68 = 2192.68, 0.79681 @ 2192.69 = 1747.1573189, and the 2192.68 - ...
    // left buys 0.2031... @ 2192.91, 1.9999 ETH after the lot: 0.20309 @ 2192.91 = 445.3580919
    assertThat(second.baseAmount()).isEqualByComparingTo("1.9999");
    assertThat(second.spent()).isEqualByComparingTo("4385.1954108");
    assertThat(ex.books().book(k.ethChf.market()).orElseThrow().asks().get(0))
        .isEqualTo(dev.arb.engine.model.BookLevel.of("2192.91", "0.25481"));
  }

  @Test
  void fillsNothingWithoutABalance() {
    PaperBalances ledger = new PaperBalances(List.of());
    PaperOrderExecutor ex = new PaperOrderExecutor(Books.of(List.of(k.btcChf)), ledger);

    Fill f =
        ex.execute(
            new OrderRequest("t4", new Leg(k.btcChf.market(), Side.SELL), d("1"), d("50000")));

    assertThat(f.filled()).isFalse();
    assertThat(f.note()).contains("no paper balance of BTC on kraken");
    assertThat(ledger.holdings()).isEmpty();
  }
}
