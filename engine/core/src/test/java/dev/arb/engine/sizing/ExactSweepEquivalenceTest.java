package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The books-only sweep (its register form for up to 4 legs and its array form for more) gives the
 * results of the plain array sweep it replaced, bit for bit: start, end, stop, and per leg the
 * input, output, levels examined and used. The reference below is that earlier sweep (running
 * marginal rate, one array update per leg per segment); compared on 3,000 seeded random cycles of 1
 * to 8 legs (a third with capacities aligned so that legs use up levels in the same segment,
 * balances that bind or not, books that run out) and on the real cycles of {@link RealCycles}.
 *
 * <p>What the user sees is the exact plan: the sweep's start amount rounded to lots and re-priced
 * in BigDecimal ({@link PlanPricer}). Bit-identity of the double search is stronger than that
 * needs, but the plan depends on every bit of the start amount (the first leg's budget is the
 * double truncated to 18 decimals, so an ulp more or less changes the amounts when no lot size
 * absorbs it): a search with another arithmetic (its double start a few ulps off) would give other
 * plans (one ulp more on the reference's start changes the exact amounts of 276 of the 325 plans
 * sized in the random test below). So the sweep is kept bit-identical, and the plans are compared
 * too: {@link AmtOptimizer} against the reference's start amount priced by {@link PlanPricer}, on
 * 1,500 seeded random cycles over real {@link OrderBook}s (buy and sell legs, fees, lot sizes,
 * minimum amounts and notionals, balances that bind, one-level books) and on the real cycles.
 */
class ExactSweepEquivalenceTest {
  private static final Leg LEG = new Leg(Market.of("x", "A", "B", BigDecimal.ZERO), Side.SELL);

  @Test
  void sameResultsAsTheReferenceOnRandomCycles() {
    Random r = new Random(20_261_207L);
    ExactSweep sweep = new ExactSweep(8);
    Reference ref = new Reference(8);
    int[] stops = new int[ExactSweep.Stop.values().length];
    int twoAtOnce = 0;
    for (int round = 0; round < 3_000; round++) {
      int legs = 1 + r.nextInt(8);
      LegLadder[] ladders = new LegLadder[legs];
      // a top-of-book return a little above 1 (or below), spread over the legs
      double lift = Math.exp((r.nextDouble() * 0.03 - 0.005) / legs);
      // aligned: every leg's level j holds the same amount in start units as leg 0's level j (when
      // the legs before it are at level j too), so legs use up levels in the same segment
      boolean aligned = r.nextInt(3) == 0;
      int alignedDepth = 1 + r.nextInt(60);
      double[] base = new double[alignedDepth];
      for (int j = 0; j < alignedDepth; j++) {
        base[j] = 0.5 + r.nextDouble() * 3;
      }
      double[][] rates = new double[legs][];
      for (int i = 0; i < legs; i++) {
        int depth = aligned ? alignedDepth : 1 + r.nextInt(r.nextBoolean() ? 8 : 200);
        double[] rate = new double[depth];
        double[] cap = new double[depth];
        double top = 1;
        for (int k = 0; k < i; k++) {
          top *= rates[k][0];
        }
        double q = (i == legs - 1 ? 1.0 / top : Math.exp(r.nextGaussian())) * lift;
        for (int j = 0; j < depth; j++) {
          rate[j] = q;
          q *= 1 - r.nextDouble() * 0.002 - 1e-6;
          if (aligned) {
            double before = 1;
            for (int k = 0; k < i; k++) {
              before *= rates[k][j];
            }
            cap[j] = base[j] * before;
          } else {
            cap[j] = 0.5 + r.nextDouble() * 3;
          }
        }
        rates[i] = rate;
        ladders[i] = LegLadder.ofArrays(LEG, rate, cap);
      }
      double available =
          switch (r.nextInt(3)) {
            case 0 -> Double.POSITIVE_INFINITY;
            case 1 -> 1e9;
            default -> r.nextDouble() * 50;
          };
      ExactSweep.Stop got = sweep.run(ladders, legs, available);
      ExactSweep.Stop want = ref.run(ladders, legs, available);
      assertThat(got).as("round %d stop", round).isEqualTo(want);
      assertThat(sweep.start()).as("round %d start", round).isEqualTo(ref.start);
      assertThat(sweep.end()).as("round %d end", round).isEqualTo(ref.end);
      for (int i = 0; i < legs; i++) {
        assertThat(sweep.input(i)).as("round %d input %d", round, i).isEqualTo(ref.input[i]);
        assertThat(sweep.output(i)).isEqualTo(ref.output[i]);
        assertThat(sweep.levelsExamined(i)).isEqualTo(ref.examined[i]);
        assertThat(sweep.levelsUsed(i)).isEqualTo(ref.used(i));
      }
      stops[got.ordinal()]++;
      twoAtOnce += ref.twoAtOnce ? 1 : 0;
    }
    // every way to stop, and segments that use up two levels at once, were exercised
    for (ExactSweep.Stop s : ExactSweep.Stop.values()) {
      assertThat(stops[s.ordinal()]).as("stop %s", s).isGreaterThan(20);
    }
    assertThat(twoAtOnce).isGreaterThan(20);
  }

