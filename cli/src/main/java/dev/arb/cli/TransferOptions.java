package dev.arb.cli;

import dev.arb.config.TransferConfig;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.model.TransferCosts;
import dev.arb.engine.port.WithdrawalFees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The transfer options of a scan: the costs of {@code arb.transfers} as the core's {@link
 * TransferCosts}, completed by the withdrawal fees the exchanges report (configured values win).
 */
final class TransferOptions {
  private TransferOptions() {}

  /**
   * The configured costs, completed with the withdrawal fees the exchanges reported for the assets
   * the configuration does not name: each read fee applies to withdrawals from its exchange to
   * every other exchange of {@code exchanges}. A configured asset or route always wins. Adds one
   * note per exchange saying which fees came from it, and one per exchange whose fees could not be
   * read.
   *
   * @param held the assets each exchange's books trade ({@code bitstamp → [BTC, USD]}): only their
   *     read fees are used and named
   */
  static TransferCosts of(
      Map<String, TransferConfig> configured,
      List<WithdrawalFees> read,
      Map<String, Set<Asset>> held,
      List<String> notes) {
    TransferCosts base = of(configured);
    Map<String, Transfer> byRoute = new HashMap<>(base.byRoute());
    for (WithdrawalFees w : read) {
      if (w.problem().isPresent()) {
        notes.add("transfers: " + w.problem().get());
        continue;
      }
      String from = w.exchange().toLowerCase(Locale.ROOT);
      List<String> used = new ArrayList<>();
      List<String> overridden = new ArrayList<>();
      for (Asset asset : new TreeSet<>(held.getOrDefault(from, Set.of()))) {
        Transfer t = w.fees().get(asset);
        if (t == null) {
          continue;
        }
        if (base.byAsset().containsKey(asset)) {
          overridden.add(asset.code());
          continue;
        }
        boolean any = false;
        for (String to : held.keySet()) {
          String key = TransferCosts.route(asset, from, to);
          if (!to.equalsIgnoreCase(from) && !base.byRoute().containsKey(key)) {
            byRoute.put(key, t);
            any = true;
          }
        }
        if (any) {
          used.add(
              asset.code()
                  + " "
                  + t.fixedFee().stripTrailingZeros().toPlainString()
                  + (t.minimum().signum() > 0
                      ? " (minimum " + t.minimum().stripTrailingZeros().toPlainString() + ")"
                      : ""));
        }
      }
      if (!used.isEmpty() || !overridden.isEmpty()) {
        notes.add(
            "transfers: withdrawal fees read from "
                + from
                + " ("
                + w.endpoint()
                + ")"
                + (used.isEmpty() ? "" : ": " + String.join(", ", used))
                + (overridden.isEmpty()
                    ? ""
                    : "; arb.transfers wins for " + String.join(", ", overridden)));
      }
    }
    return new TransferCosts(base.byAsset(), byRoute);
  }

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
