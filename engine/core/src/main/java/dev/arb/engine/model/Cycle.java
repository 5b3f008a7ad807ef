package dev.arb.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A simple cycle of legs: each leg receives what the next one spends, the last leg receives the
 * start asset, and no (venue, asset) node is visited twice. Between legs on two venues the asset
 * may move by a transfer (the same asset) or a same-as join (a CEX asset and a chain token held as
 * one, e.g. ETH and WETH), one unit for one unit.
 *
 * @param legs at least 2 legs, starting at the start asset
 * @param topOfBookReturn product of the legs' top-of-book rates after fees (1.001 = +10 bp)
 */
public record Cycle(List<Leg> legs, double topOfBookReturn) {
  public Cycle {
    legs = List.copyOf(legs);
    if (legs.size() < 2) {
      throw new IllegalArgumentException("a cycle needs at least 2 legs, got " + legs.size());
    }
    for (int i = 0; i < legs.size(); i++) {
      Leg a = legs.get(i);
      Leg b = legs.get((i + 1) % legs.size());
      Objects.requireNonNull(a, "leg");
      if (!a.to().equals(b.from()) && a.exchange().equals(b.exchange())) {
        throw new IllegalArgumentException(
            "legs do not chain: leg "
                + i
                + " gives "
                + a.to()
                + " but the next spends "
                + b.from());
      }
    }
    if (!(topOfBookReturn > 0) || Double.isInfinite(topOfBookReturn)) {
      throw new IllegalArgumentException(
          "return must be positive and finite, got " + topOfBookReturn);
    }
  }

  /** The asset the cycle starts and ends in. */
  public Asset startAsset() {
    return legs.get(0).from();
  }

  /** Assets along the cycle, first = last = start asset (length = legs + 1). */
  public List<Asset> assets() {
    List<Asset> out = new ArrayList<>(legs.size() + 1);
    for (Leg l : legs) {
      out.add(l.from());
    }
    out.add(startAsset());
    return out;
  }

  /** Exchanges in order of first use, no duplicates. */
  public List<String> exchanges() {
    LinkedHashSet<String> ex = new LinkedHashSet<>();
    for (Leg l : legs) {
      ex.add(l.exchange());
    }
    return List.copyOf(ex);
  }

  /** Top-of-book return after fees in basis points: {@code (return − 1)·10⁴}. */
  public double returnBp() {
    return (topOfBookReturn - 1.0) * 10_000.0;
  }
}