  @Test
  void sameResultsAsTheReferenceOnRealCycles() {
    ExactSweep sweep = new ExactSweep(8);
    Reference ref = new Reference(8);
    for (RealCycles.Case c :
        new RealCycles.Case[] {
          RealCycles.eurBatBtcAda(), RealCycles.sevenLegs(), RealCycles.xrpRoundTrip("1.002")
        }) {
      LegLadder[] ladders = c.ladders();
      for (double available : new double[] {1e12, 50_000, 5_000, 777.77}) {
        assertThat(sweep.run(ladders, ladders.length, available))
            .isEqualTo(ref.run(ladders, ladders.length, available));
        assertThat(sweep.start()).as(c.name()).isEqualTo(ref.start);
        assertThat(sweep.end()).as(c.name()).isEqualTo(ref.end);
        assertThat(sweep.start()).isPositive();
      }
    }
  }

  @Test
  void sameResultsAsTheReferenceWithMoreLevelsThanThe4LegLoopPacks() {
    // the 4-leg loop keeps each leg's level in 16 bits; deeper ladders take the array loop
    Random r = new Random(7);
    int depth = 70_000;
    double[] rate = new double[depth];
    double[] cap = new double[depth];
    double q = 1.001;
    for (int j = 0; j < depth; j++) {
      rate[j] = q;
      q *= 1 - 1e-8 - r.nextDouble() * 1e-8;
      cap[j] = 0.001 + r.nextDouble() * 0.002;
    }
    LegLadder deep = LegLadder.ofArrays(LEG, rate, cap);
    LegLadder flat = LegLadder.ofArrays(LEG, new double[] {1.0, 0.5}, new double[] {1e9, 1});
    LegLadder[] ladders = {deep, flat};
    ExactSweep sweep = new ExactSweep(4);
    Reference ref = new Reference(4);
    assertThat(sweep.run(ladders, 2, 1e12)).isEqualTo(ref.run(ladders, 2, 1e12));
    assertThat(sweep.start()).isEqualTo(ref.start);
    assertThat(sweep.end()).isEqualTo(ref.end);
    assertThat(sweep.levelsExamined(0)).isEqualTo(ref.examined[0]).isGreaterThan(0xFFFF);
  }

  @Test
  void sameExactPlansAsTheReferenceOnRandomBooks() {
    Random r = new Random(20_261_208L);
    AmtOptimizer optimizer = new AmtOptimizer(8);
    Reference ref = new Reference(8);
    int sized = 0;
    int belowMinimum = 0;
    int noProfit = 0;
    int lotted = 0;
    for (int round = 0; round < 1_500; round++) {
      int legs = 2 + r.nextInt(5);
      List<Leg> legList = new ArrayList<>(legs);
      List<OrderBook> books = new ArrayList<>(legs);
      double lift = Math.exp((r.nextDouble() * 0.03 - 0.005) / legs);
      double product = 1;
      boolean anyLot = false;
      for (int i = 0; i < legs; i++) {
        Asset from = Asset.of("A" + i);
        Asset to = Asset.of("A" + ((i + 1) % legs));
        Side side = r.nextBoolean() ? Side.SELL : Side.BUY;
        BigDecimal fee = new BigDecimal(new String[] {"0", "0.001", "0.0026"}[r.nextInt(3)]);
        BigDecimal lot = new BigDecimal(new String[] {"0", "0.00000001", "0.001"}[r.nextInt(3)]);
        BigDecimal minAmount = r.nextInt(4) == 0 ? new BigDecimal("0.5") : BigDecimal.ZERO;
        BigDecimal minNotional = r.nextInt(4) == 0 ? BigDecimal.TEN : BigDecimal.ZERO;
        anyLot |= lot.signum() > 0;
        Market m =
            side == Side.SELL
                ? new Market("x", from, to, fee, lot, BigDecimal.ZERO, minAmount, minNotional)
                : new Market("x", to, from, fee, lot, BigDecimal.ZERO, minAmount, minNotional);
        double keep = 1 - fee.doubleValue();
        // the top rate after fee of this leg; the last leg closes the cycle at the lift
        double rate = (i == legs - 1 ? 1.0 / product : Math.exp(r.nextGaussian())) * lift;
        product *= rate;
        int depth = 1 + r.nextInt(r.nextBoolean() ? 3 : 60);
        List<BookLevel> near = new ArrayList<>(depth);
        List<BookLevel> far = new ArrayList<>();
        double price = side == Side.SELL ? rate / keep : keep / rate;
        double worse = side == Side.SELL ? 1 - 1e-4 : 1 + 1e-4;
        for (int j = 0; j < depth; j++) {
          near.add(level(price, r));
          price *= worse * (1 - (side == Side.SELL ? 1 : -1) * r.nextDouble() * 0.002);
        }
        far.add(level(side == Side.SELL ? rate / keep * 1.05 : keep / rate * 0.95, r));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        books.add(
            side == Side.SELL ? new OrderBook(m, near, far, at) : new OrderBook(m, far, near, at));
        legList.add(new Leg(m, side));
      }
      lotted += anyLot ? 1 : 0;
      Cycle cycle = new Cycle(legList, product);
      BigDecimal available =
          switch (r.nextInt(3)) {
            case 0 -> new BigDecimal("1000000000");
            case 1 -> new BigDecimal(r.nextDouble() * 50, new MathContext(8));
            default -> new BigDecimal(r.nextDouble() * 2, new MathContext(6));
          };
      SizingOutcome got = optimizer.size(cycle, books, available);
      SizingOutcome want = referencePlan(ref, cycle, books, available);
      assertSamePlan(got, want, "round " + round);
      if (got instanceof SizingOutcome.Sized) {
        sized++;
      } else if (got instanceof SizingOutcome.Rejected j) {
        belowMinimum += j.reason() == RejectReason.BELOW_MINIMUM ? 1 : 0;
        noProfit += j.reason() == RejectReason.NO_PROFIT ? 1 : 0;
      }
    }
    // plans, minimums and no-profit cycles were all exercised, many of them with lot sizes
    assertThat(sized).isGreaterThan(300);
    assertThat(belowMinimum).isGreaterThan(50);
    assertThat(noProfit).isGreaterThan(50);
    assertThat(lotted).isGreaterThan(1_000);
  }

