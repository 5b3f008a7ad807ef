package dev.arb.engine.model.v3;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The initialized ticks of a pool within a known range, as the swap loop walks them: their indexes
 * (sorted, multiples of the spacing) and signed {@code liquidityNet}, the tick spacing, and the
 * range {@code [lowest, highest]} whose every initialized tick is listed. It answers the contract's
 * question "the next initialized tick within one bitmap word" ({@link #next}): a word of the tick
 * bitmap covers 256 compressed ticks ({@code tick / spacing}, rounded towards −∞), and a search
 * that finds none in the current word stops at the word's edge.
 *
 * <p>Square-root prices at the listed ticks and at the word edges are computed on first use and
 * kept (racy but safe: the values are immutable and recomputing one gives the same number).
 * Immutable otherwise; the arrays are not shared with the caller.
 */
public final class TickTable {
  private final int spacing;
  private final int[] index;
  private final int[] compressed;
  private final BigInteger[] liquidityNet;
  private final int lowest;
  private final int highest;
  private final BigInteger[] sqrtAtIndex;
  private final int firstWord;
  private final BigInteger[] sqrtAtWordLow;
  private final BigInteger[] sqrtAtWordHigh;

  /**
   * @param spacing the pool's tick spacing, &ge; 1
   * @param index initialized ticks, strictly increasing multiples of {@code spacing} within {@code
   *     [lowest, highest]}
   * @param liquidityNet each tick's {@code liquidityNet} (liquidity added when the price crosses it
   *     upwards)
   * @param lowest the lowest tick the list is complete from, &ge; {@link TickMath#MIN_TICK}
   * @param highest the highest, &le; {@link TickMath#MAX_TICK}
   * @throws IllegalArgumentException if any of that does not hold
   */
  public TickTable(int spacing, int[] index, BigInteger[] liquidityNet, int lowest, int highest) {
    if (spacing < 1) {
      throw new IllegalArgumentException("tick spacing must be at least 1, got " + spacing);
    }
    if (index.length != liquidityNet.length) {
      throw new IllegalArgumentException("one liquidityNet per tick");
    }
    if (lowest < TickMath.MIN_TICK || highest > TickMath.MAX_TICK || lowest > highest) {
      throw new IllegalArgumentException(
          "tick range [" + lowest + ", " + highest + "] is not within the ticks a pool has");
    }
    this.spacing = spacing;
    this.index = index.clone();
    this.liquidityNet = liquidityNet.clone();
    this.lowest = lowest;
    this.highest = highest;
    this.compressed = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      if (index[i] % spacing != 0) {
        throw new IllegalArgumentException(
            "tick " + index[i] + " is not a multiple of the spacing " + spacing);
      }
      if (i > 0 && index[i] <= index[i - 1]) {
        throw new IllegalArgumentException("ticks must be strictly increasing at " + index[i]);
      }
      if (index[i] < lowest || index[i] > highest) {
        throw new IllegalArgumentException(
            "tick " + index[i] + " is outside the range [" + lowest + ", " + highest + "]");
      }
      compressed[i] = index[i] / spacing;
    }
    this.sqrtAtIndex = new BigInteger[index.length];
    this.firstWord = word(Math.floorDiv(lowest, spacing));
    int lastWord = word(Math.floorDiv(highest, spacing));
    this.sqrtAtWordLow = new BigInteger[lastWord - firstWord + 2];
    this.sqrtAtWordHigh = new BigInteger[lastWord - firstWord + 2];
  }

  private static int word(int compressedTick) {
    return compressedTick >> 8;
  }

  public int spacing() {
    return spacing;
  }

  public int lowest() {
    return lowest;
  }

  public int highest() {
    return highest;
  }

  /** Number of initialized ticks listed. */
  public int size() {
    return index.length;
  }

  /** The {@code i}-th initialized tick. */
  public int index(int i) {
    return index[i];
  }

  /** Its {@code liquidityNet}. */
  public BigInteger liquidityNet(int i) {
    return liquidityNet[i];
  }

  /** The position of {@code tick} in the list, or {@code −(insertion point) − 1}. */
  public int find(int tick) {
    return Arrays.binarySearch(index, tick);
  }

  /**
   * The contract's next step target from {@code tick}: searching down ({@code lte}: at or below the
   * tick's compressed tick) or up (strictly above it) within that bitmap word, the nearest
   * initialized tick, else the word's lowest (down) or highest (up) tick; clamped to {@link
   * TickMath#MIN_TICK}, {@link TickMath#MAX_TICK}.
   *
   * @return the target tick in the low 32 bits; in the high 32 bits the position of the initialized
   *     tick in this table, or −1 when the target is a word edge
   */
  public long next(int tick, boolean lte) {
    int c = Math.floorDiv(tick, spacing);
    int target;
    int at = -1;
    if (lte) {
      int edge = word(c) << 8;
      int p = Arrays.binarySearch(compressed, c);
      int i = p >= 0 ? p : -p - 2;
      if (i >= 0 && compressed[i] >= edge) {
        at = i;
        target = index[i];
      } else {
        target = edge * spacing;
      }
    } else {
      int c1 = c + 1;
      int edge = (word(c1) << 8) + 255;
      int p = Arrays.binarySearch(compressed, c1);
      int i = p >= 0 ? p : -p - 1;
      if (i < compressed.length && compressed[i] <= edge) {
        at = i;
        target = index[i];
      } else {
        target = edge * spacing;
      }
    }
    target = Math.max(TickMath.MIN_TICK, Math.min(TickMath.MAX_TICK, target));
    return ((long) at << 32) | (target & 0xffffffffL);
  }

  /** The target tick of a {@link #next} answer. */
  public static int target(long next) {
    return (int) next;
  }

  /** The table position of a {@link #next} answer's initialized tick, or −1 for a word edge. */
  public static int position(long next) {
    return (int) (next >> 32);
  }

  /** {@link TickMath#sqrtRatioAtTick} of a {@link #next} answer's target, kept once computed. */
  public BigInteger sqrtRatio(long next) {
    int at = position(next);
    int tick = target(next);
    if (at >= 0) {
      BigInteger s = sqrtAtIndex[at];
      if (s == null) {
        s = TickMath.sqrtRatioAtTick(tick);
        sqrtAtIndex[at] = s;
      }
      return s;
    }
    int w = word(Math.floorDiv(tick, spacing)) - firstWord;
    boolean low = Math.floorMod(Math.floorDiv(tick, spacing), 256) == 0;
    BigInteger[] cache = low ? sqrtAtWordLow : sqrtAtWordHigh;
    if (w < 0 || w >= cache.length || tick == TickMath.MIN_TICK || tick == TickMath.MAX_TICK) {
      return TickMath.sqrtRatioAtTick(tick);
    }
    BigInteger s = cache[w];
    if (s == null) {
      s = TickMath.sqrtRatioAtTick(tick);
      cache[w] = s;
    }
    return s;
  }
}
