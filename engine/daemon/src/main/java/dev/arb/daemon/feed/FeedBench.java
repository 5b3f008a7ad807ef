package dev.arb.daemon.feed;

import com.lmax.disruptor.EventHandler;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.MarketEvent;
import dev.arb.engine.model.OrderBook;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code arb bench feed}: publish → dequeued latency of a book, in one run, two ways: published
 * straight into the event ring (in-process delivery, as a local WebSocket feed does) and sent
 * through a {@link FeedPublisher} over Aeron UDP on 127.0.0.1 to a {@link FeedSubscriber} that puts
 * it into the ring (an embedded media driver). Time from the publisher's stamp ({@link
 * System#nanoTime()}, one process) to the runner's thread taking the event off the ring. The books
 * are the caller's (real ones), sent in turn at a fixed rate after a warm-up.
 */
public final class FeedBench {
  private FeedBench() {}

  /** Latency quantiles, microseconds. */
  public record Latencies(long count, double p50Us, double p99Us, double p999Us, double maxUs) {}

  /** Both ways. */
  public record Result(int updates, int rate, Latencies inProcess, Latencies udp) {}

  /** Runs both ways with {@code updates} books at {@code rate} per second each. */
  public static Result run(List<OrderBook> books, int updates, int rate)
      throws InterruptedException {
    if (books.isEmpty() || updates < 1 || rate < 1) {
      throw new IllegalArgumentException("needs books, updates >= 1 and rate >= 1");
    }
    Latencies local = inProcess(books, updates, rate);
    Latencies udp = udp(books, updates, rate);
    return new Result(updates, rate, local, udp);
  }

  /** Records dequeue − stamp of every book event after the warm-up. */
  private static final class Taker implements EventHandler<MarketEvent> {
    final Histogram h = new Histogram(60_000_000_000L, 3);
    final int warmup;
    final CountDownLatch done;
    int seen;

    Taker(int warmup, int total) {
      this.warmup = warmup;
      this.done = new CountDownLatch(total);
    }

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      if (e.kind() != MarketEvent.Kind.BOOK) {
        return;
      }
      long took = System.nanoTime() - e.receivedNanos();
      if (seen++ >= warmup) {
        h.recordValue(Math.max(0, took));
      }
      done.countDown();
    }
  }

  private static Latencies inProcess(List<OrderBook> books, int updates, int rate)
      throws InterruptedException {
    int warmup = Math.max(1000, updates / 5);
    Taker taker = new Taker(warmup, warmup + updates);
    EventRing ring =
        new EventRing(1 << 14, EventRing.Wait.PHASED, "arb-bench-local", (x, e) -> {}, taker);
    ring.start();
    try {
      pace(
          warmup + updates,
          rate,
          i -> ring.book(books.get(i % books.size()), System.nanoTime(), 0, MarketEvent.NO_TIME));
      taker.done.await(60, TimeUnit.SECONDS);
    } finally {
      ring.close(Duration.ofSeconds(5));
    }
    return quantiles(taker.h);
  }

  private static Latencies udp(List<OrderBook> books, int updates, int rate)
      throws InterruptedException {
    int warmup = Math.max(1000, updates / 5);
    Taker taker = new Taker(warmup, warmup + updates);
    EventRing ring =
        new EventRing(1 << 14, EventRing.Wait.PHASED, "arb-bench-udp", (x, e) -> {}, taker);
    ring.start();
    String channel = "aeron:udp?endpoint=127.0.0.1:" + freePort();
    String requests = "aeron:udp?endpoint=127.0.0.1:" + freePort();
    try (FeedMedia media = FeedMedia.open(Optional.empty());
        FeedSubscriber sub =
            new FeedSubscriber(
                media,
                new FeedSubscriber.Settings(List.of(channel), "bench", Duration.ofSeconds(10)),
                new FeedSubscriber.Listener() {
                  @Override
                  public void book(OrderBook b, long ex, long rx, long sent, long arrived) {
                    ring.book(b, sent, rx, ex); // stamped with the publisher's send time
                  }

                  @Override
                  public void stale() {
                    // none expected; a gap would show as a missing count
                  }
                });
        FeedPublisher pub =
            new FeedPublisher(
                media,
                new FeedPublisher.Settings(channel, requests, "bench", Duration.ofSeconds(1)))) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!pub.connected() && System.nanoTime() - end < 0) {
        Thread.sleep(10);
      }
      Thread.sleep(200); // the publisher's own snapshot on connecting goes out before the books
      pace(
          warmup + updates,
          rate,
          i -> {
            OrderBook b = books.get(i % books.size());
            pub.publish(b, MarketEvent.NO_TIME, 0);
          });
      taker.done.await(60, TimeUnit.SECONDS);
    } finally {
      ring.close(Duration.ofSeconds(5));
    }
    return quantiles(taker.h);
  }

  private interface Send {
    void send(int i);
  }

  private static void pace(int n, int rate, Send send) {
    long gap = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < n; i++) {
      while (System.nanoTime() - next < 0) {
        Thread.onSpinWait();
      }
      send.send(i);
      next += gap;
    }
  }

  private static Latencies quantiles(Histogram h) {
    return new Latencies(
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private static int freePort() {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    } catch (SocketException e) {
      throw new IllegalStateException("no free UDP port: " + e.getMessage(), e);
    }
  }
}
