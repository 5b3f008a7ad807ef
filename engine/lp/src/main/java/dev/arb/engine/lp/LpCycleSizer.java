package dev.arb.engine.lp;

import dev.arb.engine.sizing.LegLadder;
import java.util.Arrays;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Sizes one cycle as a linear programme with ojAlgo: the cross-check of {@link ExactSweep}, and the
 * formulation to extend when a cycle is not a plain chain (shared markets, extra constraints).
 * About four orders of magnitude slower than the sweep: not for the hot path.
 *
 * <p>Variables: the amount each leg takes from each level, {@code 0 ≤ y[i][j] ≤ capacity[i][j]} (in
 * the leg's from-asset). Constraints: flow conservation {@code Σ_j y[i+1][j] = Σ_j rate[i][j]
 * y[i][j]} and {@code Σ_j y[0][j] ≤ available}. Objective: maximise {@code Σ_j rate[n−1][j]
 * y[n−1][j] − Σ_j y[0][j]}. Each leg's variables are scaled by the product of the top-of-book rates
 * before it, so all variables are in start-asset units and the problem is well conditioned.
 *
 * <p>Adaptive depth: the programme starts with a few levels per leg and doubles the depth of any
 * leg whose deepest modelled level is used up, until no leg is cut short.
 */
public final class LpCycleSizer {

  /**
   * The LP optimum.
   *
   * @param start optimal start amount
   * @param end end amount
   * @param legInputs amount each leg spends, in its from-asset
   * @param levelsModelled levels of each leg in the final programme
   */
  public record Solution(double start, double end, double[] legInputs, int[] levelsModelled) {
    public Solution {
      legInputs = legInputs.clone();
      levelsModelled = levelsModelled.clone();
    }

    public double profit() {
      return end - start;
    }

    @Override
    public double[] legInputs() {
      return legInputs.clone();
    }

    @Override
    public int[] levelsModelled() {
      return levelsModelled.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Solution s
          && Double.compare(start, s.start) == 0
          && Double.compare(end, s.end) == 0
          && Arrays.equals(legInputs, s.legInputs)
          && Arrays.equals(levelsModelled, s.levelsModelled);
    }

    @Override
    public int hashCode() {
      return Double.hashCode(start) * 31 + Double.hashCode(end);
    }

    @Override
    public String toString() {
      return "Solution[start=" + start + ", end=" + end + "]";
    }
  }

  private static final int FIRST_DEPTH = 4;
  private static final double FULL = 1 - 1e-9;

  private LpCycleSizer() {}

  /** Solves with adaptive depth. An empty book side gives a zero solution. */
  public static Solution solve(LegLadder[] ladders, double available) {
    int n = ladders.length;
    int[] depth = new int[n];
    for (int i = 0; i < n; i++) {
      if (ladders[i].depth() == 0 || !(available > 0)) {
        return new Solution(0, 0, new double[n], new int[n]);
      }
      depth[i] = Math.min(FIRST_DEPTH, ladders[i].depth());
    }
    while (true) {
      double[][] y = new double[n][];
      double[] objective = new double[1];
      solveAtDepth(ladders, depth, available, y, objective);
      boolean deeper = false;
      for (int i = 0; i < n; i++) {
        int last = depth[i] - 1;
        if (depth[i] < ladders[i].depth() && y[i][last] >= ladders[i].capacity(last) * FULL) {
          depth[i] = Math.min(ladders[i].depth(), depth[i] * 2);
          deeper = true;
        }
      }
      if (!deeper) {
        double[] inputs = new double[n];
        for (int i = 0; i < n; i++) {
          for (double v : y[i]) {
            inputs[i] += v;
          }
        }
        double end = 0;
        for (int j = 0; j < depth[n - 1]; j++) {
          end += ladders[n - 1].rate(j) * y[n - 1][j];
        }
        return new Solution(inputs[0], end, inputs, depth);
      }
    }
  }

  private static void solveAtDepth(
      LegLadder[] ladders, int[] depth, double available, double[][] y, double[] objective) {
    int n = ladders.length;
    double[] scale = new double[n];
    scale[0] = 1.0;
    for (int i = 1; i < n; i++) {
      scale[i] = scale[i - 1] * ladders[i - 1].rate(0);
    }
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[][] z = new Variable[n][];
    for (int i = 0; i < n; i++) {
      z[i] = new Variable[depth[i]];
      for (int j = 0; j < depth[i]; j++) {
        z[i][j] =
            model.addVariable("z" + i + "_" + j).lower(0).upper(ladders[i].capacity(j) / scale[i]);
      }
    }
    Expression budget = model.addExpression("budget").lower(0);
    if (!Double.isInfinite(available)) {
      budget.upper(available);
    }
    for (int j = 0; j < depth[0]; j++) {
      budget.set(z[0][j], 1.0);
    }
    for (int i = 0; i + 1 < n; i++) {
      Expression flow = model.addExpression("flow" + i).level(0);
      for (int j = 0; j < depth[i + 1]; j++) {
        flow.set(z[i + 1][j], 1.0);
      }
      double top = ladders[i].rate(0);
      for (int j = 0; j < depth[i]; j++) {
        flow.set(z[i][j], -ladders[i].rate(j) / top);
      }
    }
    Expression profit = model.addExpression("profit").weight(1);
    for (int j = 0; j < depth[n - 1]; j++) {
      profit.set(z[n - 1][j], ladders[n - 1].rate(j) * scale[n - 1]);
    }
    for (int j = 0; j < depth[0]; j++) {
      double c = n == 1 ? ladders[0].rate(j) - 1.0 : -1.0;
      profit.set(z[0][j], c);
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("cycle LP not solved: " + result.getState());
    }
    for (int i = 0; i < n; i++) {
      y[i] = new double[depth[i]];
      for (int j = 0; j < depth[i]; j++) {
        y[i][j] = Math.max(0, z[i][j].getValue().doubleValue()) * scale[i];
      }
    }
    objective[0] = result.getValue();
  }
}
