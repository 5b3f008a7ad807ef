package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** A mutable clock. */
  private static final class TestClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** One exchange: one book while {@code up}, else a problem; throws when {@code broken}. */
  private static final class FakeSource implements MarketDataSource {
    final String name;
    final AtomicBoolean up = new AtomicBoolean(true);
    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicInteger closed = new AtomicInteger();
    final List<List<String>> profitable = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeSource(String name) {
      this.name = name;
    }

    @Override
    public MarketSnapshot snapshot() {
      if (broken.get()) {
        throw new IllegalStateException("adapter bug");
      }
      if (!up.get()) {
        return new MarketSnapshot(List.of(), List.of(name + ": cannot connect"), name);
      }
      Market m = Market.of(name, "BTC", "USD", BigDecimal.ZERO);
      OrderBook b =
          new OrderBook(
              m,
              List.of(new BookLevel(new BigDecimal("100"), BigDecimal.ONE)),
              List.of(new BookLevel(new BigDecimal("101"), BigDecimal.ONE)),
              T0);
      return new MarketSnapshot(List.of(b), List.of(), name);
    }

    @Override
    public List<String> notes() {
      return List.of(); // nothing adjusted
    }

    @Override
    public List<AccountBalances> balances() {
      return List.of(); // no account keys
    }

    @Override
    public List<VenueHealth> health() {
      return List.of(
          new VenueHealth(
              name,
              up.get() ? VenueHealth.State.UP : VenueHealth.State.DOWN,
              up.get() ? 1 : 0,
              up.get() ? 0 : 1,
              up.get() ? Optional.empty() : Optional.of("GET /book cannot connect"),
              Optional.empty()));
    }

    @Override
    public void profitable(java.util.Collection<String> marketIds) {
      profitable.add(List.copyOf(marketIds));
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void profitableMarketsReachEverySourceAndNothingIsSentForNone() {
    FakeSource a = new FakeSource("kraken");
    FakeSource b = new FakeSource("bitstamp");
    LiveFeed f =
        new LiveFeed(
            List.of(
                new LiveFeed.Venue("kraken", a, () -> 0),
                new LiveFeed.Venue("bitstamp", b, () -> 0)),
            Duration.ofSeconds(1),
            new TestClock());

    f.profitable(List.of("kraken:BTC/USD", "bitstamp:BTC/USD"));
    f.profitable(List.of());

    assertThat(a.profitable).containsExactly(List.of("kraken:BTC/USD", "bitstamp:BTC/USD"));
    assertThat(b.profitable).containsExactly(List.of("kraken:BTC/USD", "bitstamp:BTC/USD"));
  }

  @Test
  void profitableMarketsAreTheLegsOfTheKeptOpportunitiesOnce() {
    // the bundled Binance.US sample holds real cycles at zero fees
    ScanReport report =
        Scanner.scan(
            SampleSnapshot.load(),
            new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty()));
    List<Opportunity> found =
        report.opportunities().stream()
            .filter(o -> o.status() != OpportunityStatus.REJECTED)
            .toList();
    assertThat(found).hasSizeGreaterThanOrEqualTo(2);
    Opportunity kept = found.get(0);
    Opportunity other = found.get(1);
    Opportunity rejected =
        new Opportunity(
            other.rank(),
            other.cycle(),
            other.sizing(),
            OpportunityStatus.REJECTED,
            Optional.of("profit below min-profit-bp"));

    List<String> markets = LiveFeed.profitableMarkets(List.of(kept, rejected, kept));

    List<String> legs = kept.cycle().legs().stream().map(l -> l.market().id()).toList();
    assertThat(markets).containsExactlyElementsOf(new java.util.LinkedHashSet<>(legs));
    assertThat(markets).allSatisfy(id -> assertThat(id).startsWith("binanceus:"));
    List<String> onlyInRejected =
        other.cycle().legs().stream()
            .map(l -> l.market().id())
            .filter(id -> !legs.contains(id))
            .toList();
    assertThat(markets).doesNotContainAnyElementsOf(onlyInRejected);
    assertThat(LiveFeed.profitableMarkets(List.of(rejected))).isEmpty();
  }

  @Test
  void mergesExchangesAndTracksAnOutageWhileTheOtherGoesOn() {
    TestClock clock = new TestClock();
    FakeSource a = new FakeSource("kraken");
    FakeSource b = new FakeSource("bitstamp");
    LiveFeed f =
        new LiveFeed(
            List.of(
                new LiveFeed.Venue("kraken", a, () -> 7),
                new LiveFeed.Venue("bitstamp", b, () -> 0)),
            Duration.ofMinutes(1),
            clock);
    assertThat(f.untilNext()).isZero();
    SnapshotFeed.Snapshot s = (SnapshotFeed.Snapshot) f.next().orElseThrow();
    assertThat(s.snapshot().books())
        .extracting(x -> x.market().exchange())
        .containsExactly("kraken", "bitstamp");
    assertThat(s.delay()).isZero();
    // the next poll is due one interval after this one started
    assertThat(f.untilNext()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(f.exchanges()).allSatisfy(e -> assertThat(e.noDataSince()).isEmpty());

    a.up.set(false);
    clock.now = T0.plusSeconds(10);
    MarketSnapshot down = ((SnapshotFeed.Snapshot) f.next().orElseThrow()).snapshot();
    assertThat(down.books()).extracting(x -> x.market().exchange()).containsExactly("bitstamp");
    assertThat(down.problems()).containsExactly("kraken: cannot connect");
    clock.now = T0.plusSeconds(20);
    f.next();
    ExchangeStatus k = f.exchanges().get(0);
    assertThat(k.name()).isEqualTo("kraken");
    assertThat(k.lastDataAt()).contains(T0);
    assertThat(k.noDataSince()).contains(T0.plusSeconds(10)); // the first poll without books
    assertThat(k.problems()).isEqualTo(2);
    assertThat(k.retries()).isEqualTo(7);
    assertThat(k.health().orElseThrow().state()).isEqualTo(VenueHealth.State.DOWN);
    ExchangeStatus bs = f.exchanges().get(1);
    assertThat(bs.lastDataAt()).contains(T0.plusSeconds(20));
    assertThat(bs.noDataSince()).isEmpty();
    assertThat(bs.problems()).isZero();

    a.up.set(true);
    clock.now = T0.plusSeconds(30);
    f.next();
    assertThat(f.exchanges().get(0).noDataSince()).isEmpty();
    assertThat(f.exchanges().get(0).lastDataAt()).contains(T0.plusSeconds(30));
    f.close();
    assertThat(a.closed.get()).isEqualTo(1);
    assertThat(b.closed.get()).isEqualTo(1);
  }

  @Test
  void aFailingAdapterBecomesAProblemNotAnEnd() {
    FakeSource a = new FakeSource("kraken");
    FakeSource b = new FakeSource("bitstamp");
    a.broken.set(true);
    LiveFeed f =
        new LiveFeed(
            List.of(
                new LiveFeed.Venue("kraken", a, () -> 0),
                new LiveFeed.Venue("bitstamp", b, () -> 0)),
            Duration.ofSeconds(1),
            new TestClock());
    MarketSnapshot s = ((SnapshotFeed.Snapshot) f.next().orElseThrow()).snapshot();
    assertThat(s.books()).hasSize(1);
    assertThat(s.problems()).containsExactly("kraken: adapter bug");
    assertThat(f.exchanges().get(0).noDataSince()).contains(T0);
    assertThat(f.exchanges().get(0).lastDataAt()).isEmpty();
    assertThat(f.describe()).isEqualTo("live: kraken, bitstamp every 1000 ms");
    f.close();
  }
}
