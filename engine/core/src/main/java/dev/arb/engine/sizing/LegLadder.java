package dev.arb.engine.sizing;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.SwapCurve;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One leg's output as a function of its input, as primitive arrays in the units of the asset the
 * leg spends: piece {@code j} takes up to {@code capacity[j]} units of {@code leg.from()} and pays
 * {@code y(t) = rate[j]·t / (1 + curvature[j]·t)} units of {@code leg.to()} for {@code t} of them,
 * after the fee (a Möbius map of its input, see {@link SwapCurve}). The output is concave and
 * non-decreasing in the input.
 *
 * <p>A book side is linear (every curvature 0), its rates strictly decreasing, best level first:
 *
 * <ul>
 *   <li>SELL (base → quote, bids): capacity = level amount (base), rate = bid·(1−fee)
 *   <li>BUY (quote → base, asks): capacity = amount·ask (quote), rate = (1/ask)·(1−fee)
 * </ul>
 *
 * A pool leg is its pool's {@link SwapCurve}: one unbounded piece {@code γ·R_out·t/(R_in + γ·t)}
 * for a constant-product pool, in token units (decimals applied).
 *
 * <p>Build one ladder per (market, side) per snapshot and share it between all cycles through that
 * market; the arrays are not copied and must not be changed.
 */
public final class LegLadder {
  private final Leg leg;
  private final double[] rate;
  private final double[] capacity;
  private final double[] cumulativeCapacity;
  private final double[] cumulativeOutput;
  // level j's rate, capacity and inverse rate (1 / rate, so the sweep multiplies instead of
  // dividing) at 3j, 3j+1, 3j+2: the sweep reads one array, one cache line per level
  private final double[] levels;
  // null for a linear ladder (every piece of curvature 0)
  private final double[] curvature;

  private LegLadder(Leg leg, double[] rate, double[] capacity) {
    this(leg, rate, capacity, null);
  }

  private LegLadder(Leg leg, double[] rate, double[] capacity, double[] curvature) {
    this.leg = leg;
    this.rate = rate;
    this.capacity = capacity;
    this.curvature = curvature;
    this.cumulativeCapacity = new double[rate.length + 1];
    this.cumulativeOutput = new double[rate.length + 1];
    this.levels = new double[3 * rate.length];
    for (int j = 0; j < rate.length; j++) {
      levels[3 * j] = rate[j];
      levels[3 * j + 1] = capacity[j];
      levels[3 * j + 2] = 1.0 / rate[j];
      cumulativeCapacity[j + 1] = cumulativeCapacity[j] + capacity[j];
      cumulativeOutput[j + 1] =
          cumulativeOutput[j]
              + (curvature == null || curvature[j] == 0
                  ? capacity[j] * rate[j]
                  : Double.isInfinite(capacity[j])
                      ? rate[j] / curvature[j]
                      : rate[j] * capacity[j] / (1 + curvature[j] * capacity[j]));
    }
  }

  /**
   * The ladder of a pool leg: its pool's {@link SwapCurve} in the leg's direction.
   *
   * @throws IllegalStateException if the leg is not on a pool
   */
  public static LegLadder of(Leg leg) {
    Objects.requireNonNull(leg, "leg");
    SwapCurve c = leg.pool().curve(leg.side() == Side.SELL);
    return ofCurve(leg, c.rate(), c.curvature(), c.capacity());
  }

  /**
   * A ladder of Möbius pieces (pools, tests, other curves). Each piece's rate must be at most the
   * previous piece's marginal rate at its end ({@code rate/(1 + curvature·capacity)²}, within
   * 1e-9), so the output is concave; only the last capacity may be infinite.
   */
  public static LegLadder ofCurve(Leg leg, double[] rate, double[] curvature, double[] capacity) {
    Objects.requireNonNull(leg, "leg");
    SwapCurve checked = new SwapCurve(rate, curvature, capacity);
    for (int j = 1; j < rate.length; j++) {
      double s = 1 + curvature[j - 1] * capacity[j - 1];
      double end = rate[j - 1] / (s * s);
      if (!(rate[j] <= end * (1 + 1e-9))) {
        throw new IllegalArgumentException(
            "piece " + j + ": rate " + rate[j] + " above the marginal rate " + end + " before it");
      }
    }
    boolean linear = true;
    for (double k : curvature) {
      linear &= k == 0;
    }
    return new LegLadder(
        leg, checked.rate(), checked.capacity(), linear ? null : checked.curvature());
  }

