package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Cycles over the real Bitstamp (2022-01-05) and Kraken (2021-04-17) books. The books come from
 * different days, so cross-exchange cycles show large "arbitrage": real depth for sizing, not a
 * real opportunity. Fees: Bitstamp 0.5 %, Kraken 0.26 % (their public taker tiers); lot sizes and
 * minimums as the exchanges published them at the time, to exercise rounding.
 */
final class RealCycles {
  private RealCycles() {}

  /** A cycle with the book of each leg. */
  record Case(String name, Cycle cycle, List<OrderBook> books) {
    LegLadder[] ladders() {
      LegLadder[] l = new LegLadder[books.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = LegLadder.of(cycle.legs().get(i), books.get(i));
      }
      return l;
    }
  }

  static final Market BITSTAMP_BAT_EUR =
      Fixtures.market("bitstamp", "BAT", "EUR", "0.005", "0.00000001", "0", "10");
  static final Market BITSTAMP_BAT_BTC =
      Fixtures.market("bitstamp", "BAT", "BTC", "0.005", "0.00000001", "0", "0.0002");
  static final Market BITSTAMP_ADA_EUR =
      Fixtures.market("bitstamp", "ADA", "EUR", "0.005", "0.00000001", "0", "10");
  static final Market KRAKEN_ADA_BTC =
      Fixtures.market("kraken", "ADA", "BTC", "0.0026", "0.00000001", "5", "0");
  static final Market BITSTAMP_USDT_USD =
      Fixtures.market("bitstamp", "USDT", "USD", "0.005", "0.00001", "0", "10");
  static final Market BITSTAMP_USDT_EUR =
      Fixtures.market("bitstamp", "USDT", "EUR", "0.005", "0.00001", "0", "10");
  static final Market KRAKEN_BTC_CHF =
      Fixtures.market("kraken", "BTC", "CHF", "0.0026", "0.00000001", "0.0001", "0");
  static final Market KRAKEN_ETH_CHF =
      Fixtures.market("kraken", "ETH", "CHF", "0.0026", "0.00000001", "0.004", "0");
  static final Market BITSTAMP_ETH_USD =
      Fixtures.market("bitstamp", "ETH", "USD", "0.005", "0.00000001", "0", "10");
  static final Market BITSTAMP_XRP_EUR =
      Fixtures.market("bitstamp", "XRP", "EUR", "0.005", "0.00000001", "0", "10");

  /** EUR → BAT → BTC (Bitstamp) → ADA (Kraken) → EUR (Bitstamp). */
  static Case eurBatBtcAda() {
    return build(
        "EUR-BAT-BTC-ADA-EUR",
        leg(BITSTAMP_BAT_EUR, Side.BUY, "BITSTAMP_BATEUR.json"),
        leg(BITSTAMP_BAT_BTC, Side.SELL, "BITSTAMP_BATBTC.json"),
        leg(KRAKEN_ADA_BTC, Side.BUY, "KRAKEN_ADA-XBT.json"),
        leg(BITSTAMP_ADA_EUR, Side.SELL, "BITSTAMP_ADAEUR.json"));
  }

  /** USD → USDT → EUR → BAT → BTC (Bitstamp) → CHF → ETH (Kraken) → USD (Bitstamp): 7 legs. */
  static Case sevenLegs() {
    return build(
        "USD-USDT-EUR-BAT-BTC-CHF-ETH-USD",
        leg(BITSTAMP_USDT_USD, Side.BUY, "BITSTAMP_USDTUSD.json"),
        leg(BITSTAMP_USDT_EUR, Side.SELL, "BITSTAMP_USDTEUR.json"),
        leg(BITSTAMP_BAT_EUR, Side.BUY, "BITSTAMP_BATEUR.json"),
        leg(BITSTAMP_BAT_BTC, Side.SELL, "BITSTAMP_BATBTC.json"),
        leg(KRAKEN_BTC_CHF, Side.SELL, "KRAKEN_XBT-CHF.json"),
        leg(KRAKEN_ETH_CHF, Side.BUY, "KRAKEN_ETH-CHF.json"),
        leg(BITSTAMP_ETH_USD, Side.SELL, "BITSTAMP_ETHUSD.json"));
  }

  /**
   * EUR → XRP on Bitstamp, XRP → EUR on a second venue with the same real depth whose bids are
   * scaled by {@code factor} (documented arbitrage: with factor 1.002 the top-of-book return is
   * +12.8 bp before fees). Fees 0 on both so the spread is the only edge.
   */
  static Case xrpRoundTrip(String factor) {
    Market buy = Fixtures.market("bitstamp", "XRP", "EUR", "0", "0.00000001", "0", "0");
    Market sell = Fixtures.market("venue2", "XRP", "EUR", "0", "0.00000001", "0", "0");
    BigDecimal f = new BigDecimal(factor);
    OrderBook buyBook = Fixtures.book("BITSTAMP_XRPEUR.json", buy);
    OrderBook sellBook = Fixtures.book("BITSTAMP_XRPEUR.json", sell, p -> p.multiply(f));
    return make(
        "XRP round trip x" + factor,
        List.of(new Leg(buy, Side.BUY), new Leg(sell, Side.SELL)),
        List.of(buyBook, sellBook));
  }

  /** EUR → XRP → EUR on the same Bitstamp book: buy at the ask, sell at the bid, never a profit. */
  static Case xrpSameBook() {
    OrderBook book = Fixtures.book("BITSTAMP_XRPEUR.json", BITSTAMP_XRP_EUR);
    return make(
        "XRP same book",
        List.of(new Leg(BITSTAMP_XRP_EUR, Side.BUY), new Leg(BITSTAMP_XRP_EUR, Side.SELL)),
        List.of(book, book));
  }

  private record LegBook(Leg leg, OrderBook book) {}

  private static LegBook leg(Market m, Side side, String file) {
    return new LegBook(new Leg(m, side), Fixtures.book(file, m));
  }

  private static Case build(String name, LegBook... lbs) {
    List<Leg> legs = new ArrayList<>();
    List<OrderBook> books = new ArrayList<>();
    for (LegBook lb : lbs) {
      legs.add(lb.leg());
      books.add(lb.book());
    }
    return make(name, legs, books);
  }

  private static Case make(String name, List<Leg> legs, List<OrderBook> books) {
    double top = 1.0;
    for (int i = 0; i < legs.size(); i++) {
      top *= LegLadder.of(legs.get(i), books.get(i), 1).rate(0);
    }
    return new Case(name, new Cycle(legs, top), books);
  }
}
