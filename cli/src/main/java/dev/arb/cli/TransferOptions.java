package dev.arb.cli;

import dev.arb.config.TransferConfig;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.model.TransferCosts;
import java.util.HashMap;
import java.util.Map;

/**
 * The transfer options of a scan: the costs of {@code arb.transfers} as the core's {@link
 * TransferCosts}.
 */
final class TransferOptions {
  private TransferOptions() {}

  static TransferCosts of(Map<String, TransferConfig> configured) {
    Map<Asset, Transfer> byAsset = new HashMap<>();
    Map<String, Transfer> byRoute = new HashMap<>();
    for (TransferConfig c : configured.values()) {
      int colon = c.key().indexOf(':');
      Asset asset = Asset.of(colon < 0 ? c.key() : c.key().substring(0, colon));
      Transfer t =
          new Transfer(asset, c.fee(), c.feeFraction(), c.minimum(), c.network(), c.time());
      if (colon < 0) {
        byAsset.put(asset, t);
      } else {
        String[] route = c.key().substring(colon + 1).split(">", 2);
        byRoute.put(TransferCosts.route(asset, route[0], route[1]), t);
      }
    }
    return new TransferCosts(byAsset, byRoute);
  }
}