  /**
   * The ladder of {@code leg} on {@code book} (which must be the book of the leg's market), with at
   * most {@code maxLevels} levels.
   */
  public static LegLadder of(Leg leg, OrderBook book, int maxLevels) {
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(book, "book");
    if (!book.market().id().equals(leg.market().id())) {
      throw new IllegalArgumentException(
          "book " + book.market().id() + " is not the book of leg " + leg);
    }
    List<BookLevel> levels = leg.side() == Side.SELL ? book.bids() : book.asks();
    int n = Math.min(levels.size(), Math.max(0, maxLevels));
    double keep = BigDecimal.ONE.subtract(leg.market().takerFee()).doubleValue();
    double[] rate = new double[n];
    double[] cap = new double[n];
    for (int j = 0; j < n; j++) {
      BookLevel l = levels.get(j);
      double price = l.price().doubleValue();
      double amount = l.amount().doubleValue();
      if (leg.side() == Side.SELL) {
        rate[j] = price * keep;
        cap[j] = amount;
      } else {
        rate[j] = keep / price;
        cap[j] = amount * price;
      }
    }
    return new LegLadder(leg, rate, cap);
  }

  /** The ladder of {@code leg} on all levels of {@code book}. */
  public static LegLadder of(Leg leg, OrderBook book) {
    return of(leg, book, Integer.MAX_VALUE);
  }

  /**
   * A ladder from raw arrays (tests, benchmarks, other venues). Rates must be positive and strictly
   * decreasing, capacities positive.
   */
  public static LegLadder ofArrays(Leg leg, double[] rate, double[] capacity) {
    Objects.requireNonNull(leg, "leg");
    if (rate.length != capacity.length) {
      throw new IllegalArgumentException("rate and capacity lengths differ");
    }
    for (int j = 0; j < rate.length; j++) {
      if (!(rate[j] > 0) || !(capacity[j] > 0) || Double.isInfinite(capacity[j])) {
        throw new IllegalArgumentException("level " + j + ": rate and capacity must be positive");
      }
      if (j > 0 && !(rate[j] < rate[j - 1])) {
        throw new IllegalArgumentException("rates must be strictly decreasing at level " + j);
      }
    }
    return new LegLadder(leg, rate.clone(), capacity.clone());
  }

  public Leg leg() {
    return leg;
  }

  /** Number of levels. */
  public int depth() {
    return rate.length;
  }

  /** Units of {@code leg.to()} per unit of {@code leg.from()} at level {@code j}, after fee. */
  public double rate(int j) {
    return rate[j];
  }

  /** Units of {@code leg.from()} level {@code j} can absorb. */
  public double capacity(int j) {
    return capacity[j];
  }

  /** How fast piece {@code j}'s marginal rate falls: 0 for a book level (linear). */
  public double curvature(int j) {
    return curvature == null ? 0 : curvature[j];
  }

  /** Whether every piece is linear (a book side). */
  public boolean isLinear() {
    return curvature == null;
  }

  double[] rates() {
    return rate;
  }

  double[] capacities() {
    return capacity;
  }

  /** {@code 1 / rate[j]}, computed once per ladder so the sweep multiplies instead of dividing. */
  double inverseRate(int j) {
    return levels[3 * j + 2];
  }

  /**
   * Level {@code j}'s rate, capacity and inverse rate at {@code 3j}, {@code 3j+1}, {@code 3j+2}
   * (the same values as {@link #rates()}, {@link #capacities()}, {@link #inverseRate}).
   */
  double[] levels() {
    return levels;
  }

  /**
   * The output for {@code input} units of {@code leg.from()}, starting the level search at {@code
   * hint} (the level the caller expects the input to end in): O(1) when the hint is right, from the
   * cumulative capacity and output arrays computed once per ladder. An input beyond the book gives
   * the whole book's output.
   */
  double output(double input, int hint) {
    double[] cc = cumulativeCapacity;
    int last = rate.length - 1;
    int j = Math.max(0, Math.min(hint, last));
    while (j > 0 && cc[j] >= input) {
      j--;
    }
    while (j < last && cc[j + 1] < input) {
      j++;
    }
    if (input >= cc[j + 1]) {
      return cumulativeOutput[j + 1];
    }
    if (curvature == null || curvature[j] == 0) {
      return cumulativeOutput[j] + (input - cc[j]) * rate[j];
    }
    double t = input - cc[j];
    return cumulativeOutput[j] + rate[j] * t / (1 + curvature[j] * t);
  }
}
