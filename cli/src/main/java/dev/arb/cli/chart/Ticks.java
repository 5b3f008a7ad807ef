package dev.arb.cli.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Round steps for a value axis: 1, 2 or 5 times a power of ten, covering {@code min..max}; whole
 * numbers when counting. Labels have as many decimals as the step needs, with thousands separated.
 *
 * @param first the lowest tick
 * @param step the distance between ticks
 * @param count how many ticks
 */
record Ticks(double first, double step, int count) {

  static Ticks of(double min, double max, boolean counts, int most) {
    if (!(max > min)) {
      max = min + (counts ? 1 : Math.max(Math.abs(min) * 0.1, 1e-8));
    }
    double raw = (max - min) / Math.max(1, most - 1);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = power;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        step = m * power;
        break;
      }
    }
    if (counts) {
      step = Math.max(1, Math.round(step));
    }
    double first = Math.floor(min / step + 1e-9) * step;
    int count = (int) Math.ceil((max - first) / step - 1e-9) + 1;
    return new Ticks(first, step, Math.max(2, count));
  }

  double value(int i) {
    return first + i * step;
  }

  double last() {
    return value(count - 1);
  }

  /** The label of tick {@code i}: {@code 1,250}, {@code 0.0025}. */
  String label(int i) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    BigDecimal v = new BigDecimal(value(i)).setScale(decimals, RoundingMode.HALF_EVEN);
    if (v.signum() == 0) {
      v = v.abs();
    }
    return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", v);
  }
}
