package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What to search for.
 *
 * @param maxLength longest cycle in legs (trades), 2 to {@value #MAX_LENGTH_LIMIT}; transfer edges
 *     between exchanges do not count; {@code --max-length}, default 5
 * @param topK how many of the best cycles to return, &ge; 0; default 10
 * @param startAssets only cycles through one of these assets, each rotated to start at the first
 *     listed asset it contains ({@code --start}); empty: all cycles, rotated to start at their
 *     best-connected node (see {@link PathOptimizer})
 * @param minProfitBp only cycles whose top-of-book return after fees is strictly above this many
 *     basis points ({@code --min-profit-bp}); empty: no threshold (losing cycles too); default 0
 * @param pruning branch-and-bound pruning on (default); off only to count every simple cycle
 */
public record PathQuery(
    int maxLength, int topK, List<Asset> startAssets, OptionalDouble minProfitBp, boolean pruning) {
  /** Upper bound of {@code maxLength}. */
  public static final int MAX_LENGTH_LIMIT = 64;

  public PathQuery {
    if (maxLength < 2 || maxLength > MAX_LENGTH_LIMIT) {
      throw new IllegalArgumentException(
          "max length must be between 2 and " + MAX_LENGTH_LIMIT + ", got " + maxLength);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-K must not be negative, got " + topK);
    }
    startAssets = List.copyOf(startAssets);
    Objects.requireNonNull(minProfitBp, "minProfitBp");
    if (minProfitBp.isPresent()
        && (Double.isNaN(minProfitBp.getAsDouble()) || minProfitBp.getAsDouble() <= -10_000)) {
      throw new IllegalArgumentException(
          "min profit must be above -10000 bp, got " + minProfitBp.getAsDouble());
    }
  }

  /** Length 5, top 10, all start assets, profit above 0 bp, pruning on. */
  public static PathQuery defaults() {
    return new PathQuery(5, 10, List.of(), OptionalDouble.of(0), true);
  }

  public PathQuery withMaxLength(int l) {
    return new PathQuery(l, topK, startAssets, minProfitBp, pruning);
  }

  public PathQuery withTopK(int k) {
    return new PathQuery(maxLength, k, startAssets, minProfitBp, pruning);
  }

  public PathQuery withStart(List<Asset> assets) {
    return new PathQuery(maxLength, topK, assets, minProfitBp, pruning);
  }

  public PathQuery withMinProfitBp(double bp) {
    return new PathQuery(maxLength, topK, startAssets, OptionalDouble.of(bp), pruning);
  }

  /** No profit threshold: the best cycles even if they lose. */
  public PathQuery withoutMinProfit() {
    return new PathQuery(maxLength, topK, startAssets, OptionalDouble.empty(), pruning);
  }

  public PathQuery withPruning(boolean on) {
    return new PathQuery(maxLength, topK, startAssets, minProfitBp, on);
  }
}
