package dev.arb.cli.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Lays out one {@link Panel} in a box and paints it: title, legend with each series' total, a value
 * axis with round steps (whole numbers for counts; as many decimals as the step needs), a time axis
 * in UTC ({@code 2026-12-07 14:00}), grid lines and the series. The same layout feeds the SVG and
 * the PNG painter.
 */
final class PanelLayout {
  static final String TEXT = "#1f2328";
  static final String MUTED = "#57606a";
  static final String GRID = "#d0d7de";
  static final String BACKGROUND = "#ffffff";

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final double LEFT = 78;
  private static final double RIGHT = 20;
  private static final double TOP = 46;
  private static final double BOTTOM = 30;

  private PanelLayout() {}

  /** A time for people, in UTC: {@code 2026-12-07 14:00} (the date alone for day buckets). */
  static String time(long epochSecond, long bucketSeconds) {
    Instant t = Instant.ofEpochSecond(epochSecond);
    return bucketSeconds >= 86_400 ? DAYS.format(t) : MINUTES.format(t);
  }

  static void draw(Painter p, Panel panel, double x, double y, double w, double h) {
    p.rect(x, y, w, h, BACKGROUND, null);
    p.text(x + 8, y + 17, panel.title(), Painter.Anchor.START, 14, TEXT, true);
    double lx = x + 8;
    for (Panel.Series s : panel.series()) {
      p.rect(lx, y + 27, 14, 4, s.color(), null);
      String label = s.label() + (s.total().isEmpty() ? "" : ": " + s.total());
      p.text(lx + 18, y + 33, label, Painter.Anchor.START, 12, MUTED, false);
      lx += 18 + 7.2 * label.length() + 16;
    }
    double left = x + LEFT;
    double right = x + w - RIGHT;
    double top = y + TOP;
    double bottom = y + h - BOTTOM;
    if (bottom - top < 20 || right - left < 40) {
      return;
    }
    long[] times = panel.times();
    int n = times.length;
    if (panel.series().isEmpty() || n == 0) {
      p.rect(left, top, right - left, bottom - top, null, GRID);
      p.text(
          (left + right) / 2,
          (top + bottom) / 2,
          panel.empty(),
          Painter.Anchor.MIDDLE,
          13,
          MUTED,
          false);
      return;
    }
    double min = 0;
    double max = 0;
    for (Panel.Series s : panel.series()) {
      for (double v : s.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    Ticks ticks = Ticks.of(min, max, panel.counts(), Math.max(2, (int) ((bottom - top) / 40)));
    double lo = ticks.first();
    double hi = ticks.last();
    for (int i = 0; i < ticks.count(); i++) {
      double v = ticks.value(i);
      double py = bottom - (v - lo) / (hi - lo) * (bottom - top);
      p.polyline(new double[] {left, right}, new double[] {py, py}, GRID, 1, false);
      p.text(left - 6, py + 4, ticks.label(i), Painter.Anchor.END, 11, MUTED, false);
    }
    p.polyline(new double[] {left, left}, new double[] {top, bottom}, MUTED, 1, false);
    int labels = Math.max(2, Math.min(n, (int) ((right - left) / 150) + 1));
    if (n == 1) {
      labels = 1;
    }
    for (int j = 0; j < labels; j++) {
      int i = labels == 1 ? 0 : (int) Math.round(j * (n - 1) / (double) (labels - 1));
      double px = xOf(i, n, left, right);
      Painter.Anchor a =
          labels == 1
              ? Painter.Anchor.MIDDLE
              : j == 0
                  ? Painter.Anchor.START
                  : j == labels - 1 ? Painter.Anchor.END : Painter.Anchor.MIDDLE;
      p.polyline(new double[] {px, px}, new double[] {bottom, bottom + 4}, MUTED, 1, false);
      p.text(px, bottom + 17, time(times[i], panel.bucketSeconds()), a, 11, MUTED, false);
    }
    for (Panel.Series s : panel.series()) {
      double[] xs;
      double[] ys;
      if (n == 1) {
        // one bucket: its value across the whole width
        double py = bottom - (s.values()[0] - lo) / (hi - lo) * (bottom - top);
        xs = new double[] {left, right};
        ys = new double[] {py, py};
      } else {
        xs = new double[n];
        ys = new double[n];
        for (int i = 0; i < n; i++) {
          xs[i] = xOf(i, n, left, right);
          ys[i] = bottom - (s.values()[i] - lo) / (hi - lo) * (bottom - top);
        }
      }
      p.polyline(xs, ys, s.color(), 2, s.dashed());
    }
    double zero = bottom - (0 - lo) / (hi - lo) * (bottom - top);
    p.polyline(new double[] {left, right}, new double[] {zero, zero}, MUTED, 1, false);
  }

  private static double xOf(int i, int n, double left, double right) {
    return n == 1 ? (left + right) / 2 : left + i * (right - left) / (n - 1);
  }
}
