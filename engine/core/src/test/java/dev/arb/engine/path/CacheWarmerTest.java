package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cache warmer reads exactly one element per cache line of every array it keeps, each once a
 * round, whatever the step size, and starts over; it allocates nothing while it steps.
 */
class CacheWarmerTest {

  /**
   * Arrays of every kind whose first element of each 64-byte line is 1 and every other element a
   * large number: a round of reads sums to the number of lines only if it reads those and only
   * those (each once).
   */
  private static CacheWarmer filled(Object[] headerObjects) {
    double[] d = new double[1_001]; // 126 lines of 8
    long[] l = new long[17]; // 3 lines
    int[] i = new int[5_000]; // 313 lines of 16
    boolean[] b = new boolean[130]; // 3 lines of 64
    byte[] y = new byte[64]; // 1 line
    Object[] r = new Object[33]; // 3 lines of 16 references
    Arrays.fill(d, 1e6);
    Arrays.fill(l, 1_000_000);
    Arrays.fill(i, 1_000_000);
    Arrays.fill(y, (byte) 100);
    for (int k = 0; k < d.length; k += 8) {
      d[k] = Double.longBitsToDouble(1);
    }
    for (int k = 0; k < l.length; k += 8) {
      l[k] = 1;
    }
    for (int k = 0; k < i.length; k += 16) {
      i[k] = 1;
    }
    for (int k = 0; k < b.length; k += 64) {
      b[k] = true;
    }
    y[0] = 1;
    for (int k = 0; k < r.length; k += 16) {
      r[k] = "x";
    }
    CacheWarmer w = new CacheWarmer();
    w.add(d).add(l).add(i).add(b).add(y).add(r, false);
    if (headerObjects != null) {
      w.add(headerObjects, true);
    }
    return w;
  }

  @Test
  void aRoundReadsEveryLineOfEveryArrayOnceWhateverTheStep() {
    for (int touches : new int[] {1, 3, 8, 64, 1_000}) {
      CacheWarmer w = filled(null);
      long lines = 126 + 3 + 313 + 3 + 1 + 3;
      assertThat(w.linesPerRound()).isEqualTo(lines);
      assertThat(w.arrays()).isEqualTo(6);
      long steps = lines / touches;
      for (long s = 0; s < steps; s++) {
        w.step(touches);
      }
      w.step((int) (lines - steps * touches));
      assertThat(w.sink()).as("one round in steps of %d", touches).isEqualTo(lines);
      // the next round reads them all again, from the start
      for (long s = 0; s < lines; s++) {
        w.step(1);
      }
      assertThat(w.sink()).as("two rounds in steps of %d", touches).isEqualTo(2 * lines);
    }
  }

  @Test
  void headersAreReadThroughEveryReferenceAndNullsAreSkipped() {
    Object[] objects = new Object[40];
    long hashes = 0;
    for (int k = 0; k < objects.length; k += 3) {
      objects[k] = new Object();
      hashes += System.identityHashCode(objects[k]);
    }
    CacheWarmer w = filled(objects);
    long lines = 126 + 3 + 313 + 3 + 1 + 3;
    assertThat(w.linesPerRound()).isEqualTo(lines + objects.length);
    for (long s = 0; s < lines + objects.length; s++) {
      w.step(1);
    }
    assertThat(w.sink()).isEqualTo(lines + hashes);
  }

  @Test
  void anEmptyOrClearedWarmerDoesNothingAndGrowsBeyondItsFirstCapacity() {
    CacheWarmer w = new CacheWarmer();
    w.step(8);
    assertThat(w.sink()).isZero();
    long[] ones = new long[8];
    Arrays.fill(ones, 1);
    for (int k = 0; k < 40; k++) {
      w.add(ones);
    }
    assertThat(w.arrays()).isEqualTo(40);
    w.step(40);
    assertThat(w.sink()).isEqualTo(40);
    w.clear();
    assertThat(w.arrays()).isZero();
    assertThat(w.linesPerRound()).isZero();
    w.step(8);
    assertThat(w.sink()).isEqualTo(40);
  }

  @Test
  void steppingAllocatesNothing() {
    CacheWarmer w = filled(new Object[] {new Object(), null, new Object()});
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (int k = 0; k < 100_000; k++) {
      w.step(8);
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int k = 0; k < 100_000; k++) {
      w.step(8);
    }
    assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(1_024);
  }
}
