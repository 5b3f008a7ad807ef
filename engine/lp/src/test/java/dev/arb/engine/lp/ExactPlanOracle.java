package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent oracle for the whole-graph plan: the same programme as {@link WholeGraphPlanner}
 * solved exactly, in rational arithmetic, by a dense-tableau primal simplex (Dantzig's rule, then
 * Bland's rule for good after 50 degenerate pivots in a row, so it always ends). For small
 * instances only (a few markets and steps).
 *
 * <p>The balances are eliminated: {@code v[n][t] = v0·[n=start] + Σ_{t'≤t} (Σ_in a·x − Σ_out x)},
 * so {@code v ≥ 0} follows from "no shorting" ({@code Σ_out x[t] ≤ v[n][t−1]}) and the programme is
 * {@code max c·x} subject to {@code A x ≤ b}, {@code x ≥ 0} with {@code b ≥ 0}: the all-slack basis
 * is feasible and no phase 1 is needed.
 */
final class ExactPlanOracle {

  private ExactPlanOracle() {}

  /** The optimum final balance of {@code start}, exactly. */
  static Q optimum(MarketSnapshot snapshot, Asset start, BigDecimal amount, int steps, int levels) {
    List<Asset> from = new ArrayList<>();
    List<Asset> to = new ArrayList<>();
    List<Q> rate = new ArrayList<>();
    List<Q> cap = new ArrayList<>();
    for (OrderBook b : snapshot.books()) {
      Q keep = Q.ONE.subtract(Q.of(b.market().takerFee()));
      for (int j = 0; j < Math.min(levels, b.bids().size()); j++) {
        BookLevel l = b.bids().get(j);
        from.add(b.market().base());
        to.add(b.market().quote());
        rate.add(Q.of(l.price()).multiply(keep));
        cap.add(Q.of(l.amount()));
      }
      for (int j = 0; j < Math.min(levels, b.asks().size()); j++) {
        BookLevel l = b.asks().get(j);
        from.add(b.market().quote());
        to.add(b.market().base());
        rate.add(keep.divide(Q.of(l.price())));
        cap.add(Q.of(l.amount()).multiply(Q.of(l.price())));
      }
    }
    Map<Asset, Integer> node = new HashMap<>();
    for (int e = 0; e < from.size(); e++) {
      node.putIfAbsent(from.get(e), node.size());
      node.putIfAbsent(to.get(e), node.size());
    }
    Q v0 = Q.of(amount);
    Integer s = node.get(start);
    if (s == null) {
      return v0;
    }
    int edges = from.size();
    int nodes = node.size();
    int vars = edges * steps;
    int rows = edges + nodes * steps;
    Q[][] a = new Q[rows][vars];
    Q[] b = new Q[rows];
    for (Q[] row : a) {
      java.util.Arrays.fill(row, Q.ZERO);
    }
    for (int e = 0; e < edges; e++) {
      for (int t = 0; t < steps; t++) {
        a[e][e * steps + t] = Q.ONE;
      }
      b[e] = cap.get(e);
    }
    for (int n = 0; n < nodes; n++) {
      for (int t = 0; t < steps; t++) {
        int r = edges + n * steps + t;
        b[r] = n == s ? v0 : Q.ZERO;
        for (int e = 0; e < edges; e++) {
          int f = node.get(from.get(e));
          int g = node.get(to.get(e));
          if (f == n) {
            // spent at step t and at every earlier step
            for (int u = 0; u <= t; u++) {
              a[r][e * steps + u] = a[r][e * steps + u].add(Q.ONE);
            }
          }
          if (g == n) {
            // received at earlier steps only
            for (int u = 0; u < t; u++) {
              a[r][e * steps + u] = a[r][e * steps + u].subtract(rate.get(e));
            }
          }
        }
      }
    }
    Q[] c = new Q[vars];
    for (int e = 0; e < edges; e++) {
      Q ce = Q.ZERO;
      if (node.get(to.get(e)) == (int) s) {
        ce = ce.add(rate.get(e));
      }
      if (node.get(from.get(e)) == (int) s) {
        ce = ce.subtract(Q.ONE);
      }
      for (int t = 0; t < steps; t++) {
        c[e * steps + t] = ce;
      }
    }
    return v0.add(maximise(a, b, c));
  }

  /** {@code max c·x} subject to {@code A x ≤ b}, {@code x ≥ 0}, {@code b ≥ 0}; bounded. */
  static Q maximise(Q[][] a, Q[] b, Q[] c) {
    int m = a.length;
    int n = c.length;
    int cols = n + m;
    Q[][] t = new Q[m][cols + 1];
    int[] basis = new int[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        t[i][j] = a[i][j];
      }
      for (int j = n; j < cols; j++) {
        t[i][j] = j - n == i ? Q.ONE : Q.ZERO;
      }
      t[i][cols] = b[i];
      basis[i] = n + i;
    }
    // reduced costs r_j = c_j − c_B B⁻¹ A_j, objective value z
    Q[] r = new Q[cols];
    for (int j = 0; j < cols; j++) {
      r[j] = j < n ? c[j] : Q.ZERO;
    }
    Q z = Q.ZERO;
    // Dantzig's rule (largest reduced cost) while pivots make progress; after a run of degenerate
    // pivots, Bland's rule (lowest index) for good, which cannot cycle
    boolean bland = false;
    int degenerate = 0;
    for (int iter = 0; iter < 1_000_000; iter++) {
      int enter = -1;
      for (int j = 0; j < cols; j++) {
        if (r[j].signum() > 0) {
          if (bland) {
            enter = j;
            break;
          }
          if (enter < 0 || r[j].compareTo(r[enter]) > 0) {
            enter = j;
          }
        }
      }
      if (enter < 0) {
        return z;
      }
      int leave = -1;
      Q best = null;
      for (int i = 0; i < m; i++) {
        if (t[i][enter].signum() > 0) {
          Q ratio = t[i][cols].divide(t[i][enter]);
          int cmp = best == null ? -1 : ratio.compareTo(best);
          if (cmp < 0 || (cmp == 0 && basis[i] < basis[leave])) {
            best = ratio;
            leave = i;
          }
        }
      }
      if (leave < 0) {
        throw new IllegalStateException("unbounded programme");
      }
      degenerate = best.signum() == 0 ? degenerate + 1 : 0;
      bland |= degenerate > 50;
      Q p = t[leave][enter];
      for (int j = 0; j <= cols; j++) {
        if (t[leave][j].signum() != 0) {
          t[leave][j] = t[leave][j].divide(p);
        }
      }
      for (int i = 0; i < m; i++) {
        Q f = t[i][enter];
        if (i != leave && f.signum() != 0) {
          for (int j = 0; j <= cols; j++) {
            if (t[leave][j].signum() != 0) {
              t[i][j] = t[i][j].subtract(f.multiply(t[leave][j]));
            }
          }
        }
      }
      Q f = r[enter];
      for (int j = 0; j < cols; j++) {
        if (t[leave][j].signum() != 0) {
          r[j] = r[j].subtract(f.multiply(t[leave][j]));
        }
      }
      z = z.add(f.multiply(t[leave][cols]));
      basis[leave] = enter;
    }
    throw new IllegalStateException("simplex did not end");
  }
}
