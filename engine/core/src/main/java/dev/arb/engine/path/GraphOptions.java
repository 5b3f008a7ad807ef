package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.SameAs;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the graph is built beyond the markets themselves.
 *
 * @param transfers whether to add transfer edges between every two exchanges for the same asset
 *     (off by default: a transfer takes minutes, not milliseconds)
 * @param transferFee withdrawal fee as a fraction of the amount moved, 0 &le; fee &lt; 1, for
 *     assets not in {@code transferFeeByAsset}
 * @param transferFeeByAsset per-asset withdrawal fee fractions; a value of 1 or more, or an asset
 *     mapped to a negative value, disables transfers of that asset; transfers join exchanges only,
 *     never chains
 * @param sameAs joins of chain tokens to exchange assets, at no cost (see {@link SameAs})
 */
public record GraphOptions(
    boolean transfers,
    double transferFee,
    Map<Asset, Double> transferFeeByAsset,
    List<SameAs> sameAs) {
  public GraphOptions {
    if (!(transferFee >= 0 && transferFee < 1)) {
      throw new IllegalArgumentException("transfer fee must be in [0, 1), got " + transferFee);
    }
    transferFeeByAsset = Map.copyOf(Objects.requireNonNull(transferFeeByAsset, "fees"));
    sameAs = List.copyOf(Objects.requireNonNull(sameAs, "sameAs"));
  }

  /** Options without same-as joins. */
  public GraphOptions(
      boolean transfers, double transferFee, Map<Asset, Double> transferFeeByAsset) {
    this(transfers, transferFee, transferFeeByAsset, List.of());
  }

  /** The same options with these same-as joins. */
  public GraphOptions withSameAs(List<SameAs> joins) {
    return new GraphOptions(transfers, transferFee, transferFeeByAsset, joins);
  }

  /** Markets only, no transfer edges. */
  public static GraphOptions defaults() {
    return new GraphOptions(false, 0, Map.of());
  }

  /** Transfer edges for every asset on several exchanges, at this fee fraction. */
  public static GraphOptions withTransfers(double transferFee) {
    return new GraphOptions(true, transferFee, Map.of());
  }

  /** The withdrawal fee fraction for an asset, or a negative value if it may not be moved. */
  double feeFor(Asset a) {
    Double f = transferFeeByAsset.get(a);
    if (f == null) {
      return transferFee;
    }
    return f >= 0 && f < 1 ? f : -1;
  }
}
