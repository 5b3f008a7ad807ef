package dev.arb.daemon.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.daemon.PublisherStatus;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sample.SampleSnapshot;
import java.math.BigDecimal;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A publisher and a subscriber over UDP on 127.0.0.1 through an embedded media driver, with the
 * bundled sample's real books (Binance.US, 2023-03-02): the subscribed books equal the published
 * ones exactly (BigDecimal scale included); a lost update (the publisher skips a sequence number)
 * is counted as a gap, the book is left out, a snapshot is asked for and the books are equal again;
 * a publisher that stops goes stale, and one restarted under the same name is resynced.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AeronFeedIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  FeedMedia media;
  FeedPublisher publisher;
  FeedSubscriber subscriber;
  final Map<String, OrderBook> delivered = new ConcurrentHashMap<>();
  volatile int staleCalls;
  String channel;
  String requests;

  @BeforeEach
  void start() throws Exception {
    media = FeedMedia.open(Optional.empty());
    channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
    requests = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
    subscriber =
        new FeedSubscriber(
            media,
            new FeedSubscriber.Settings(List.of(channel), "test-engine", Duration.ofMillis(800)),
            new FeedSubscriber.Listener() {
              @Override
              public void book(OrderBook b, long exchange, long received, long sent, long arrived) {
                delivered.put(b.market().id(), b);
              }

              @Override
              public void stale() {
                staleCalls++;
              }
            });
    publisher = publisher();
  }

  private FeedPublisher publisher() {
    return new FeedPublisher(
        media, new FeedPublisher.Settings(channel, requests, "feed-tokyo", Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() {
    subscriber.close();
    if (publisher != null) {
      publisher.close();
    }
    media.close();
  }

  /** Waits (bounded by {@link #WAIT}) until {@code condition} holds; fails naming it otherwise. */
  static void until(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + WAIT.toSeconds() + " s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<OrderBook> realBooks() {
    return SampleSnapshot.load().books();
  }

  /** The same book with its best ask's amount one unit of its last digit larger. */
  private static OrderBook nudged(OrderBook b) {
    List<BookLevel> asks = new ArrayList<>(b.asks());
    BookLevel best = asks.get(0);
    asks.set(
        0,
        new BookLevel(
            best.price(), best.amount().add(BigDecimal.ONE.movePointLeft(best.amount().scale()))));
    return new OrderBook(b.market(), b.bids(), asks, b.observedAt().plusMillis(1));
  }

  private void publishAll(List<OrderBook> books) {
    for (OrderBook b : books) {
      publisher.publish(b, b.observedAt().toEpochMilli() * 1_000_000L, System.currentTimeMillis());
    }
  }

  private PublisherStatus status() {
    List<PublisherStatus> all = subscriber.status();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void subscribedBooksEqualThePublishedOnesExactly() {
    until(publisher::connected);
    List<OrderBook> books = realBooks().stream().filter(b -> !b.asks().isEmpty()).toList();
    assertThat(books).hasSizeGreaterThan(10);
    publishAll(books);
    publishAll(books.stream().map(AeronFeedIT::nudged).toList());
    until(() -> subscriber.books().equals(publisher.books()));
    assertThat(subscriber.books()).hasSize(books.size());
    // exact: the nudged amounts (one unit of their last digit) arrived with their scale
    OrderBook sent = publisher.books().get(books.get(0).market().id());
    OrderBook got = subscriber.books().get(books.get(0).market().id());
    assertThat(got.asks().get(0).amount()).isEqualTo(sent.asks().get(0).amount());
    assertThat(got.asks().get(0).amount().scale()).isEqualTo(sent.asks().get(0).amount().scale());
    assertThat(got).isNotEqualTo(books.get(0)); // the update, not the first book
    until(() -> delivered.equals(publisher.books()));
    PublisherStatus s = status();
    assertThat(s.name()).isEqualTo("feed-tokyo");
    assertThat(s.connected()).isTrue();
    assertThat(s.markets()).isEqualTo(books.size());
    assertThat(s.staleMarkets()).isZero();
    assertThat(s.gaps()).isZero();
  }

  @Test
  void aLostUpdateIsCountedTheBookLeftOutAndASnapshotMakesTheBooksEqualAgain() {
    until(publisher::connected);
    List<OrderBook> books = realBooks().stream().filter(b -> !b.asks().isEmpty()).toList();
    publishAll(books);
    until(() -> subscriber.books().equals(publisher.books()));
    OrderBook one = books.get(3);
    String market = one.market().id();
    long requestsBefore = publisher.counts().requests();
    publisher.skipNext(market);
    OrderBook lost = nudged(one);
    publisher.publish(lost, -1, System.currentTimeMillis());
    OrderBook after = nudged(lost);
    publisher.publish(after, -1, System.currentTimeMillis());
    until(() -> status().gaps() == 1);
    until(() -> status().resyncs() == 1);
    until(() -> subscriber.books().equals(publisher.books()));
    assertThat(subscriber.books().get(market)).isEqualTo(after);
    assertThat(publisher.counts().requests()).isGreaterThan(requestsBefore);
    assertThat(staleCalls).isPositive();
    assertThat(status().staleMarkets()).isZero();
  }

  @Test
  void theLastUpdateLostIsSeenByTheHeartbeat() {
    until(publisher::connected);
    List<OrderBook> books = realBooks().subList(0, 5);
    publishAll(books);
    until(() -> subscriber.books().equals(publisher.books()));
    publisher.skipNext(books.get(1).market().id());
    publisher.publish(nudged(books.get(1)), -1, System.currentTimeMillis());
    until(() -> status().gaps() == 1 && status().resyncs() == 1);
    until(() -> subscriber.books().equals(publisher.books()));
  }

  @Test
  void aStoppedPublisherGoesStaleAndARestartedOneIsResynced() {
    until(publisher::connected);
    List<OrderBook> books = realBooks().subList(0, 8);
    publishAll(books);
    until(() -> subscriber.books().equals(publisher.books()));
    publisher.close();
    publisher = null;
    // the image going away and the markets marked stale are two steps of the subscriber's poll:
    // wait for both (a quiet machine read the status between them)
    until(() -> !status().connected() && status().staleMarkets() == 8);
    assertThat(status().staleMarkets()).isEqualTo(8);
    assertThat(subscriber.books()).isEmpty();
    assertThat(staleCalls).isPositive();
    publisher = publisher();
    publishAll(books.stream().map(AeronFeedIT::nudged).toList());
    until(() -> subscriber.books().equals(publisher.books()));
    // the restarted publisher is known by its session until its first heartbeat names it and
    // replaces the old entry: until then the subscriber lists two
    until(() -> subscriber.status().size() == 1 && status().connected());
    assertThat(status().resyncs()).isEqualTo(1);
    assertThat(status().markets()).isEqualTo(8);
    assertThat(subscriber.books().get(books.get(0).market().id())).isEqualTo(nudged(books.get(0)));
  }
}
