package dev.arb.daemon;

import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.EventSink;
import dev.arb.daemon.stream.MarketEvent;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.scan.Opportunity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Live market data: every {@code interval} all exchanges are polled at once, each through its own
 * {@link MarketDataSource} on its own thread, and their books merged into one snapshot. An exchange
 * that fails adds problems to the snapshot and never holds back the others' books beyond its own
 * request budget (its circuit breaker makes a down exchange answer at once). The feed never ends.
 *
 * <p>Per exchange it keeps what {@code /status} and the alerts need: the adapter's health, when the
 * last usable book arrived, since when none has, and the problems and retries counted so far.
 */
public final class LiveFeed implements SnapshotFeed {

  /**
   * One exchange.
   *
   * @param name lower-case exchange name
   * @param source its market data (one exchange per source)
   * @param retries requests it has retried so far
   */
  public record Venue(String name, MarketDataSource source, LongSupplier retries) {}

  private final List<Venue> venues;
  private final Duration interval;
  private final Clock clock;
  private final ExecutorService pool;
  private final Instant[] lastDataAt;
  private final Instant[] noDataSince;
  private final VenueHealth[] health;
  private final long[] problems;
  private long lastPollNanos;
  private boolean polled;

  /**
   * @param venues the exchanges, in configuration order (at least one)
   * @param interval time from the start of one poll to the start of the next (positive)
   * @param clock receive times
   */
  public LiveFeed(List<Venue> venues, Duration interval, Clock clock) {
    if (venues.isEmpty()) {
      throw new IllegalArgumentException("a live feed needs at least one exchange");
    }
    this.venues = List.copyOf(venues);
    this.interval = interval;
    this.clock = clock;
    int n = venues.size();
    lastDataAt = new Instant[n];
    noDataSince = new Instant[n];
    health = new VenueHealth[n];
    problems = new long[n];
    pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "arb-live-poll");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String describe() {
    List<String> names = new ArrayList<>();
    venues.forEach(v -> names.add(v.name()));
    return "live: " + String.join(", ", names) + " every " + interval.toMillis() + " ms";
  }

  @Override
  public synchronized Duration untilNext() {
    if (!polled) {
      return Duration.ZERO;
    }
    long left = interval.toNanos() - (System.nanoTime() - lastPollNanos);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  @Override
  public Optional<Update> next() {
    synchronized (this) {
      polled = true;
      lastPollNanos = System.nanoTime();
    }
    List<Future<MarketSnapshot>> futures = new ArrayList<>();
    for (Venue v : venues) {
      futures.add(pool.submit(v.source()::snapshot));
    }
    List<OrderBook> books = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < venues.size(); i++) {
      Venue v = venues.get(i);
      MarketSnapshot s;
      try {
        s = futures.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        s = new MarketSnapshot(List.of(), List.of(v.name() + ": interrupted"), v.name());
      } catch (ExecutionException e) {
        s =
            new MarketSnapshot(
                List.of(), List.of(v.name() + ": " + e.getCause().getMessage()), v.name());
      }
      books.addAll(s.books());
      all.addAll(s.problems());
      Instant now = clock.instant();
      List<VenueHealth> h = v.source().health();
      synchronized (this) {
        problems[i] += s.problems().size();
        health[i] = h.isEmpty() ? null : h.get(0);
        if (!s.books().isEmpty()) {
          lastDataAt[i] = now;
          noDataSince[i] = null;
        } else if (noDataSince[i] == null) {
          noDataSince[i] = now;
        }
      }
    }
    MarketSnapshot merged = new MarketSnapshot(books, all, describe());
    return Optional.of(new Snapshot(merged, "live", Duration.ZERO));
  }

  @Override
  public synchronized List<ExchangeStatus> exchanges() {
    List<ExchangeStatus> out = new ArrayList<>(venues.size());
    for (int i = 0; i < venues.size(); i++) {
      Venue v = venues.get(i);
      out.add(
          new ExchangeStatus(
              v.name(),
              Optional.ofNullable(health[i]),
              Optional.ofNullable(lastDataAt[i]),
              Optional.ofNullable(noDataSince[i]),
              problems[i],
              v.retries().getAsLong()));
    }
    return out;
  }

  /** Passes the markets on to every exchange's source (each keeps those of its own exchange). */
  @Override
  public void profitable(Collection<String> marketIds) {
    if (marketIds.isEmpty()) {
      return;
    }
    for (Venue v : venues) {
      v.source().profitable(marketIds);
    }
  }

  /**
   * The markets of the opportunities a scan kept (found or sized, not rejected), each once, in the
   * order their legs list them: the markets adaptive polling should refresh at once.
   */
  public static List<String> profitableMarkets(List<Opportunity> opportunities) {
    Set<String> out = new LinkedHashSet<>();
    for (Opportunity o : opportunities) {
      if (o.status() == OpportunityStatus.REJECTED) {
        continue;
      }
      for (Leg l : o.cycle().legs()) {
        out.add(l.market().id());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Pushes every streamed book of every exchange into {@code sink} as it arrives (exchanges with
   * {@code streaming = true}), stamped with its receive times and the exchange's time.
   */
  @Override
  public void stream(EventSink sink) {
    for (Venue v : venues) {
      v.source()
          .listen(
              (book, exchangeTime, receivedAt, receivedNanos) ->
                  sink.book(
                      book,
                      receivedNanos,
                      EventRing.epochNanos(receivedAt),
                      exchangeTime.map(EventRing::epochNanos).orElse(MarketEvent.NO_TIME)));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    for (Venue v : venues) {
      v.source().close();
    }
  }
}
