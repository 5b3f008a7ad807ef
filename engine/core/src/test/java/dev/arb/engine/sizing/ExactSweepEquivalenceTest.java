package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The books-only sweep (its register form for up to 4 legs and its array form for more) gives the
 * results of the plain array sweep it replaced, bit for bit: start, end, stop, and per leg the
 * input, output, levels examined and used. The reference below is that earlier sweep (running
 * marginal rate, one array update per leg per segment); compared on 3,000 seeded random cycles of 1
 * to 8 legs (a third with capacities aligned so that legs use up levels in the same segment,
 * balances that bind or not, books that run out) and on the real cycles of {@link RealCycles}.
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
        im *= ladders[i].inverseRates()[0];
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
      double f = old * ladders[k].inverseRates()[next];
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
