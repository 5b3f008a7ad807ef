package dev.arb.cli.chart;

import dev.arb.daemon.ChartData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The panels of a chart model, the same the dashboard draws: opportunities per bucket by status;
 * expected vs realized profit, cumulative, one panel per start asset; and, where there are any,
 * trades and dead letters per bucket. Colours are the dashboard's.
 */
public final class Panels {
  private static final Map<String, String> STATUS_COLORS =
      Map.of(
          "detected", "#6e7781",
          "sized", "#0550ae",
          "rejected", "#bc4c00",
          "executing", "#8250df",
          "executed", "#116329",
          "failed", "#a40e26");
  static final String EXPECTED = "#0550ae";
  static final String REALIZED = "#116329";

  private Panels() {}

  /** The panels of {@code c}, top to bottom. */
  static List<Panel> of(ChartData.ChartJson c) {
    long[] times = c.times().stream().mapToLong(Long::longValue).toArray();
    String per = " per " + c.bucket();
    List<Panel> out = new ArrayList<>();
    List<Panel.Series> found = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : c.found().entrySet()) {
      found.add(
          new Panel.Series(
              e.getKey(),
              Integer.toString(e.getValue().stream().mapToInt(Integer::intValue).sum()),
              STATUS_COLORS.getOrDefault(e.getKey(), "#6e7781"),
              false,
              counts(e.getValue())));
    }
    out.add(
        new Panel(
            "Opportunities found" + per + ", by status",
            true,
            times,
            c.bucketSeconds(),
            found,
            "no opportunities in this window"));
    if (c.profit().isEmpty()) {
      out.add(
          new Panel(
              "Expected vs realized profit, cumulative",
              false,
              times,
              c.bucketSeconds(),
              List.of(),
              "no trades in this window"));
    }
    for (ChartData.Profit p : c.profit()) {
      String unit = " " + p.startAsset();
      out.add(
          new Panel(
              "Expected vs realized profit, cumulative, in "
                  + p.startAsset()
                  + " ("
                  + p.trades()
                  + (p.trades() == 1 ? " trade)" : " trades)"),
              false,
              times,
              c.bucketSeconds(),
              List.of(
                  new Panel.Series(
                      "expected", last(p.expected()) + unit, EXPECTED, true, amounts(p.expected())),
                  new Panel.Series(
                      "realized",
                      last(p.realized()) + unit,
                      REALIZED,
                      false,
                      amounts(p.realized()))),
              ""));
    }
    if (any(c.executed()) || any(c.failed()) || any(c.deadLetters())) {
      out.add(
          new Panel(
              "Trades and dead letters" + per,
              true,
              times,
              c.bucketSeconds(),
              List.of(
                  series("executed", "#116329", c.executed()),
                  series("failed", "#bc4c00", c.failed()),
                  series("dead letters", "#a40e26", c.deadLetters())),
              ""));
    }
    return out;
  }

  private static Panel.Series series(String label, String color, List<Integer> values) {
    return new Panel.Series(
        label,
        Integer.toString(values.stream().mapToInt(Integer::intValue).sum()),
        color,
        false,
        counts(values));
  }

  private static boolean any(List<Integer> values) {
    return values.stream().anyMatch(v -> v != 0);
  }

  private static double[] counts(List<Integer> values) {
    return values.stream().mapToDouble(Integer::doubleValue).toArray();
  }

  /** Decimal strings as numbers for drawing only; the legend shows the exact total. */
  private static double[] amounts(List<String> values) {
    return values.stream().mapToDouble(v -> new BigDecimal(v).doubleValue()).toArray();
  }

  /** The last value, at most 8 decimals (rounded half-even) for the legend. */
  static String last(List<String> values) {
    if (values.isEmpty()) {
      return "0";
    }
    return display(new BigDecimal(values.get(values.size() - 1)));
  }

  /** An amount for people: at most 8 decimals, rounded half-even, no trailing zeros. */
  public static String display(BigDecimal v) {
    BigDecimal r = v.scale() > 8 ? v.setScale(8, RoundingMode.HALF_EVEN) : v;
    r = r.stripTrailingZeros();
    return (r.signum() == 0 ? BigDecimal.ZERO : r.scale() < 0 ? r.setScale(0) : r).toPlainString();
  }
}