  @Test
  void sameExactPlansAsTheReferenceOnRealCycles() {
    AmtOptimizer optimizer = new AmtOptimizer(8);
    Reference ref = new Reference(8);
    int sized = 0;
    for (RealCycles.Case c :
        new RealCycles.Case[] {
          RealCycles.eurBatBtcAda(), RealCycles.sevenLegs(), RealCycles.xrpRoundTrip("1.002")
        }) {
      for (String available : new String[] {"1000000000000", "50000", "5000", "777.77", "3"}) {
        BigDecimal a = new BigDecimal(available);
        SizingOutcome got = optimizer.size(c.cycle(), c.books(), a);
        assertSamePlan(got, referencePlan(ref, c.cycle(), c.books(), a), c.name());
        sized += got instanceof SizingOutcome.Sized ? 1 : 0;
      }
    }
    assertThat(sized).isGreaterThanOrEqualTo(10);
  }

  /**
   * The exact plan (amounts spent and received per leg, start, end, profit, as BigDecimal) or the
   * rejection is the same; then, as the search is bit-identical, the whole outcome (with the double
   * optimum it carries).
   */
  private static void assertSamePlan(SizingOutcome got, SizingOutcome want, String what) {
    if (want instanceof SizingOutcome.Sized w) {
      assertThat(got).as(what).isInstanceOf(SizingOutcome.Sized.class);
      TradePlan g = ((SizingOutcome.Sized) got).plan();
      TradePlan p = w.plan();
      assertThat(g.startAmount()).as(what).isEqualTo(p.startAmount());
      assertThat(g.endAmount()).as(what).isEqualTo(p.endAmount());
      assertThat(g.profit()).as(what).isEqualTo(p.profit());
      assertThat(g.fills()).as(what).isEqualTo(p.fills());
    } else {
      SizingOutcome.Rejected w = (SizingOutcome.Rejected) want;
      assertThat(got).as(what).isInstanceOf(SizingOutcome.Rejected.class);
      assertThat(((SizingOutcome.Rejected) got).reason()).as(what).isEqualTo(w.reason());
    }
    assertThat(got).as(what).isEqualTo(want);
  }

