package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.Secret;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.BookListener;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.source.AssetAliases;
import dev.arb.error.VenueException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.coinbasepro.dto.marketdata.CoinbaseProProduct;
import org.knowm.xchange.coinbasepro.service.CoinbaseProMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.account.AccountInfo;
import org.knowm.xchange.dto.account.Balance;
import org.knowm.xchange.dto.account.Fee;
import org.knowm.xchange.dto.account.Wallet;
import org.knowm.xchange.dto.marketdata.Ticker;
import org.knowm.xchange.dto.meta.ExchangeMetaData;
import org.knowm.xchange.dto.meta.InstrumentMetaData;
import org.knowm.xchange.instrument.Instrument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange through XChange: its metadata (from the disk cache or the exchange), its request
 * budget, retries and circuit breaker, and the polling of its books. Not shared between threads:
 * {@link #poll()} is synchronized.
 */
final class XChangeVenue {
  private static final Logger LOG = LoggerFactory.getLogger(XChangeVenue.class);

  private final VenueKind kind;
  private final ExchangeConfig cfg;
  private final VenueOptions options;
  private final Exchange exchange;
  private final String baseUrl;
  private final Retrier retrier;
  private final CircuitBreaker breaker;
  private final MetadataCache cache;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Fetched> recent = new HashMap<>();
  private final PollScheduler scheduler;
  private final boolean hasKeys;

  private List<VenueMarket> selected;
  private List<String> selectionProblems = List.of();
  private String lastError;
  private VenueHealth health;
  private StreamingBookFeed feed;
  private volatile BookListener listener;
  private int streamed;

  /** A book as last fetched, for the book TTL. */
  private record Fetched(org.knowm.xchange.dto.marketdata.OrderBook raw, Instant receivedAt) {}

  /** What one poll gave. */
  record Poll(List<OrderBook> books, List<String> problems) {}

  XChangeVenue(
      VenueKind kind,
      ExchangeConfig cfg,
      Optional<Secret> apiKey,
      Optional<Secret> apiSecret,
      VenueOptions options) {
    this.kind = kind;
    this.cfg = cfg;
    this.options = options;
    ExchangeSpecification spec = new ExchangeSpecification(kind.exchangeClass());
    spec.setShouldLoadRemoteMetaData(false);
    if (cfg.baseUrl().isPresent()) {
      URI u = URI.create(cfg.baseUrl().get());
      spec.setSslUri(stripSlash(cfg.baseUrl().get()));
      spec.setHost(u.getHost());
      spec.setPort(u.getPort() > 0 ? u.getPort() : u.getScheme().equals("http") ? 80 : 443);
    }
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, cfg.requestTimeout().toMillis());
    spec.setHttpConnTimeout(timeoutMs);
    spec.setHttpReadTimeout(timeoutMs);
    this.hasKeys = apiKey.isPresent() && apiSecret.isPresent();
    if (hasKeys) {
      spec.setApiKey(apiKey.get().reveal());
      spec.setSecretKey(apiSecret.get().reveal());
    }
    try {
      this.exchange = ExchangeFactory.INSTANCE.createExchange(spec);
    } catch (RuntimeException e) {
      throw new VenueException(
          kind.id() + ": cannot set up the XChange exchange: " + Fault.of(e).message(), e);
    }
    this.baseUrl = stripSlash(exchange.getExchangeSpecification().getSslUri());
    double rate = kind.publicRateLimit();
    if (cfg.rateLimit().isPresent()) {
      double asked = cfg.rateLimit().get().doubleValue();
      if (asked > rate && cfg.baseUrl().isEmpty()) {
        notes.add(
            cfg.name()
                + ": rate-limit "
                + cfg.rateLimit().get().toPlainString()
                + "/s is above the exchange's public limit; using "
                + fmt(rate)
                + "/s");
      } else {
        rate = asked;
      }
    }
    TokenBucket budget =
        new TokenBucket(rate, Math.max(1, Math.floor(rate)), options.nanoTime(), options.sleeper());
    this.retrier =
        new Retrier(
            budget,
            options.sleeper(),
            options.random(),
            options.maxAttempts(),
            options.baseDelay(),
            options.maxDelay(),
            options.maxRetryAfter());
    this.breaker =
        new CircuitBreaker(options.breakerThreshold(), options.breakerOpenFor(), options.clock());
    this.cache = new MetadataCache(options.dataDir(), options.clock());
    this.scheduler =
        new PollScheduler(
            options.bookTtl(),
            options.maxPollInterval(),
            options.volatileMove(),
            options.profitableFor());
    this.health =
        new VenueHealth(cfg.name(), VenueHealth.State.UP, 0, 0, Optional.empty(), Optional.empty());
  }

  String name() {
    return cfg.name();
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Settings adjusted at start, for people. */
  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  synchronized VenueHealth health() {
    return health;
  }

  /**
   * Every selected market's book: the streamed one where the exchange streams and the stream has a
   * fresh book for it, else fetched over REST (or reused while younger than the book TTL).
   */
  synchronized Poll poll() throws InterruptedException {
    List<OrderBook> books = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    streamed = 0;
    if (!breaker.allows() && (feed == null || !feed.connected())) {
      problems.add(downMessage());
      return finish(books, problems);
    }
    if (selected == null && !loadMetadata(problems)) {
      return finish(books, problems);
    }
    startStream();
    problems.addAll(selectionProblems);
    int notFetched = 0;
    for (VenueMarket vm : selected) {
      if (fromStream(vm, books, problems)) {
        continue;
      }
      if (!breaker.allows()) {
        notFetched++;
        continue;
      }
      fetch(vm, books, problems);
    }
    if (notFetched > 0) {
      problems.add(downMessage() + "; " + notFetched + " markets not fetched");
    }
    return finish(books, problems);
  }

  /** Starts the order-book stream once the markets are known, when the config asks for it. */
  private void startStream() {
    if (!cfg.streaming() || feed != null || selected.isEmpty()) {
      return;
    }
    String url = cfg.wsUrl().orElse(kind.streamUrl());
    feed =
        new StreamingBookFeed(
            cfg.name(),
            url,
            () -> kind.openStream(url, selected, exchange),
            selected,
            options.clock(),
            this::pushed);
    feed.start();
    notes.add(cfg.name() + ": streaming " + selected.size() + " order books from " + url);
  }

  /**
   * Adds the market's streamed book when the stream has one whose exchange time is within {@code
   * max-book-age} (a market quiet for longer is polled, which gives a book of now).
   */
  private boolean fromStream(VenueMarket vm, List<OrderBook> books, List<String> problems) {
    if (feed == null) {
      return false;
    }
    Optional<StreamingBookFeed.Latest> latest = feed.latest(vm.market().id());
    if (latest.isEmpty()) {
      return false;
    }
    StreamingBookFeed.Latest l = latest.get();
    Instant observed = l.exchangeTime() != null ? l.exchangeTime() : l.receivedAt();
    if (Duration.between(observed, options.clock().instant()).compareTo(cfg.maxBookAge()) > 0) {
      return false;
    }
    BookConverter.Converted c =
        BookConverter.convert(
            vm.market(), l.raw(), l.exchangeTime(), l.receivedAt(), cfg.maxBookAge());
    if (c.problem() != null) {
      problems.add(vm.market().id() + ": streamed book: " + c.problem() + "; polled instead");
      return false;
    }
    books.add(c.book());
    streamed++;
    return true;
  }

  /** Pushes every streamed book to {@code l} from now on (see {@link BookListener}). */
  void listen(BookListener l) {
    this.listener = l;
  }

  /** A streamed book as it arrived, on the stream's thread: converted and pushed, if listened. */
  private void pushed(VenueMarket vm, StreamingBookFeed.Latest l, long receivedNanos) {
    BookListener to = listener;
    if (to == null) {
      return;
    }
    BookConverter.Converted c =
        BookConverter.convert(
            vm.market(), l.raw(), l.exchangeTime(), l.receivedAt(), cfg.maxBookAge());
    if (c.problem() == null) {
      to.book(c.book(), Optional.ofNullable(l.exchangeTime()), l.receivedAt(), receivedNanos);
    } else {
      LOG.debug("{}: streamed book not pushed: {}", vm.market().id(), c.problem());
    }
  }

  /** The order-book stream, or null when the exchange is only polled (for tests and status). */
  synchronized StreamingBookFeed feed() {
    return feed;
  }

  /** Stops the order-book stream, if any. */
  synchronized void close() {
    if (feed != null) {
      feed.close();
    }
  }

  private void fetch(VenueMarket vm, List<OrderBook> books, List<String> problems)
      throws InterruptedException {
    Market m = vm.market();
    CurrencyPair pair = new CurrencyPair(vm.venueBase(), vm.venueQuote());
    Fetched f = recent.get(m.id());
    Instant now = options.clock().instant();
    if (f == null || scheduler.due(m.id(), now)) {
      Retrier.Outcome<org.knowm.xchange.dto.marketdata.OrderBook> o =
          retrier.call(() -> exchange.getMarketDataService().getOrderBook(pair, kind.depthArgs()));
      if (!o.ok()) {
        fail(m.id() + ": " + kind.bookEndpoint(pair) + " " + o.fault().message(), o.fault());
        problems.add(lastErrorFor(m.id(), pair, o.fault()));
        recent.remove(m.id());
        scheduler.forget(m.id());
        return;
      }
      breaker.success();
      f = new Fetched(o.value(), options.clock().instant());
      recent.put(m.id(), f);
      scheduler.fetched(m.id(), mid(o.value()), f.receivedAt());
    }
    BookConverter.Converted c =
        BookConverter.convert(
            m,
            f.raw(),
            kind.bookHasSnapshotTime() ? f.raw().getTimeStamp() : null,
            f.receivedAt(),
            cfg.maxBookAge());
    if (c.problem() != null) {
      problems.add(m.id() + ": " + c.problem() + "; not used");
    } else {
      books.add(c.book());
    }
  }

  /** Whether an API key and secret are configured. */
  boolean hasKeys() {
    return hasKeys;
  }

  /**
   * The account's available balances through XChange's {@code AccountService} (Kraken: {@code POST
   * /0/private/Balance} and {@code TradeBalance}); only with keys. Failures are a value with the
   * exchange and what to check, never the key.
   */
  synchronized AccountBalances balances() throws InterruptedException {
    if (!hasKeys) {
      return new AccountBalances(
          cfg.name(),
          Map.of(),
          Optional.of(
              cfg.name()
                  + ": no API key configured (set arb.exchanges."
                  + cfg.name()
                  + ".api-key and api-secret)"));
    }
    if (!breaker.allows()) {
      return new AccountBalances(cfg.name(), Map.of(), Optional.of(downMessage()));
    }
    List<String> metaProblems = new ArrayList<>();
    if (selected == null && !loadMetadata(metaProblems)) {
      // asset names are read with the exchange's metadata (Kraken's XXBT is BTC)
      return new AccountBalances(
          cfg.name(), Map.of(), Optional.of(String.join("; ", metaProblems)));
    }
    Retrier.Outcome<AccountInfo> o =
        retrier.call(() -> exchange.getAccountService().getAccountInfo());
    if (!o.ok()) {
      fail("balances: " + o.fault().message(), o.fault());
      return new AccountBalances(
          cfg.name(),
          Map.of(),
          Optional.of(
              cfg.name()
                  + ": cannot read balances: "
                  + o.fault().message()
                  + retriedNote(o.fault())
                  + " (check that the key may query funds)"));
    }
    breaker.success();
    Wallet wallet = tradingWallet(o.value());
    Map<String, BigDecimal> out = new HashMap<>();
    if (wallet != null) {
      for (Balance b : wallet.getBalances().values()) {
        BigDecimal free = b.getAvailable() != null ? b.getAvailable() : b.getTotal();
        if (free == null || free.signum() == 0) {
          continue;
        }
        try {
          out.merge(
              AssetAliases.asset(b.getCurrency().getCurrencyCode()).code(), free, BigDecimal::add);
        } catch (IllegalArgumentException x) {
          LOG.debug("{}: balance of {} left out: {}", cfg.name(), b.getCurrency(), x.getMessage());
        }
      }
    }
    return new AccountBalances(cfg.name(), out, Optional.empty());
  }

  /** The spot wallet: the one with TRADING but not MARGIN_TRADING, else the only or first one. */
  private static Wallet tradingWallet(AccountInfo info) {
    Wallet first = null;
    for (Wallet w : info.getWallets().values()) {
      if (first == null) {
        first = w;
      }
      if (w.getFeatures() != null
          && w.getFeatures().contains(Wallet.WalletFeature.TRADING)
          && !w.getFeatures().contains(Wallet.WalletFeature.MARGIN_TRADING)) {
        return w;
      }
    }
    return first;
  }

  /** Markets of this exchange that were part of a profitable opportunity: poll them often. */
  synchronized void profitable(List<String> marketIds) {
    Instant now = options.clock().instant();
    for (String id : marketIds) {
      scheduler.profitable(id, now);
    }
  }

  /** The current polling interval of a market (for tests and status). */
  synchronized Duration pollInterval(String marketId) {
    return scheduler.interval(marketId);
  }

  /** Mid price of the best levels, null when a side is empty. */
  private static BigDecimal mid(org.knowm.xchange.dto.marketdata.OrderBook raw) {
    if (raw.getBids() == null
        || raw.getAsks() == null
        || raw.getBids().isEmpty()
        || raw.getAsks().isEmpty()) {
      return null;
    }
    BigDecimal bid = raw.getBids().get(0).getLimitPrice();
    BigDecimal ask = raw.getAsks().get(0).getLimitPrice();
    if (bid == null || ask == null) {
      return null;
    }
    return bid.add(ask).divide(BigDecimal.valueOf(2));
  }

  private String lastErrorFor(String marketId, CurrencyPair pair, Fault fault) {
    return marketId + ": " + kind.bookEndpoint(pair) + " " + fault.message() + retriedNote(fault);
  }

  private String retriedNote(Fault fault) {
    return fault.kind().retryable() ? " (after " + options.maxAttempts() + " attempts)" : "";
  }

  private void fail(String message, Fault fault) {
    lastError = message;
    LOG.debug("{}: {}", cfg.name(), message);
    if (fault.kind().retryable()) {
      breaker.failure();
    }
  }

  private String downMessage() {
    return cfg.name()
        + ": exchange down after repeated failures"
        + (lastError == null ? "" : " (last: " + lastError + ")")
        + breaker.retryAt().map(t -> "; retried after " + t).orElse("");
  }

  private Poll finish(List<OrderBook> books, List<String> problems) {
    VenueHealth.State state =
        !breaker.allows()
            ? VenueHealth.State.DOWN
            : problems.isEmpty() ? VenueHealth.State.UP : VenueHealth.State.DEGRADED;
    health =
        new VenueHealth(
            cfg.name(),
            state,
            books.size(),
            problems.size(),
            Optional.ofNullable(lastError),
            breaker.retryAt(),
            streamed > 0 ? VenueHealth.Feed.STREAM : VenueHealth.Feed.POLL,
            feed == null ? Optional.empty() : Optional.of(feed.health()));
    return new Poll(books, problems);
  }

  /** Loads markets from the cache or the exchange and selects those to poll. */
  private boolean loadMetadata(List<String> problems) throws InterruptedException {
    boolean needsRemote = kind == VenueKind.KRAKEN;
    Optional<List<VenueMarket>> cached =
        needsRemote ? Optional.empty() : cache.read(cfg.name(), baseUrl, cfg.metadataTtl());
    List<VenueMarket> all;
    if (cached.isPresent()) {
      all = cached.get();
      LOG.debug("{}: {} markets from the metadata cache", cfg.name(), all.size());
    } else {
      Retrier.Outcome<List<VenueMarket>> o =
          retrier.call(
              () -> {
                if (kind == VenueKind.COINBASE) {
                  return coinbaseProducts();
                }
                exchange.remoteInit();
                return adapt(exchange.getExchangeMetaData());
              });
      if (!o.ok()) {
        fail("metadata: " + kind.metadataEndpoint() + " " + o.fault().message(), o.fault());
        problems.add(
            cfg.name()
                + ": cannot load markets: "
                + kind.metadataEndpoint()
                + " "
                + o.fault().message()
                + retriedNote(o.fault()));
        return false;
      }
      breaker.success();
      all = o.value();
      cache.write(cfg.name(), baseUrl, all);
    }
    if (kind == VenueKind.COINBASE) {
      registerInstruments(all);
    }
    select(all);
    if (hasKeys && readsAccountFees() && cfg.takerFee().isEmpty()) {
      applyAccountFees(problems);
    }
    return true;
  }

  /**
   * The account's own taker fees (its volume tier) in place of the public lowest-tier fees of the
   * selected markets: Kraken through XChange's {@code getDynamicTradingFeesByInstrument} ({@code
   * POST /0/private/TradeVolume}), Bitstamp through {@link BitstampTradingFees} ({@code POST
   * /api/v2/fees/trading/}). Binance and Coinbase are left at their public fees: there are no
   * recorded responses of their fee calls to test against. A failure keeps the public fees and is
   * reported once.
   */
  private void applyAccountFees(List<String> problems) throws InterruptedException {
    String endpoint =
        kind == VenueKind.BITSTAMP ? BitstampTradingFees.ENDPOINT : "POST /0/private/TradeVolume";
    Retrier.Outcome<Map<String, BigDecimal>> o = retrier.call(this::accountTakerFees);
    if (!o.ok()) {
      fail("fee tier: " + o.fault().message(), o.fault());
      problems.add(
          cfg.name()
              + ": account fee tier not read, using public fees: "
              + endpoint
              + " "
              + o.fault().message()
              + retriedNote(o.fault()));
      return;
    }
    breaker.success();
    Map<String, BigDecimal> fees = o.value();
    List<VenueMarket> out = new ArrayList<>(selected.size());
    int applied = 0;
    for (VenueMarket v : selected) {
      BigDecimal taker = fees.get(feeKey(v.venueBase(), v.venueQuote()));
      if (taker == null || taker.signum() < 0 || taker.compareTo(new BigDecimal("0.1")) > 0) {
        out.add(v);
        continue;
      }
      out.add(withFee(v, taker, true));
      applied++;
    }
    selected = List.copyOf(out);
    notes.add(cfg.name() + ": taker fee of the account's tier for " + applied + " markets");
    LOG.info("{}: taker fee of the account's tier for {} markets", cfg.name(), applied);
  }

  /** Whether arb reads this exchange's account fee tier (with keys). */
  private boolean readsAccountFees() {
    return kind == VenueKind.KRAKEN || kind == VenueKind.BITSTAMP;
  }

  /** The account's taker fees (fractions) by {@link #feeKey}. */
  private Map<String, BigDecimal> accountTakerFees() throws java.io.IOException {
    if (kind == VenueKind.BITSTAMP) {
      return new BitstampTradingFees((org.knowm.xchange.bitstamp.BitstampExchange) exchange)
          .takerFees();
    }
    Map<Instrument, Fee> fees = exchange.getAccountService().getDynamicTradingFeesByInstrument();
    Map<String, BigDecimal> out = new HashMap<>();
    if (fees != null) {
      for (Map.Entry<Instrument, Fee> e : fees.entrySet()) {
        if (e.getKey() instanceof CurrencyPair cp && e.getValue() != null) {
          BigDecimal taker = e.getValue().getTakerFee();
          if (taker != null) {
            out.put(
                feeKey(cp.getBase().getCurrencyCode(), cp.getCounter().getCurrencyCode()), taker);
          }
        }
      }
    }
    return out;
  }

  /** {@code btcusd}: a market's key in the fee maps. */
  private static String feeKey(String venueBase, String venueQuote) {
    return (venueBase + venueQuote).toLowerCase(Locale.ROOT);
  }

  /**
   * Tells XChange's Coinbase module the markets arb loaded itself: its ticker calls refuse a pair
   * that is not among the exchange's instruments ("Pair does not exist on CoinbasePro").
   */
  private void registerInstruments(List<VenueMarket> all) {
    ExchangeMetaData meta = exchange.getExchangeMetaData();
    if (meta == null || meta.getInstruments() == null) {
      return;
    }
    try {
      for (VenueMarket v : all) {
        meta.getInstruments()
            .putIfAbsent(
                new CurrencyPair(v.venueBase(), v.venueQuote()),
                new InstrumentMetaData.Builder().build());
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("{}: XChange's instrument list is read-only: {}", cfg.name(), e.toString());
    }
  }

  private List<VenueMarket> adapt(ExchangeMetaData meta) {
    List<VenueMarket> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (meta == null || meta.getInstruments() == null) {
      return out;
    }
    for (Map.Entry<Instrument, InstrumentMetaData> e : meta.getInstruments().entrySet()) {
      if (!(e.getKey() instanceof CurrencyPair cp)) {
        continue;
      }
      InstrumentMetaData im = e.getValue();
      String vb = cp.getBase().getCurrencyCode();
      String vq = cp.getCounter().getCurrencyCode();
      BigDecimal fee = im == null ? null : im.getTradingFee();
      boolean fromVenue =
          kind.feeInMetadata()
              && fee != null
              && fee.signum() >= 0
              && fee.compareTo(BigDecimal.ONE) < 0;
      try {
        Market m =
            new Market(
                cfg.name(),
                AssetAliases.asset(vb),
                AssetAliases.asset(vq),
                fromVenue ? fee : kind.defaultTakerFee(),
                step(
                    im == null ? null : im.getAmountStepSize(),
                    im == null ? null : im.getVolumeScale()),
                step(
                    im == null ? null : im.getPriceStepSize(),
                    im == null ? null : im.getPriceScale()),
                orZero(im == null ? null : im.getMinimumAmount()),
                orZero(im == null ? null : im.getCounterMinimumAmount()));
        if (seen.add(m.id())) {
          out.add(new VenueMarket(m, vb, vq, fromVenue));
        }
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: market {} left out: {}", cfg.name(), cp, x.getMessage());
      }
    }
    out.sort(Comparator.comparing(v -> v.market().id()));
    return out;
  }

  /**
   * The markets that traded at least {@code min} (in their quote asset) in the last 24 hours, by
   * the exchange's ticker: {@code quoteVolume} where XChange gives it (Binance), else {@code
   * volume} (base asset) times the 24h average or last price. A market whose ticker cannot be read
   * is left out and reported.
   */
  private List<VenueMarket> liquid(
      List<VenueMarket> candidates, BigDecimal min, List<String> problems)
      throws InterruptedException {
    List<VenueMarket> out = new ArrayList<>();
    int below = 0;
    for (VenueMarket v : candidates) {
      CurrencyPair pair = new CurrencyPair(v.venueBase(), v.venueQuote());
      if (!breaker.allows()) {
        problems.add(downMessage() + "; 24h volume of " + v.market().symbol() + " not read");
        continue;
      }
      Retrier.Outcome<Ticker> o =
          retrier.call(() -> exchange.getMarketDataService().getTicker(pair));
      if (!o.ok()) {
        fail(
            v.market().id() + ": " + kind.tickerEndpoint(pair) + " " + o.fault().message(),
            o.fault());
        problems.add(
            v.market().id()
                + ": 24h volume unknown, not polled: "
                + kind.tickerEndpoint(pair)
                + " "
                + o.fault().message()
                + retriedNote(o.fault()));
        continue;
      }
      breaker.success();
      Optional<BigDecimal> volume = quoteVolume(o.value());
      if (volume.isEmpty()) {
        problems.add(
            v.market().id()
                + ": 24h volume unknown (the ticker of "
                + kind.tickerEndpoint(pair)
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

  /**
   * Coinbase's markets from {@code GET /products}: tick {@code quote_increment}, lot {@code
   * base_increment} (0, unknown, when the exchange leaves it out, as it did before 2019), minimum
   * {@code base_min_size} and {@code min_market_funds}; products not {@code online} are left out.
   */
  private List<VenueMarket> coinbaseProducts() throws java.io.IOException {
    CoinbaseProProduct[] products =
        ((CoinbaseProMarketDataServiceRaw) exchange.getMarketDataService())
            .getCoinbaseProProducts();
    List<VenueMarket> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CoinbaseProProduct p : products == null ? new CoinbaseProProduct[0] : products) {
      if (!"online".equals(p.getStatus())
          || p.getBaseCurrency() == null
          || p.getTargetCurrency() == null) {
        continue;
      }
      try {
        Market m =
            new Market(
                cfg.name(),
                AssetAliases.asset(p.getBaseCurrency()),
                AssetAliases.asset(p.getTargetCurrency()),
                kind.defaultTakerFee(),
                step(p.getBaseIncrement(), null),
                step(p.getQuoteIncrement(), null),
                orZero(p.getBaseMinSize()),
                orZero(p.getMinMarketFunds()));
        if (seen.add(m.id())) {
          out.add(new VenueMarket(m, p.getBaseCurrency(), p.getTargetCurrency(), false));
        }
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: product {} left out: {}", cfg.name(), p.getId(), x.getMessage());
      }
    }
    out.sort(Comparator.comparing(v -> v.market().id()));
    return out;
  }

  private void select(List<VenueMarket> all) throws InterruptedException {
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
    selected = List.copyOf(chosen);
    selectionProblems = List.copyOf(problems);
  }

  private VenueMarket withFeeOverride(VenueMarket v) {
    return cfg.takerFee().isEmpty() ? v : withFee(v, cfg.takerFee().get(), false);
  }

  /** The same market with another taker fee. */
  private static VenueMarket withFee(VenueMarket v, BigDecimal fee, boolean fromVenue) {
    Market m = v.market();
    return new VenueMarket(
        new Market(
            m.exchange(),
            m.base(),
            m.quote(),
            fee,
            m.lotSize(),
            m.tickSize(),
            m.minAmount(),
            m.minNotional()),
        v.venueBase(),
        v.venueQuote(),
        fromVenue);
  }

  private static BigDecimal step(BigDecimal step, Integer scale) {
    if (step != null && step.signum() > 0) {
      return step;
    }
    if (scale != null && scale >= 0 && scale <= 30) {
      return BigDecimal.ONE.movePointLeft(scale);
    }
    return BigDecimal.ZERO;
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
  }
}
