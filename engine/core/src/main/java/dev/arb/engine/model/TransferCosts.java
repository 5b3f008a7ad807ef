package dev.arb.engine.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The costs of moving assets between exchanges ({@code arb.transfers}): one {@link Transfer} per
 * asset, optionally overridden for one pair of exchanges (withdrawing from {@code from} to {@code
 * to}).
 *
 * @param byAsset the cost of moving an asset between any two exchanges
 * @param byRoute overrides keyed {@link #route(Asset, String, String)} ({@code
 *     BTC:kraken>bitstamp})
 */
public record TransferCosts(Map<Asset, Transfer> byAsset, Map<String, Transfer> byRoute) {
  public TransferCosts {
    byAsset = Map.copyOf(Objects.requireNonNull(byAsset, "byAsset"));
    byRoute = Map.copyOf(Objects.requireNonNull(byRoute, "byRoute"));
    for (Map.Entry<Asset, Transfer> e : byAsset.entrySet()) {
      if (!e.getKey().equals(e.getValue().asset())) {
        throw new IllegalArgumentException(
            "transfer of " + e.getValue().asset() + " filed under " + e.getKey());
      }
    }
  }

  /** No transfer costs known. */
  public static TransferCosts none() {
    return new TransferCosts(Map.of(), Map.of());
  }

  /** The key of a route override: {@code BTC:kraken>bitstamp}. */
  public static String route(Asset asset, String from, String to) {
    return asset.code() + ":" + from.toLowerCase(Locale.ROOT) + ">" + to.toLowerCase(Locale.ROOT);
  }

  /** The cost of withdrawing {@code asset} from exchange {@code from} to exchange {@code to}. */
  public Optional<Transfer> find(Asset asset, String from, String to) {
    Transfer t = byRoute.get(route(asset, from, to));
    return t != null ? Optional.of(t) : Optional.ofNullable(byAsset.get(asset));
  }
}
