package dev.arb.engine.path;

import java.util.Arrays;

/**
 * Keeps a working set of arrays in the CPU's caches by reading one element per cache line of each,
 * a few lines per {@link #step}, round after round: what a runner that spins on its own core (see
 * {@code arb.run.wait = spin}) does while it waits for the next event, so that the event finds the
 * lines it reads and writes near the core instead of in memory.
 *
 * <p>Why it pays: an update of one random market out of thousands touches some 25 cache lines (its
 * market's and its edges' entries in a dozen arrays, a chain of 4-5 loads that depend on each
 * other). At 10,000 updates a second the lines an update needs were last used hundreds of
 * milliseconds before and, on a machine whose caches other threads and other guests share, have
 * left them: each dependent load waits for memory. Measured on the 10,000-edge synthetic stream:
 * the runner's own time per update drops from about 1.0 to 0.4 µs (docs/benchmarks.md).
 *
 * <p>Allocates nothing once filled; one thread (the owner of the arrays) calls it.
 */
public final class CacheWarmer {
  private static final int LINE = 64;

  private Object[] arrays = new Object[16];
  // per array: how an element is read, elements per cache line, lines
  private byte[] kind = new byte[16];
  private int[] perLine = new int[16];
  private int[] lines = new int[16];
  private int count;
  private int maxLines;
  private int at;
  private int line;
  private long sink;

  private static final byte DOUBLES = 0;
  private static final byte INTS = 1;
  private static final byte LONGS = 2;
  private static final byte BOOLEANS = 3;
  private static final byte BYTES = 4;
  private static final byte REFERENCES = 5;
  // references whose objects' headers are read too (an identity hash)
  private static final byte HEADERS = 6;

  /** Forgets every array (before they are added again for a new state). */
  public void clear() {
    Arrays.fill(arrays, 0, count, null);
    count = 0;
    maxLines = 0;
    at = 0;
    line = 0;
  }

  /** Adds a {@code double[]}. */
  public CacheWarmer add(double[] a) {
    return add(a, DOUBLES, a.length, Double.BYTES);
  }

  /** Adds an {@code int[]}. */
  public CacheWarmer add(int[] a) {
    return add(a, INTS, a.length, Integer.BYTES);
  }

  /** Adds a {@code long[]}. */
  public CacheWarmer add(long[] a) {
    return add(a, LONGS, a.length, Long.BYTES);
  }

  /** Adds a {@code boolean[]}. */
  public CacheWarmer add(boolean[] a) {
    return add(a, BOOLEANS, a.length, 1);
  }

  /** Adds a {@code byte[]}. */
  public CacheWarmer add(byte[] a) {
    return add(a, BYTES, a.length, 1);
  }

  /**
   * Adds an array of references; with {@code headers}, the header of every object it refers to is
   * read too (one line per element: for objects whose identity hash an update reads).
   */
  public CacheWarmer add(Object[] a, boolean headers) {
    // 4 bytes a reference with compressed pointers (the default below 32 GB of heap)
    return headers ? add(a, HEADERS, a.length, LINE) : add(a, REFERENCES, a.length, 4);
  }

  private CacheWarmer add(Object a, byte k, int length, int bytes) {
    if (count == arrays.length) {
      arrays = Arrays.copyOf(arrays, count * 2);
      kind = Arrays.copyOf(kind, count * 2);
      perLine = Arrays.copyOf(perLine, count * 2);
      lines = Arrays.copyOf(lines, count * 2);
    }
    int per = Math.max(1, LINE / bytes);
    int n = (length + per - 1) / per;
    // kept longest first: the arrays still having a line at a round position are a prefix
    int at = count;
    while (at > 0 && lines[at - 1] < n) {
      arrays[at] = arrays[at - 1];
      kind[at] = kind[at - 1];
      perLine[at] = perLine[at - 1];
      lines[at] = lines[at - 1];
      at--;
    }
    arrays[at] = a;
    kind[at] = k;
    perLine[at] = per;
    lines[at] = n;
    maxLines = lines[0];
    count++;
    return this;
  }

  /** Arrays added. */
  public int arrays() {
    return count;
  }

  /** Cache lines one whole round reads. */
  public long linesPerRound() {
    long n = 0;
    for (int i = 0; i < count; i++) {
      n += lines[i];
    }
    return n;
  }

  /**
   * Reads the next {@code touches} lines, going on where the last step stopped: line 0 of every
   * array, then line 1 of those that have one, and so on; then the next round. Returns at once when
   * no array has a line.
   */
  public void step(int touches) {
    if (maxLines == 0) {
      return;
    }
    long s = sink;
    int a = at;
    int l = line;
    for (int done = 0; done < touches; done++) {
      s += read(a, l * perLine[a]);
      if (++a == count || l >= lines[a]) {
        a = 0;
        if (++l == maxLines) {
          l = 0;
        }
      }
    }
    at = a;
    line = l;
    sink = s;
  }

  private long read(int a, int i) {
    Object o = arrays[a];
    switch (kind[a]) {
      case DOUBLES:
        return Double.doubleToRawLongBits(((double[]) o)[i]);
      case INTS:
        return ((int[]) o)[i];
      case LONGS:
        return ((long[]) o)[i];
      case BOOLEANS:
        return ((boolean[]) o)[i] ? 1 : 0;
      case BYTES:
        return ((byte[]) o)[i];
      case REFERENCES:
        return ((Object[]) o)[i] == null ? 0 : 1;
      default:
        Object x = ((Object[]) o)[i];
        return x == null ? 0 : System.identityHashCode(x);
    }
  }

  /** What the reads summed to: kept so that they are not optimised away. */
  long sink() {
    return sink;
  }
}
