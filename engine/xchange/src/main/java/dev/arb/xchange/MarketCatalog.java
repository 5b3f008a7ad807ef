package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.source.AssetAliases;
import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which markets of one exchange arb polls: all of them from the disk cache or the exchange's
 * metadata (through its adapter), then the config's choice ({@code markets}, else {@code assets},
 * {@code min-volume-24h} and {@code max-markets}), with the account's own fee tier where the
 * exchange has one and keys are set. Used under the venue's lock.
 */
final class MarketCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(MarketCatalog.class);

  private final ExchangeAdapter adapter;
  private final ExchangeConfig cfg;
  private final Exchange exchange;
  private final String baseUrl;
  private final boolean hasKeys;
  private final VenueCalls calls;
  private final MetadataCache cache;
  private final List<String> notes;

  /**
   * The markets chosen, and what the choice left out (reported with every poll).
   *
   * @param markets the markets to poll
   * @param problems markets asked for that do not exist, or that were cut
   */
  record Selection(List<VenueMarket> markets, List<String> problems) {
    Selection {
      markets = List.copyOf(markets);
      problems = List.copyOf(problems);
    }
  }

  /**
   * @param notes where settings adjusted at start are told, for people
   */
  MarketCatalog(
      ExchangeAdapter adapter,
      ExchangeConfig cfg,
      Exchange exchange,
      String baseUrl,
      boolean hasKeys,
      VenueCalls calls,
      MetadataCache cache,
      List<String> notes) {
    this.adapter = adapter;
    this.cfg = cfg;
    this.exchange = exchange;
    this.baseUrl = baseUrl;
    this.hasKeys = hasKeys;
    this.calls = calls;
    this.cache = cache;
    this.notes = notes;
  }

  /**
   * Loads the markets and chooses those to poll; empty when they cannot be loaded. What went wrong
   * once (the load, the fee tier) is added to {@code problems}.
   */
  /** Told how far the 24h ticker reads of {@code min-volume-24h} are (they can take minutes). */
  private volatile dev.arb.engine.port.Progress progress = dev.arb.engine.port.Progress.NONE;

  /** Where the ticker reads of the next {@link #load} say how far they are. */
  void progress(dev.arb.engine.port.Progress p) {
    this.progress = p;
  }

  Optional<Selection> load(List<String> problems) throws InterruptedException {
    Optional<List<VenueMarket>> cached =
        adapter.readsCachedMarkets()
            ? cache.read(cfg.name(), baseUrl, cfg.metadataTtl())
            : Optional.empty();
    List<VenueMarket> all;
    if (cached.isPresent()) {
      all = cached.get();
      LOG.debug("{}: {} markets from the metadata cache", cfg.name(), all.size());
    } else {
      String endpoint = adapter.metadataEndpoint();
      Retry.Outcome<List<VenueMarket>> o =
          calls.call("metadata: " + endpoint, () -> adapter.markets(exchange, cfg.name()));
      if (!o.ok()) {
        problems.add(
            cfg.name()
                + ": cannot load markets: "
                + endpoint
                + " "
                + o.fault().message()
                + calls.retriedNote(o.fault()));
        return Optional.empty();
      }
      all = o.value();
      cache.write(cfg.name(), baseUrl, all);
    }
    adapter.marketsKnown(exchange, all);
    Selection s = select(all);
    if (hasKeys && cfg.takerFee().isEmpty()) {
      Optional<AccountFees> fees = adapter.accountFees(exchange);
      if (fees.isPresent()) {
        s = withAccountFees(s, fees.get(), problems);
      }
    }
    return Optional.of(s);
  }

  /**
   * The account's own taker fees (its volume tier) in place of the public lowest-tier fees of the
   * selected markets (Binance and Coinbase report one rate for all of them). A failure keeps the
   * public fees and is reported once.
   */
  private Selection withAccountFees(Selection s, AccountFees fees, List<String> problems)
      throws InterruptedException {
    Retry.Outcome<Map<String, BigDecimal>> o = calls.call("fee tier:", fees::takerFees);
    if (!o.ok()) {
      problems.add(
          cfg.name()
              + ": account fee tier not read, using public fees: "
              + fees.endpoint()
              + " "
              + o.fault().message()
              + calls.retriedNote(o.fault()));
      return s;
    }
    List<VenueMarket> out = new ArrayList<>(s.markets().size());
    int applied = 0;
    for (VenueMarket v : s.markets()) {
      BigDecimal taker = o.value().getOrDefault(v.feeKey(), o.value().get(AccountFees.ALL_MARKETS));
      if (taker == null || taker.signum() < 0 || taker.compareTo(new BigDecimal("0.1")) > 0) {
        out.add(v);
        continue;
      }
      out.add(v.withFee(taker, true));
      applied++;
    }
    notes.add(cfg.name() + ": taker fee of the account's tier for " + applied + " markets");
    LOG.info("{}: taker fee of the account's tier for {} markets", cfg.name(), applied);
    return new Selection(out, s.problems());
  }

  private Selection select(List<VenueMarket> all) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    Map<String, VenueMarket> bySymbol = new HashMap<>();
    for (VenueMarket v : all) {
      bySymbol.put(v.market().symbol(), withFeeOverride(v));
    }
    List<VenueMarket> chosen = new ArrayList<>();
    if (!cfg.markets().isEmpty()) {
      for (String s : cfg.markets()) {
        String[] parts = s.split("/", 2);
        String symbol =
            AssetAliases.asset(parts[0]).code() + "/" + AssetAliases.asset(parts[1]).code();
        VenueMarket v = bySymbol.get(symbol);
        if (v == null) {
          problems.add(
              cfg.name()
                  + ":"
                  + symbol
                  + ": not a market of "
                  + cfg.name()
                  + " (check arb.exchanges."
                  + cfg.name()
                  + ".markets)");
        } else {
          chosen.add(v);
        }
      }
    } else {
      Set<Asset> allowed = new HashSet<>();
      for (String a : cfg.assets()) {
        allowed.add(AssetAliases.asset(a));
      }
      List<VenueMarket> matching = new ArrayList<>();
      for (VenueMarket v : all) {
        Market m = v.market();
        if (allowed.isEmpty() || (allowed.contains(m.base()) && allowed.contains(m.quote()))) {
          matching.add(withFeeOverride(v));
        }
      }
      if (cfg.minVolume24h().isPresent()) {
        matching = liquid(matching, cfg.minVolume24h().get(), problems);
      }
      if (matching.size() > cfg.maxMarkets()) {
        problems.add(
            cfg.name()
                + ": "
                + matching.size()
                + " markets match; polling the first "
                + cfg.maxMarkets()
                + " by name (set markets, assets or max-markets in arb.exchanges."
                + cfg.name()
                + ")");
        matching = matching.subList(0, cfg.maxMarkets());
      }
      chosen.addAll(matching);
    }
    return new Selection(chosen, problems);
  }

  private VenueMarket withFeeOverride(VenueMarket v) {
    return cfg.takerFee().isEmpty() ? v : v.withFee(cfg.takerFee().get(), false);
  }

  /**
   * The markets that traded at least {@code min} (in their quote asset) in the last 24 hours, by
   * the exchange's ticker (see {@link #quoteVolume}). A market whose ticker cannot be read is left
   * out and reported.
   */
  private List<VenueMarket> liquid(
      List<VenueMarket> candidates, BigDecimal min, List<String> problems)
      throws InterruptedException {
    List<VenueMarket> out = new ArrayList<>();
    int below = 0;
    int read = 0;
    for (VenueMarket v : candidates) {
      progress.at(read++, candidates.size(), cfg.name() + ": 24h tickers");
      CurrencyPair pair = v.pair();
      if (!calls.allows()) {
        problems.add(calls.downMessage() + "; 24h volume of " + v.market().symbol() + " not read");
        continue;
      }
      String endpoint = adapter.tickerEndpoint(pair);
      Retry.Outcome<Ticker> o =
          calls.call(
              v.market().id() + ": " + endpoint,
              () -> exchange.getMarketDataService().getTicker(pair));
      if (!o.ok()) {
        problems.add(
            v.market().id()
                + ": 24h volume unknown, not polled: "
                + endpoint
                + " "
                + o.fault().message()
                + calls.retriedNote(o.fault()));
        continue;
      }
      Optional<BigDecimal> volume = quoteVolume(o.value());
      if (volume.isEmpty()) {
        problems.add(
            v.market().id()
                + ": 24h volume unknown (the ticker of "
                + endpoint
                + " has none), not polled");
      } else if (volume.get().compareTo(min) >= 0) {
        out.add(v);
      } else {
        below++;
        LOG.debug(
            "{}: 24h volume {} {} under min-volume-24h {}",
            v.market().id(),
            volume.get().toPlainString(),
            v.market().quote().code(),
            min.toPlainString());
      }
    }
    LOG.info(
        "{}: {} of {} markets have at least {} (quote asset) traded in 24h",
        cfg.name(),
        out.size(),
        out.size() + below,
        min.toPlainString());
    return out;
  }

  /**
   * 24h volume in the quote asset, from XChange's ticker: its {@code quoteVolume} (the exchange's
   * own, or XChange's {@code volume × last}), else base volume times the 24h average price.
   */
  static Optional<BigDecimal> quoteVolume(Ticker t) {
    if (t.getQuoteVolume() != null && t.getQuoteVolume().signum() >= 0) {
      return Optional.of(t.getQuoteVolume());
    }
    BigDecimal v = t.getVolume();
    BigDecimal p = t.getVwap();
    if (v == null || v.signum() < 0 || p == null || p.signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(v.multiply(p));
  }
}
