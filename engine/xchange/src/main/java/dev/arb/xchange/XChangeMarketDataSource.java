package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.BookListener;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.port.WithdrawalFees;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.XChangeFaults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link MarketDataSource} over XChange's REST market-data services: each exchange is polled on its
 * own thread within its own request budget, so a slow or failing exchange never holds up the
 * others; its failures become problems of the snapshot and its health. Exchanges configured with
 * {@code streaming = true} take their books from their WebSocket stream while it has them, polling
 * only the markets it has not (see {@link StreamingBookFeed}).
 */
public final class XChangeMarketDataSource implements MarketDataSource {
  private final List<XChangeVenue> venues;
  private final ExecutorService pool;

  private XChangeMarketDataSource(List<XChangeVenue> venues) {
    this.venues = List.copyOf(venues);
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, venues.size()),
            r -> {
              Thread t = new Thread(r, "arb-venue");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A source for the given exchanges (each must be one arb supports). API keys are resolved here,
   * only when both key and secret are set.
   *
   * @throws ConfigException naming every unsupported exchange or unresolvable secret
   */
  public static XChangeMarketDataSource create(
      List<ExchangeConfig> exchanges, SecretResolver secrets, VenueOptions options) {
    List<String> problems = new ArrayList<>();
    List<XChangeVenue> venues = new ArrayList<>();
    for (ExchangeConfig e : exchanges) {
      Optional<ExchangeAdapter> adapter;
      try {
        adapter = SupportedExchanges.forConfig(e);
      } catch (ConfigException x) {
        problems.addAll(x.problems());
        continue;
      }
      if (adapter.isEmpty()) {
        problems.add(
            "config: arb.exchanges."
                + e.name()
                + " is not an exchange arb supports; use one of "
                + SupportedExchanges.names());
        continue;
      }
      XChangeConnection.Credentials credentials;
      try {
        credentials = XChangeConnection.credentials(adapter.get(), e, secrets);
      } catch (ConfigException x) {
        problems.addAll(x.problems());
        continue;
      }
      venues.add(new XChangeVenue(adapter.get(), e, credentials, options));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new XChangeMarketDataSource(venues);
  }

  /**
   * Each exchange's withdrawal fees as it reports them (see {@link XChangeVenue#withdrawalFees}).
   */
  @Override
  public List<WithdrawalFees> withdrawalFees() {
    List<WithdrawalFees> out = new ArrayList<>();
    for (XChangeVenue v : venues) {
      try {
        v.withdrawalFees().ifPresent(out::add);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ArbException("interrupted while reading withdrawal fees", e);
      }
    }
    return out;
  }

  /** Names of the exchanges arb supports. */
  public static String supported() {
    return SupportedExchanges.names();
  }

  @Override
  public MarketSnapshot snapshot() {
    return snapshotWithProgress(dev.arb.engine.port.Progress.NONE);
  }

  @Override
  public MarketSnapshot snapshotWithProgress(dev.arb.engine.port.Progress progress) {
    List<Future<XChangeVenue.Poll>> futures = new ArrayList<>();
    for (XChangeVenue v : venues) {
      v.progress(progress);
      futures.add(pool.submit(v::poll));
    }
    List<OrderBook> books = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        XChangeVenue.Poll p = futures.get(i).get();
        books.addAll(p.books());
        problems.addAll(p.problems());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new ArbException("interrupted while fetching market data", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        problems.add(venues.get(i).name() + ": " + XChangeFaults.of(c).message());
      }
      progress.at(i + 1, futures.size(), venues.get(i).name());
    }
    venues.forEach(v -> v.progress(dev.arb.engine.port.Progress.NONE));
    return new MarketSnapshot(books, problems, source());
  }

  /** The source name of snapshots: {@code live: bitstamp (URL), kraken (URL)}. */
  String source() {
    StringBuilder b = new StringBuilder("live:");
    String sep = " ";
    for (XChangeVenue v : venues) {
      b.append(sep).append(v.name()).append(" (").append(v.baseUrl()).append(')');
      sep = ", ";
    }
    return b.toString();
  }

  /**
   * Tells the source which markets (ids such as {@code kraken:BTC/USD}) were part of a profitable
   * opportunity: they are polled at the shortest interval for a while (adaptive polling). Ids of
   * exchanges this source does not poll are ignored.
   */
  @Override
  public void profitable(Collection<String> marketIds) {
    for (XChangeVenue v : venues) {
      String prefix = v.name() + ":";
      List<String> mine = marketIds.stream().filter(id -> id.startsWith(prefix)).toList();
      if (!mine.isEmpty()) {
        v.profitable(mine);
      }
    }
  }

  /**
   * Balances of every exchange that has an API key configured, read in parallel; exchanges without
   * keys are left out. A failure is a problem of that exchange's entry.
   */
  @Override
  public List<AccountBalances> balances() {
    List<XChangeVenue> keyed = venues.stream().filter(XChangeVenue::hasKeys).toList();
    List<Future<AccountBalances>> futures = new ArrayList<>();
    for (XChangeVenue v : keyed) {
      futures.add(pool.submit(v::balances));
    }
    List<AccountBalances> out = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        out.add(futures.get(i).get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new ArbException("interrupted while reading balances", e);
      } catch (ExecutionException e) {
        out.add(
            new AccountBalances(
                keyed.get(i).name(),
                java.util.Map.of(),
                Optional.of(
                    keyed.get(i).name() + ": " + XChangeFaults.of(e.getCause()).message())));
      }
    }
    return out;
  }

  @Override
  public List<VenueHealth> health() {
    return venues.stream().map(XChangeVenue::health).toList();
  }

  @Override
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    venues.forEach(v -> out.addAll(v.notes()));
    return out;
  }

  @Override
  public void listen(BookListener listener) {
    for (XChangeVenue v : venues) {
      v.listen(listener);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    venues.forEach(XChangeVenue::close);
  }

  /** The exchange's order-book stream, or null when it is only polled (tests). */
  StreamingBookFeed feed(String exchange) {
    return venues.stream()
        .filter(v -> v.name().equals(exchange))
        .findFirst()
        .map(XChangeVenue::feed)
        .orElse(null);
  }
}
