package dev.arb.engine.stream;

import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.path.PathGraph;

/**
 * The streaming engine's changes in order, each with what it set (a book's top prices and the book,
 * a pool's new state, a market left out as stale), kept in a ring of the last {@link #capacity()}.
 * A search frame takes the entries since its last capture with {@link #copyTo} (sequential array
 * copies on the engine's thread: a few nanoseconds per entry) and replays them on its own graph
 * twin with {@link Delta#replay}, on the thread that searches it. Replaying an entry computes the
 * edge rates with the same {@link PathGraph} call from the same values as the engine did, so the
 * twin ends bit for bit where the engine's graph was at the capture.
 *
 * <p>Written by one thread (the engine's); allocates nothing.
 */
final class ChangeLog {
  static final byte BOOK = 0;
  static final byte POOL = 1;
  static final byte STALE = 2;

  private final int mask;
  private final int[] market;
  private final byte[] kind;
  private final double[] bid;
  private final double[] ask;
  private final Object[] ref;
  private long count;

  /** A log of the last {@code capacity} changes (a power of two). */
  ChangeLog(int capacity) {
    if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two, got " + capacity);
    }
    mask = capacity - 1;
    market = new int[capacity];
    kind = new byte[capacity];
    bid = new double[capacity];
    ask = new double[capacity];
    ref = new Object[capacity];
  }

  /** Book market {@code m} set from {@code book}, whose top prices are {@code b} and {@code a}. */
  void book(int m, double b, double a, OrderBook book) {
    int i = (int) count & mask;
    market[i] = m;
    kind[i] = BOOK;
    bid[i] = b;
    ask[i] = a;
    ref[i] = book;
    count++;
  }

  /** Pool market {@code m} set to {@code pool}. */
  void pool(int m, Pool pool) {
    int i = (int) count & mask;
    market[i] = m;
    kind[i] = POOL;
    ref[i] = pool;
    count++;
  }

  /** Market {@code m} left out as stale (its edges disabled until its next update). */
  void stale(int m) {
    int i = (int) count & mask;
    market[i] = m;
    kind[i] = STALE;
    ref[i] = null;
    count++;
  }

  /**
   * Reads the next entry's place in every array (the lines the next change writes), for a runner
   * keeping them in its cache while it waits; returns what it read, so that it is not optimised
   * away.
   */
  long ahead() {
    int i = (int) count & mask;
    long s = market[i] + kind[i] + Double.doubleToRawLongBits(bid[i] + ask[i]);
    return ref[i] == null ? s : s + 1;
  }

  /** Changes logged so far (the position of the next one). */
  long count() {
    return count;
  }

  /** Changes the ring keeps. */
  int capacity() {
    return mask + 1;
  }

  /**
   * Copies changes {@code [from, to)} into {@code d} (replacing what it held).
   *
   * @throws IllegalArgumentException when the ring no longer holds them all
   */
  void copyTo(long from, long to, Delta d) {
    int n = (int) (to - from);
    if (from < 0 || to > count || n < 0 || count - from > capacity()) {
      throw new IllegalArgumentException(
          "changes " + from + " to " + to + " are not all in the log (at " + count + ")");
    }
    d.ensure(n);
    int start = (int) from & mask;
    int first = Math.min(n, capacity() - start);
    copy(start, d, 0, first);
    copy(0, d, first, n - first);
    d.size = n;
  }

  private void copy(int at, Delta d, int to, int n) {
    if (n == 0) {
      return;
    }
    System.arraycopy(market, at, d.market, to, n);
    System.arraycopy(kind, at, d.kind, to, n);
    System.arraycopy(bid, at, d.bid, to, n);
    System.arraycopy(ask, at, d.ask, to, n);
    System.arraycopy(ref, at, d.ref, to, n);
  }

  /** Changes copied out of the log, to be replayed on a frame's state. For one thread at a time. */
  static final class Delta {
    private int[] market = new int[0];
    private byte[] kind = new byte[0];
    private double[] bid = new double[0];
    private double[] ask = new double[0];
    private Object[] ref = new Object[0];
    private int size;

    private void ensure(int n) {
      if (market.length >= n) {
        return;
      }
      int c = Math.max(n, 2 * market.length);
      market = new int[c];
      kind = new byte[c];
      bid = new double[c];
      ask = new double[c];
      ref = new Object[c];
    }

    /** Changes held. */
    int size() {
      return size;
    }

    /** Forgets the changes held (the frame was copied whole instead). */
    void clear() {
      java.util.Arrays.fill(ref, 0, size, null);
      size = 0;
    }

    /**
     * Applies the changes held, in order, to a frame's graph twin and its book, pool and staleness
     * arrays, as the engine applied them to its own; then forgets them.
     */
    void replay(PathGraph twin, OrderBook[] books, Pool[] pools, boolean[] stale) {
      for (int i = 0; i < size; i++) {
        int m = market[i];
        switch (kind[i]) {
          case BOOK -> {
            books[m] = (OrderBook) ref[i];
            stale[m] = false;
            twin.updateBook(m, bid[i], ask[i]);
          }
          case POOL -> {
            Pool p = (Pool) ref[i];
            pools[m] = p;
            stale[m] = false;
            twin.updatePool(m, p);
          }
          default -> {
            stale[m] = true;
            twin.disableMarket(m);
          }
        }
      }
      clear();
    }
  }
}
