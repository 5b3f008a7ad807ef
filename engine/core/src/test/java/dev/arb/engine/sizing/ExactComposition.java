package dev.arb.engine.sizing;

import java.math.BigDecimal;
import java.math.MathContext;

/** A slow reference: the profit of a start amount, composed leg by leg in 60-digit decimals. */
final class ExactComposition {
  private static final MathContext MC = new MathContext(60);

  private ExactComposition() {}

  static double profit(LegLadder[] ladders, double start) {
    BigDecimal x = new BigDecimal(start);
    BigDecimal in = x;
    for (LegLadder l : ladders) {
      BigDecimal out = BigDecimal.ZERO;
      for (int j = 0; j < l.depth() && in.signum() > 0; j++) {
        BigDecimal take = in.min(new BigDecimal(l.capacity(j)));
        out = out.add(take.multiply(new BigDecimal(l.rate(j)), MC), MC);
        in = in.subtract(take, MC);
      }
      in = out;
    }
    return in.subtract(x, MC).doubleValue();
  }
}
