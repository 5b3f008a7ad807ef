package dev.arb.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.SyntheticPools;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.GasValuation;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A scan now indexes only the books of the cycles it reports ({@link AmtOptimizer#prepare}) instead
 * of every book of the snapshot; every opportunity it reports must be sized exactly as a fresh
 * optimizer that indexes the whole snapshot sizes that cycle (the earlier way), on seeded random
 * snapshots with several levels per book, some books repeated (the same market twice, the last book
 * of a market instance wins) and some markets listed twice as distinct but equal instances.
 */
class ScanSizingEquivalenceTest {
  @Test
  void scansSizeAsAFreshWholeSnapshotIndexDoes() {
    Random random = new Random(17_020_000L);
    int sized = 0;
    for (int round = 0; round < 60; round++) {
      MarketSnapshot snapshot =
          round % 3 == 2
              ? SyntheticPools.random(random.nextLong(), 6, 10, 12)
              : randomBooks(random);
      int maxLength = 3 + random.nextInt(3);
      PathQuery query =
          PathQuery.defaults().withMaxLength(maxLength).withTopK(1 + random.nextInt(30));
      Optional<BigDecimal> amount =
          random.nextBoolean() ? Optional.empty() : Optional.of(new BigDecimal("2.5"));
      ScanRequest request = new ScanRequest(query, amount, Optional.empty());
      ScanReport report = Scanner.scan(snapshot, request);
      GasValuation gas =
          new GasValuation(request.pools().gas(), snapshot, request.pools().sameAs());
      BigDecimal available = amount.orElse(Scanner.DEPTH_ONLY);
      for (Opportunity o : report.opportunities()) {
        SizingOutcome expected =
            new AmtOptimizer(maxLength).size(o.cycle(), snapshot, available, gas);
        assertThat(o.sizing()).as("round %d rank %d", round, o.rank()).isEqualTo(expected);
        if (expected instanceof SizingOutcome.Sized) {
          sized++;
        }
      }
    }
    assertThat(sized).as("sized plans compared").isGreaterThan(100);
  }

  @Test
  void aCycleNotPreparedForIsSizedAsWithoutPreparing() {
    Random random = new Random(5L);
    int compared = 0;
    for (int round = 0; round < 30; round++) {
      MarketSnapshot snapshot = randomBooks(random);
      ScanReport report =
          Scanner.scan(
              snapshot,
              new ScanRequest(
                  PathQuery.defaults().withTopK(20), Optional.empty(), Optional.empty()));
      List<Cycle> cycles = new ArrayList<>();
      report.opportunities().forEach(o -> cycles.add(o.cycle()));
      if (cycles.size() < 2) {
        continue;
      }
      GasValuation gas = new GasValuation(PoolOptions.defaults().gas(), snapshot, List.of());
      AmtOptimizer prepared = new AmtOptimizer(5);
      prepared.prepare(snapshot, cycles.subList(0, cycles.size() / 2));
      for (Cycle c : cycles) {
        SizingOutcome expected = new AmtOptimizer(5).size(c, snapshot, Scanner.DEPTH_ONLY, gas);
        assertThat(prepared.size(c, snapshot, Scanner.DEPTH_ONLY, gas)).isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  /**
   * Books of 3-12 assets on 1-3 exchanges, 1-6 levels a side, a few lifted into arbitrage; some
   * books listed twice (same market, other depth) and some markets as a second equal instance.
   */
  private static MarketSnapshot randomBooks(Random r) {
    int assets = 3 + r.nextInt(10);
    int exchanges = 1 + r.nextInt(3);
    double[] price = new double[assets];
    for (int a = 0; a < assets; a++) {
      price[a] = Math.exp(r.nextGaussian() * 3);
    }
    MathContext mc = new MathContext(10);
    List<OrderBook> books = new ArrayList<>();
    int markets = assets + r.nextInt(3 * assets * exchanges);
    for (int k = 0; k < markets; k++) {
      int b = r.nextInt(assets);
      int q = r.nextInt(assets - 1);
      q = q >= b ? q + 1 : q;
      Market market =
          Market.of("ex" + r.nextInt(exchanges), "A" + b, "A" + q, new BigDecimal("0.001"));
      double lift = r.nextInt(8) == 0 ? 1.01 + r.nextDouble() * 0.02 : 1;
      books.add(book(r, market, price[b] / price[q] * lift, mc));
      int twin = r.nextInt(12);
      if (twin == 0) {
        books.add(book(r, market, price[b] / price[q] * lift, mc));
      } else if (twin == 1) {
        Market equal = Market.of(market.exchange(), "A" + b, "A" + q, new BigDecimal("0.001"));
        books.add(book(r, equal, price[b] / price[q] * lift, mc));
      }
    }
    return new MarketSnapshot(books, List.of(), "random");
  }

  private static OrderBook book(Random r, Market market, double mid, MathContext mc) {
    mid *= Math.exp(r.nextGaussian() * 0.002);
    double half = mid * (0.0002 + r.nextDouble() * 0.002);
    List<BookLevel> bids = new ArrayList<>();
    List<BookLevel> asks = new ArrayList<>();
    int levels = 1 + r.nextInt(6);
    for (int l = 0; l < levels; l++) {
      double step = 1 + 0.001 * l;
      bids.add(
          new BookLevel(
              new BigDecimal((mid - half) / step, mc),
              new BigDecimal(0.1 + r.nextDouble() * 5, mc)));
      asks.add(
          new BookLevel(
              new BigDecimal((mid + half) * step, mc),
              new BigDecimal(0.1 + r.nextDouble() * 5, mc)));
    }
    return new OrderBook(market, bids, asks, Instant.EPOCH);
  }
}
