package dev.arb.engine.sizing;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent slow reference for cycles over pools and books on one venue: every simple cycle by
 * plain enumeration, each leg's output in double from the raw reserves and levels (not through the
 * engine's curves or ladders), and the optimal start amount by golden-section search.
 */
final class CycleReference {
  /** One directed market: a pool or a book side. */
  record Edge(Leg leg, int from, int to, double rate) {
    String key() {
      return leg.tradable().id() + ":" + leg.side();
    }
  }

  /** A simple cycle: its edges and its return at zero size. */
  record RefCycle(List<Edge> edges, double ret) {
    /** Rotation-invariant key. */
    String key() {
      List<String> k = new ArrayList<>();
      for (Edge e : edges) {
        k.add(e.key());
      }
      int best = 0;
      for (int i = 1; i < k.size(); i++) {
        if (rotation(k, i).compareTo(rotation(k, best)) < 0) {
          best = i;
        }
      }
      return rotation(k, best);
    }

    private static String rotation(List<String> k, int start) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < k.size(); i++) {
        sb.append(k.get((start + i) % k.size())).append(' ');
      }
      return sb.toString();
    }
  }

  private final Map<String, OrderBook> books = new HashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private int nodes;

  CycleReference(MarketSnapshot s) {
    Map<Asset, Integer> ids = new HashMap<>();
    for (OrderBook b : s.books()) {
      books.put(b.market().id(), b);
      int base = ids.computeIfAbsent(b.market().base(), k -> ids.size());
      int quote = ids.computeIfAbsent(b.market().quote(), k -> ids.size());
      double keep = 1 - b.market().takerFee().doubleValue();
      if (!b.bids().isEmpty()) {
        edges.add(
            new Edge(
                new Leg(b.market(), Side.SELL),
                base,
                quote,
                b.bids().get(0).price().doubleValue() * keep));
      }
      if (!b.asks().isEmpty()) {
        edges.add(
            new Edge(
                new Leg(b.market(), Side.BUY),
                quote,
                base,
                keep / b.asks().get(0).price().doubleValue()));
      }
    }
    for (Pool p : s.pools()) {
      int a = ids.computeIfAbsent(p.base(), k -> ids.size());
      int b = ids.computeIfAbsent(p.quote(), k -> ids.size());
      edges.add(new Edge(new Leg(p, Side.SELL), a, b, poolRate(new Leg(p, Side.SELL))));
      edges.add(new Edge(new Leg(p, Side.BUY), b, a, poolRate(new Leg(p, Side.BUY))));
    }
    nodes = ids.size();
  }

  /** Every simple cycle of 2 to {@code maxLength} legs, each once. */
  List<RefCycle> cycles(int maxLength) {
    List<RefCycle> out = new ArrayList<>();
    for (int s = 0; s < nodes; s++) {
      dfs(s, s, new ArrayList<>(), new boolean[nodes], maxLength, out);
    }
    return out;
  }

  private void dfs(int s, int v, List<Edge> path, boolean[] on, int max, List<RefCycle> out) {
    for (Edge e : edges) {
      if (e.from() != v) {
        continue;
      }
      if (e.to() == s) {
        if (path.size() + 1 >= 2) {
          List<Edge> c = new ArrayList<>(path);
          c.add(e);
          double r = 1;
          for (Edge x : c) {
            r *= x.rate();
          }
          out.add(new RefCycle(c, r));
        }
        continue;
      }
      if (e.to() < s || on[e.to()] || path.size() + 1 >= max) {
        continue;
      }
      on[e.to()] = true;
      path.add(e);
      dfs(s, e.to(), path, on, max, out);
      path.remove(path.size() - 1);
      on[e.to()] = false;
    }
  }

  private static final Map<ConstantProductPool, double[]> RESERVES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Human reserves from the raw integers, computed apart from the engine. */
  private static double[] reserves(ConstantProductPool p, boolean zeroForOne) {
    double[] r = RESERVES.computeIfAbsent(p, CycleReference::reserves);
    return zeroForOne ? r : new double[] {r[1], r[0]};
  }

  private static double[] reserves(ConstantProductPool p) {
    MathContext mc = MathContext.DECIMAL64;
    double r0 =
        new BigDecimal(p.reserve0())
            .divide(BigDecimal.TEN.pow(p.token0().decimals()), mc)
            .doubleValue();
    double r1 =
        new BigDecimal(p.reserve1())
            .divide(BigDecimal.TEN.pow(p.token1().decimals()), mc)
            .doubleValue();
    return new double[] {r0, r1};
  }

  /** The leg's rate at zero size, from the raw data. */
  double rate(Leg leg) {
    if (!leg.isPool()) {
      for (Edge e : edges) {
        if (e.leg().equals(leg)) {
          return e.rate();
        }
      }
      throw new IllegalArgumentException("no edge for " + leg);
    }
    return poolRate(leg);
  }

  private static double poolRate(Leg leg) {
    ConstantProductPool p = (ConstantProductPool) leg.pool();
    double[] r = reserves(p, leg.side() == Side.SELL);
    return (1 - p.fee().doubleValue()) * r[1] / r[0];
  }

  /** What {@code x} of the leg's from-asset buys, in double. */
  double output(Leg leg, double x) {
    if (leg.isPool()) {
      ConstantProductPool p = (ConstantProductPool) leg.pool();
      double g = 1 - p.fee().doubleValue();
      double[] r = reserves(p, leg.side() == Side.SELL);
      return g * r[1] * x / (r[0] + g * x);
    }
    OrderBook b = books.get(leg.market().id());
    double keep = 1 - leg.market().takerFee().doubleValue();
    double out = 0;
    double left = x;
    if (leg.side() == Side.SELL) {
      for (BookLevel l : b.bids()) {
        double take = Math.min(left, l.amount().doubleValue());
        out += take * l.price().doubleValue();
        left -= take;
      }
    } else {
      for (BookLevel l : b.asks()) {
        double cost = l.amount().doubleValue() * l.price().doubleValue();
        double spend = Math.min(left, cost);
        out += spend / l.price().doubleValue();
        left -= spend;
      }
    }
    return out * keep;
  }

  double profit(List<Leg> legs, double x) {
    double v = x;
    for (Leg l : legs) {
      v = output(l, v);
    }
    return v - x;
  }

  /** {start, profit} of the best start amount, by bracketing and golden-section search. */
  double[] maximise(List<Leg> legs) {
    double hi = 1e-6;
    for (int i = 0; i < 200 && profit(legs, hi * 2) > profit(legs, hi); i++) {
      hi *= 2;
    }
    hi *= 2;
    double lo = 0;
    double phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo);
    double b = lo + phi * (hi - lo);
    double fa = profit(legs, a);
    double fb = profit(legs, b);
    for (int i = 0; i < 300; i++) {
      if (fa < fb) {
        lo = a;
        a = b;
        fa = fb;
        b = lo + phi * (hi - lo);
        fb = profit(legs, b);
      } else {
        hi = b;
        b = a;
        fb = fa;
        a = hi - phi * (hi - lo);
        fa = profit(legs, a);
      }
    }
    double x = (lo + hi) / 2;
    double p = profit(legs, x);
    return p > 0 ? new double[] {x, p} : new double[] {0, 0};
  }
}
