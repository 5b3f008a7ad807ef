package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.BookListener;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.port.WithdrawalFees;
import dev.arb.engine.resilience.Retry;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.WithdrawalFeeCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.account.AccountInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange through XChange, whichever it is: the common adapter over its {@link
 * ExchangeAdapter}. It holds the exchange's markets ({@link MarketCatalog}), its calls within its
 * request budget, retries and circuit breaker ({@link VenueCalls}), the polling of its books and,
 * where configured, its order-book stream. Not shared between threads: its methods are
 * synchronized.
 */
final class XChangeVenue {
  private static final Logger LOG = LoggerFactory.getLogger(XChangeVenue.class);

  private final ExchangeAdapter adapter;
  private final ExchangeConfig cfg;
  private final VenueOptions options;
  private final Exchange exchange;
  private final String baseUrl;
  private final VenueCalls calls;
  private final MarketCatalog catalog;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Fetched> recent = new HashMap<>();
  private final PollScheduler scheduler;
  private final boolean hasKeys;

  private List<VenueMarket> selected;
  private List<String> selectionProblems = List.of();
  private VenueHealth health;
  private StreamingBookFeed feed;
  private volatile BookListener listener;
  private int streamed;

  /** A book as last fetched, for the book TTL. */
  private record Fetched(org.knowm.xchange.dto.marketdata.OrderBook raw, Instant receivedAt) {}

  /** What one poll gave. */
  record Poll(List<OrderBook> books, List<String> problems) {}

  XChangeVenue(
      ExchangeAdapter adapter,
      ExchangeConfig cfg,
      XChangeConnection.Credentials credentials,
      VenueOptions options) {
    this.adapter = adapter;
    this.cfg = cfg;
    this.options = options;
    this.exchange = XChangeConnection.open(adapter, cfg, credentials);
    this.hasKeys = credentials.complete();
    this.baseUrl = XChangeConnection.stripSlash(exchange.getExchangeSpecification().getSslUri());
    Retry retry = options.retry(rate());
    this.calls = new VenueCalls(cfg.name(), retry, options.breaker());
    this.catalog =
        new MarketCatalog(
            adapter,
            cfg,
            exchange,
            baseUrl,
            hasKeys,
            calls,
            new MetadataCache(options.dataDir(), options.clock()),
            notes);
    this.scheduler =
        new PollScheduler(
            options.bookTtl(),
            options.maxPollInterval(),
            options.volatileMove(),
            options.profitableFor());
    this.health =
        new VenueHealth(cfg.name(), VenueHealth.State.UP, 0, 0, Optional.empty(), Optional.empty());
  }

