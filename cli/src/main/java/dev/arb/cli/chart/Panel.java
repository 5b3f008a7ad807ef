package dev.arb.cli.chart;

import java.util.List;
import java.util.Objects;

/**
 * One chart: series over the same time buckets.
 *
 * @param title what it shows, for people
 * @param counts whether the values are counts (whole numbers on the axis) rather than amounts
 * @param times each bucket's start, seconds since the epoch
 * @param bucketSeconds the buckets' width in seconds
 * @param series what is drawn; empty draws {@code empty}
 * @param empty the note shown when there is nothing to draw
 */
record Panel(
    String title,
    boolean counts,
    long[] times,
    long bucketSeconds,
    List<Series> series,
    String empty) {

  Panel {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(times, "times");
    series = List.copyOf(series);
    for (Series s : series) {
      if (s.values().length != times.length) {
        throw new IllegalArgumentException(
            "series " + s.label() + " has " + s.values().length + " values for " + times.length);
      }
    }
  }

  /**
   * One line.
   *
   * @param label its name in the legend
   * @param total what the legend shows after the name (the exact last value), or empty
   * @param color {@code #rrggbb}
   * @param dashed drawn dashed
   * @param values one per bucket
   */
  record Series(String label, String total, String color, boolean dashed, double[] values) {}
}
