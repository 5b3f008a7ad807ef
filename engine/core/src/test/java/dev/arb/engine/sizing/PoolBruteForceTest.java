package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Side;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.pool.SyntheticPools;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brute force on seeded random pool sets (synthetic, see {@link SyntheticPools}), some mixed with
 * order books on the same venue: the search's top cycles within the length bound equal a plain
 * enumeration of every simple cycle ranked by return, each cycle's double optimum equals an
 * independent golden-section maximiser on the profit computed from the raw reserves and levels, and
 * the integer re-priced plan never beats that optimum and trails it by at most its rounding (one
 * smallest unit per leg carried through the later legs' rates).
 */
class PoolBruteForceTest {
  private static final int TOP = 10;

  // how many plans the sets produced: the comparisons must not pass by comparing nothing
  private static final AtomicInteger SIZED = new AtomicInteger();
  private static final AtomicInteger SIZED_MIXED = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();

  /** The amount the scanner sizes with when none is given. */
  private static final BigDecimal DEPTH = new BigDecimal("1E+24");

  static List<Arguments> sets() {
    List<Arguments> out = new ArrayList<>();
    for (int seed = 1; seed <= 120; seed++) {
      out.add(Arguments.of(seed, 4 + seed % 4, 6 + seed % 11, 0, 3 + seed % 2));
    }
    for (int seed = 1001; seed <= 1040; seed++) {
      out.add(Arguments.of(seed, 4 + seed % 3, 5 + seed % 7, 3 + seed % 5, 3 + seed % 2));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}: {1} tokens, {2} pools, {3} books, L={4}")
  @MethodSource("sets")
  void searchAndSizingMatchEnumeration(long seed, int tokens, int pools, int books, int maxLength) {
    MarketSnapshot s = SyntheticPools.random(seed, tokens, pools, books);
    CycleReference ref = new CycleReference(s);
    List<CycleReference.RefCycle> all = new ArrayList<>(ref.cycles(maxLength));
    all.sort(Comparator.comparingDouble(CycleReference.RefCycle::ret).reversed());

    PathSearchResult found =
        PathOptimizer.search(
            PathGraph.of(s),
            PathQuery.defaults().withMaxLength(maxLength).withTopK(TOP).withoutMinProfit());

    int k = Math.min(TOP, all.size());
    assertThat(found.cycles()).hasSize(k);
    for (int i = 0; i < k; i++) {
      Cycle c = found.cycles().get(i);
      CycleReference.RefCycle r = all.get(i);
      assertThat(c.topOfBookReturn()).isCloseTo(r.ret(), withinPercentage(1e-9));
      // a cycle is identified where its return is not tied with a neighbour's (a round trip
      // through one pool returns (1 − fee)², the same for every pool of that fee)
      boolean apart =
          (i + 1 == all.size() || all.get(i + 1).ret() < r.ret() * (1 - 1e-12))
              && (i == 0 || all.get(i - 1).ret() > r.ret() * (1 + 1e-12));
      if (apart) {
        assertThat(key(c)).as("cycle %d", i).isEqualTo(r.key());
      }
    }

    AmtOptimizer sizer = new AmtOptimizer(maxLength);
    for (Cycle c : found.cycles()) {
      if (c.topOfBookReturn() <= 1 + 1e-9) {
        continue;
      }
      double[] best = ref.maximise(c.legs());
      SizingOutcome out = sizer.size(c, s, DEPTH);
      ExactSweep sweep = sizer.lastSweep();
      double scale = 1 + best[0];
      assertThat(sweep.profit())
          .as("double optimum of %s", c.legs())
          .isCloseTo(best[1], offset(1e-9 * scale));
      double bound = roundingBound(c, ref);
      if (out instanceof SizingOutcome.Sized sized) {
        double integer = sized.plan().profit().doubleValue();
        assertThat(integer).isLessThanOrEqualTo(best[1] + 1e-9 * scale);
        assertThat(integer).isGreaterThanOrEqualTo(best[1] - bound - 1e-9 * scale);
        boolean book = false;
        for (LegFill f : sized.plan().fills()) {
          assertThat(f.swap().isPresent()).isEqualTo(f.leg().isPool());
          book |= !f.leg().isPool();
        }
        SIZED.incrementAndGet();
        if (book) {
          SIZED_MIXED.incrementAndGet();
        }
      } else {
        assertThat(best[1]).as("rejected: %s", out).isLessThanOrEqualTo(bound + 1e-9 * scale);
        REJECTED.incrementAndGet();
      }
    }
  }

  @AfterAll
  static void comparedEnoughPlans() {
    // a run here: 1002 sized (251 through books and pools), 333 rejected after rounding
    assertThat(SIZED.get()).isGreaterThan(500);
    assertThat(SIZED_MIXED.get()).isGreaterThan(100);
    assertThat(REJECTED.get()).isGreaterThan(0);
  }

  /**
   * One smallest unit lost on each leg's output and on each pool leg's input (a book leg pays 18
   * decimals, a pool takes whole units), carried through the later legs at their rates at zero size
   * (upper bounds of their slopes); the first input's unit also counts once as spent.
   */
  private static double roundingBound(Cycle c, CycleReference ref) {
    List<Leg> legs = c.legs();
    double bound = 0;
    double carry = 1;
    for (int i = legs.size() - 1; i >= 0; i--) {
      bound += unit(legs.get(i), false) * carry;
      carry *= ref.rate(legs.get(i));
      bound += unit(legs.get(i), true) * carry;
    }
    bound += unit(legs.get(0), true);
    return bound * 1.01;
  }

  private static double unit(Leg l, boolean in) {
    if (!l.isPool()) {
      return 1e-17;
    }
    boolean zeroForOne = l.side() == Side.SELL;
    int d = (in ? l.pool().tokenIn(zeroForOne) : l.pool().tokenOut(zeroForOne)).decimals();
    return Math.pow(10, -d);
  }

  private static String key(Cycle c) {
    List<CycleReference.Edge> edges = new ArrayList<>();
    for (Leg l : c.legs()) {
      edges.add(new CycleReference.Edge(l, 0, 0, 0));
    }
    return new CycleReference.RefCycle(edges, 0).key();
  }
}