  /**
   * Requests per second: the configured rate limit, but not above the exchange's public limit
   * unless the base URL points elsewhere (a proxy or a stand-in).
   */
  private double rate() {
    double rate = adapter.publicRateLimit();
    if (cfg.rateLimit().isEmpty()) {
      return rate;
    }
    double asked = cfg.rateLimit().get().doubleValue();
    if (asked > rate && cfg.baseUrl().isEmpty()) {
      notes.add(
          cfg.name()
              + ": rate-limit "
              + cfg.rateLimit().get().toPlainString()
              + "/s is above the exchange's public limit; using "
              + fmt(rate)
              + "/s");
      return rate;
    }
    return asked;
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
  /** Where the market selection's 24h ticker reads say how far they are. */
  void progress(dev.arb.engine.port.Progress p) {
    catalog.progress(p);
  }

  synchronized Poll poll() throws InterruptedException {
    List<OrderBook> books = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    streamed = 0;
    if (!calls.allows() && (feed == null || !feed.connected())) {
      problems.add(calls.downMessage());
      return finish(books, problems);
    }
    if (selected == null && !loadMarkets(problems)) {
      return finish(books, problems);
    }
    startStream();
    problems.addAll(selectionProblems);
    int notFetched = 0;
    for (VenueMarket vm : selected) {
      if (fromStream(vm, books, problems)) {
        continue;
      }
      if (!calls.allows()) {
        notFetched++;
        continue;
      }
      fetch(vm, books, problems);
    }
    if (notFetched > 0) {
      problems.add(calls.downMessage() + "; " + notFetched + " markets not fetched");
    }
    return finish(books, problems);
  }

  private boolean loadMarkets(List<String> problems) throws InterruptedException {
    Optional<MarketCatalog.Selection> s = catalog.load(problems);
    if (s.isEmpty()) {
      return false;
    }
    selected = s.get().markets();
    selectionProblems = s.get().problems();
    return true;
  }

  /** Starts the order-book stream once the markets are known, when the config asks for it. */
  private void startStream() {
    if (!cfg.streaming() || feed != null || selected.isEmpty()) {
      return;
    }
    String url = cfg.wsUrl().orElse(adapter.streamUrl());
    List<VenueMarket> markets = selected;
    feed =
        new StreamingBookFeed(
            cfg.name(),
            url,
            () -> adapter.openStream(url, markets, exchange),
            markets,
            options.clock(),
            this::pushed);
    feed.start();
    notes.add(cfg.name() + ": streaming " + markets.size() + " order books from " + url);
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
    CurrencyPair pair = vm.pair();
    Fetched f = recent.get(m.id());
    Instant now = options.clock().instant();
    if (f == null || scheduler.due(m.id(), now)) {
      String endpoint = adapter.bookEndpoint(pair);
      Retry.Outcome<org.knowm.xchange.dto.marketdata.OrderBook> o =
          calls.call(m.id() + ": " + endpoint, () -> adapter.book(exchange, pair));
      if (!o.ok()) {
        problems.add(
            m.id() + ": " + endpoint + " " + o.fault().message() + calls.retriedNote(o.fault()));
        recent.remove(m.id());
        scheduler.forget(m.id());
        return;
      }
      f = new Fetched(o.value(), options.clock().instant());
      recent.put(m.id(), f);
      scheduler.fetched(m.id(), mid(o.value()), f.receivedAt());
    }
    BookConverter.Converted c =
        BookConverter.convert(
            m, f.raw(), adapter.snapshotTime(f.raw()), f.receivedAt(), cfg.maxBookAge());
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
    if (!calls.allows()) {
      return new AccountBalances(cfg.name(), Map.of(), Optional.of(calls.downMessage()));
    }
    List<String> metaProblems = new ArrayList<>();
    if (selected == null && !loadMarkets(metaProblems)) {
      // asset names are read with the exchange's metadata (Kraken's XXBT is BTC)
      return new AccountBalances(
          cfg.name(), Map.of(), Optional.of(String.join("; ", metaProblems)));
    }
    Retry.Outcome<AccountInfo> o =
        calls.call("balances:", () -> exchange.getAccountService().getAccountInfo());
    if (!o.ok()) {
      return new AccountBalances(
          cfg.name(),
          Map.of(),
          Optional.of(
              cfg.name()
                  + ": cannot read balances: "
                  + o.fault().message()
                  + calls.retriedNote(o.fault())
                  + " (check that the key may query funds)"));
    }
    return new AccountBalances(
        cfg.name(), XChangeBalances.available(cfg.name(), o.value()), Optional.empty());
  }

  /**
   * The exchange's withdrawal fees read from the exchange, where it has a call for them and keys
   * are configured; empty otherwise.
   */
  synchronized Optional<WithdrawalFees> withdrawalFees() throws InterruptedException {
    Optional<WithdrawalFeeCall> call =
        hasKeys ? adapter.withdrawalFees(exchange) : Optional.empty();
    if (call.isEmpty()) {
      return Optional.empty();
    }
    String endpoint = call.get().endpoint();
    if (!calls.allows()) {
      return Optional.of(
          new WithdrawalFees(cfg.name(), endpoint, Map.of(), Optional.of(calls.downMessage())));
    }
    Retry.Outcome<Map<String, Transfer>> o =
        calls.call("withdrawal fees: " + endpoint, () -> call.get().call().fees());
    if (!o.ok()) {
      return Optional.of(
          new WithdrawalFees(
              cfg.name(),
              endpoint,
              Map.of(),
              Optional.of(
                  cfg.name()
                      + ": withdrawal fees not read: "
                      + endpoint
                      + " "
                      + o.fault().message()
                      + calls.retriedNote(o.fault()))));
    }
    Map<Asset, Transfer> fees = new HashMap<>();
    for (Transfer t : o.value().values()) {
      fees.put(t.asset(), t);
    }
    return Optional.of(new WithdrawalFees(cfg.name(), endpoint, fees, Optional.empty()));
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

  private Poll finish(List<OrderBook> books, List<String> problems) {
    VenueHealth.State state =
        !calls.allows()
            ? VenueHealth.State.DOWN
            : problems.isEmpty() ? VenueHealth.State.UP : VenueHealth.State.DEGRADED;
    health =
        new VenueHealth(
            cfg.name(),
            state,
            books.size(),
            problems.size(),
            calls.lastError(),
            calls.retryAt(),
            streamed > 0 ? VenueHealth.Feed.STREAM : VenueHealth.Feed.POLL,
            feed == null ? Optional.empty() : Optional.of(feed.health()));
    return new Poll(books, problems);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
  }
}