  /** The plan {@link AmtOptimizer} made from the reference sweep (books only, no gas). */
  private static SizingOutcome referencePlan(
      Reference ref, Cycle cycle, List<OrderBook> books, BigDecimal available) {
    int n = cycle.legs().size();
    LegLadder[] ladders = new LegLadder[n];
    for (int i = 0; i < n; i++) {
      ladders[i] = LegLadder.of(cycle.legs().get(i), books.get(i));
    }
    if (ref.run(ladders, n, available.doubleValue()) == ExactSweep.Stop.NONE) {
      double top = 1.0;
      for (LegLadder l : ladders) {
        top *= l.rate(0);
      }
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.NO_PROFIT,
          "no profit at any size: top-of-book return after fees is "
              + String.format(java.util.Locale.ROOT, "%.4f bp", (top - 1.0) * 10_000.0));
    }
    return PlanPricer.price(cycle, books, ref.start, ref.end - ref.start, available);
  }

  private static BookLevel level(double price, Random r) {
    return new BookLevel(
        new BigDecimal(price, new MathContext(10)),
        new BigDecimal(0.2 + r.nextDouble() * 3, new MathContext(8)));
  }

  /** The earlier books-only sweep, kept here as the reference. */
  private static final class Reference {
    private static final double RESIDUE = 1e-12;
    private static final double NEAR_ONE = 1.0 + 1e-9;
    final int[] level;
    final double[] rate;
    final double[] inverseMultiplier;
    final double[] remaining;
    final double[] full;
    final double[] input;
    final double[] output;
    final int[] examined;
    double start;
    double end;
    double marginal;
    boolean twoAtOnce;

    Reference(int maxLegs) {
      level = new int[maxLegs];
      rate = new double[maxLegs];
      inverseMultiplier = new double[maxLegs];
      remaining = new double[maxLegs];
      full = new double[maxLegs];
      input = new double[maxLegs];
      output = new double[maxLegs];
      examined = new int[maxLegs];
    }

    int used(int i) {
      return examined[i] == 0 ? 0 : level[i] + (remaining[i] < full[i] ? 1 : 0);
    }

    ExactSweep.Stop run(LegLadder[] ladders, int n, double available) {
      start = 0;
      end = 0;
      twoAtOnce = false;
      ExactSweep.Stop stop = ExactSweep.Stop.NONE;
      for (int i = 0; i < n; i++) {
        level[i] = 0;
        remaining[i] = 0;
        full[i] = 0;
        input[i] = 0;
        output[i] = 0;
        examined[i] = 0;
      }
      double im = 1.0;
      for (int i = 0; i < n; i++) {
        rate[i] = ladders[i].rates()[0];
        inverseMultiplier[i] = im;
        full[i] = ladders[i].capacities()[0] * im;
        im *= ladders[i].inverseRate(0);
        remaining[i] = full[i];
        examined[i] = 1;
      }
      marginal = exactMarginal(n);
      while (true) {
        if (marginal <= NEAR_ONE && (marginal = exactMarginal(n)) <= 1.0) {
          stop = start > 0 ? ExactSweep.Stop.MARGINAL_RATE : ExactSweep.Stop.NONE;
          break;
        }
        double dx = available - start;
        int binding = -1;
        for (int i = 0; i < n; i++) {
          if (remaining[i] < dx) {
            dx = remaining[i];
            binding = i;
          }
        }
        start += dx;
        if (binding < 0) {
          for (int i = 0; i < n; i++) {
            remaining[i] -= dx;
          }
          start = available;
          stop = ExactSweep.Stop.BALANCE;
          break;
        }
        int used = 0;
        for (int i = 0; i < n; i++) {
          remaining[i] -= dx;
          used += remaining[i] <= RESIDUE * full[i] ? 1 : 0;
        }
        remaining[binding] = 0;
        boolean ok;
        if (used <= 1) {
          ok = advance(ladders, binding, n);
        } else {
          twoAtOnce = true;
          ok = true;
          for (int k = 0; k < n && ok; k++) {
            if (remaining[k] <= RESIDUE * full[k]) {
              remaining[k] = 0;
              ok = advance(ladders, k, n);
            }
          }
        }
        if (!ok) {
          stop = ExactSweep.Stop.LIQUIDITY;
          break;
        }
      }
      double in = start;
      for (int i = 0; i < n; i++) {
        double out = in > 0 ? ladders[i].output(in, level[i]) : 0;
        input[i] = in;
        output[i] = out;
        in = out;
      }
      end = stop == ExactSweep.Stop.NONE ? 0 : output[n - 1];
      return stop;
    }

    private boolean advance(LegLadder[] ladders, int k, int n) {
      double[] caps = ladders[k].capacities();
      if (level[k] + 1 == caps.length) {
        return false;
      }
      int next = ++level[k];
      double old = rate[k];
      rate[k] = ladders[k].rates()[next];
      full[k] = caps[next] * inverseMultiplier[k];
      remaining[k] = full[k];
      examined[k]++;
      double f = old * ladders[k].inverseRate(next);
      marginal /= f;
      for (int i = k + 1; i < n; i++) {
        remaining[i] *= f;
        full[i] *= f;
        inverseMultiplier[i] *= f;
      }
      return true;
    }

    private double exactMarginal(int n) {
      double m = 1.0;
      for (int i = 0; i < n; i++) {
        m *= rate[i];
      }
      return m;
    }
  }
}
