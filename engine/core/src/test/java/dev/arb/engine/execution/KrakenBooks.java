package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.sizing.PlanPricer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real Kraken ETH/CHF and BTC/CHF books of 2021-04-17 (cryptofeed, see LICENSE.cryptofeed),
 * read with a 0.26 % taker fee and a lot size of 0.0001 ETH on ETH/CHF, plus a made-up ETH/BTC book
 * that closes the triangle CHF → ETH → BTC → CHF (no such book was recorded).
 */
final class KrakenBooks {
  static final BigDecimal FEE = new BigDecimal("0.0026");

  final OrderBook ethChf;
  final OrderBook btcChf;

  KrakenBooks() {
    MarketSnapshot s = read("KRAKEN_ETH-CHF.json");
    MarketSnapshot b = read("KRAKEN_XBT-CHF.json");
    OrderBook raw = s.books().get(0);
    Market m = raw.market();
    Market lotted =
        new Market(
            m.exchange(),
            m.base(),
            m.quote(),
            m.takerFee(),
            new BigDecimal("0.0001"),
            m.tickSize(),
            BigDecimal.ZERO,
            BigDecimal.ZERO);
    this.ethChf = new OrderBook(lotted, raw.bids(), raw.asks(), raw.observedAt());
    this.btcChf = b.books().get(0);
  }

  private static MarketSnapshot read(String name) {
    try {
      Path p = Path.of(KrakenBooks.class.getResource(name).toURI());
      return SnapshotReaders.read(p, Optional.empty(), ReadOptions.withFee(FEE));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A made-up kraken ETH/BTC book with the given bids (price, amount) and one far ask. */
  OrderBook ethBtc(String... bids) {
    Market m =
        new Market(
            "kraken",
            Asset.of("ETH"),
            Asset.of("BTC"),
            FEE,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO);
    List<BookLevel> levels = new java.util.ArrayList<>();
    for (int i = 0; i < bids.length; i += 2) {
      levels.add(BookLevel.of(bids[i], bids[i + 1]));
    }
    return new OrderBook(m, levels, List.of(BookLevel.of("0.05", "100")), ethChf.observedAt());
  }

  /** CHF → ETH (buy ETH/CHF) → BTC (sell ETH/BTC) → CHF (sell BTC/CHF). */
  Cycle triangle(OrderBook ethBtc) {
    return new Cycle(
        List.of(
            new Leg(ethChf.market(), Side.BUY),
            new Leg(ethBtc.market(), Side.SELL),
            new Leg(btcChf.market(), Side.SELL)),
        1.01);
  }

  Books books(OrderBook ethBtc) {
    return Books.of(List.of(ethChf, ethBtc, btcChf));
  }

  /** The plan for spending {@code chf} on the triangle over these books. */
  TradePlan plan(OrderBook ethBtc, String chf) {
    SizingOutcome o =
        PlanPricer.price(
            triangle(ethBtc),
            List.of(ethChf, ethBtc, btcChf),
            Double.parseDouble(chf),
            0,
            new BigDecimal(chf));
    if (o instanceof SizingOutcome.Sized s) {
      return s.plan();
    }
    throw new IllegalStateException("not sized: " + o);
  }
}
