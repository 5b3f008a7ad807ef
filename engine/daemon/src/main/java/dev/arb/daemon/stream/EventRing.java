package dev.arb.daemon.stream;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.stream.StreamEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The single ordered event queue of the streaming runner: an LMAX Disruptor ring of preallocated
 * {@link MarketEvent} slots, many publishers (stream threads, the poller, a replay), and consumers
 * that each see every event in the same order on their own thread (the runner, and the journal when
 * recording). A full ring makes publishers wait (back-pressure, nothing dropped); a closed ring
 * drops what is published after.
 *
 * <p>Waiting: {@link Wait#PHASED} (the daemon's default) spins 20 µs, then yields for 1 ms, then
 * blocks on a lock: at steady rates above about 1,000 events/s the runner never sleeps, and at low
 * rates it costs no CPU; {@link Wait#YIELDING} never blocks, but gives the core to any other thread
 * that wants it while idle; {@link Wait#SPIN}: the first consumer (the runner) busy-spins and never
 * gives its core away (lowest latency, one core always busy), the others wait as with {@link
 * Wait#PHASED}; {@link Wait#BLOCKING} always blocks.
 */
public final class EventRing implements EventSink, AutoCloseable {
  /** How consumers wait for the next event. */
  public enum Wait {
    PHASED,
    YIELDING,
    SPIN,
    BLOCKING;

    /** The ring's wait for the daemon's {@code arb.run.wait}. */
    public static Wait of(dev.arb.config.RunConfig.Wait w) {
      return w == dev.arb.config.RunConfig.Wait.SPIN ? SPIN : PHASED;
    }
  }

  /**
   * A first consumer with something useful to do while it spins ({@link Wait#SPIN} only): {@link
   * #idle()} is called between two looks at the ring, so it must return within about 0.1 µs.
   */
  public interface Idle {
    /** One short step of idle work. */
    void idle();
  }

  /**
   * Slots of the daemon's ring: bursts of this many events (a reconnect's books, a slow journal
   * write) are absorbed before publishers wait.
   */
  public static final int SIZE = 1 << 14;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventRing.class);
  // seconds start() waits for every consumer's thread
  private static final long STARTING = 10;

  private final Disruptor<MarketEvent> disruptor;
  private final RingBuffer<MarketEvent> ring;
  private volatile boolean closed;
  private boolean running;
  // counted down by each consumer's thread as it starts
  private final CountDownLatch started;

  /**
   * A ring whose consumers run in parallel, each on its own thread.
   *
   * @param size slots, a power of two
   * @param failure called (on the consumer's thread) when a consumer throws; the ring goes on
   * @param consumers every one sees every event, in order
   */
  @SafeVarargs
  public EventRing(
      int size,
      Wait wait,
      String name,
      BiConsumer<Throwable, MarketEvent> failure,
      EventHandler<MarketEvent>... consumers) {
    if (Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("ring size must be a power of two, got " + size);
    }
    AtomicInteger threads = new AtomicInteger();
    WaitStrategy waiting = strategy(wait);
    disruptor =
        new Disruptor<>(
            MarketEvent::new,
            size,
            r -> {
              Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            ProducerType.MULTI,
            waiting);
    disruptor.setDefaultExceptionHandler(
        new ExceptionHandler<>() {
          @Override
          public void handleEventException(Throwable ex, long sequence, MarketEvent event) {
            failure.accept(ex, event);
          }

          @Override
          public void handleOnStartException(Throwable ex) {
            failure.accept(ex, null);
          }

          @Override
          public void handleOnShutdownException(Throwable ex) {
            failure.accept(ex, null);
          }
        });
    started = new CountDownLatch(consumers.length);
    @SuppressWarnings("unchecked")
    EventHandler<MarketEvent>[] handlers = new EventHandler[consumers.length];
    for (int i = 0; i < consumers.length; i++) {
      FirstSpins spins = i == 0 && waiting instanceof FirstSpins f ? f : null;
      handlers[i] = new Consumer(consumers[i], spins, started);
    }
    disruptor.handleEventsWith(handlers);
    ring = disruptor.getRingBuffer();
  }

  /**
   * A consumer as the ring runs it: says when its thread started ({@link #start} waits for every
   * one) and, for {@link Wait#SPIN}'s runner, marks its thread as the one that spins.
   */
  private static final class Consumer implements EventHandler<MarketEvent> {
    private final EventHandler<MarketEvent> c;
    private final FirstSpins spins;
    private final CountDownLatch started;

    Consumer(EventHandler<MarketEvent> c, FirstSpins spins, CountDownLatch started) {
      this.c = c;
      this.spins = spins;
      this.started = started;
    }

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) throws Exception {
      c.onEvent(e, sequence, endOfBatch);
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
      c.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onStart() {
      if (spins != null) {
        spins.idle = c instanceof Idle i ? i : null;
        spins.spinner = Thread.currentThread();
      }
      try {
        c.onStart();
      } finally {
        started.countDown();
      }
    }

    @Override
    public void onShutdown() {
      c.onShutdown();
    }

    @Override
    public void onTimeout(long sequence) throws Exception {
      c.onTimeout(sequence);
    }

    @Override
    public void setSequenceCallback(com.lmax.disruptor.Sequence callback) {
      c.setSequenceCallback(callback);
    }
  }

  /**
   * {@link Wait#SPIN}: the thread of one consumer (the runner, marked by {@link Consumer} when it
   * starts) busy-spins; every other consumer's waits as {@link Wait#PHASED} (a journal writer must
   * not hold a second core).
   */
  private static final class FirstSpins implements WaitStrategy {
    private final WaitStrategy others =
        PhasedBackoffWaitStrategy.withLiteLock(20, 1_000, TimeUnit.MICROSECONDS);
    volatile Thread spinner;
    // what the spinning runner does between two looks at the ring, if anything
    Idle idle;

    @Override
    public long waitFor(
        long sequence,
        com.lmax.disruptor.Sequence cursor,
        com.lmax.disruptor.Sequence dependent,
        com.lmax.disruptor.SequenceBarrier barrier)
        throws com.lmax.disruptor.AlertException, InterruptedException, TimeoutException {
      if (Thread.currentThread() != spinner) {
        return others.waitFor(sequence, cursor, dependent, barrier);
      }
      long available;
      Idle i = idle;
      while ((available = dependent.get()) < sequence) {
        barrier.checkAlert();
        if (i != null) {
          i.idle();
        } else {
          Thread.onSpinWait();
        }
      }
      return available;
    }

    @Override
    public void signalAllWhenBlocking() {
      others.signalAllWhenBlocking(); // the other consumers may sleep
    }
  }

  private static WaitStrategy strategy(Wait wait) {
    return switch (wait) {
      case PHASED -> PhasedBackoffWaitStrategy.withLiteLock(20, 1_000, TimeUnit.MICROSECONDS);
      case YIELDING -> new YieldingWaitStrategy();
      case SPIN -> new FirstSpins();
      case BLOCKING -> new com.lmax.disruptor.BlockingWaitStrategy();
    };
  }

  /** Starts the consumers; events published before are handled first. */
  public synchronized void start() {
    if (!running) {
      running = true;
      disruptor.start();
      // a consumer whose thread has not started yet is not waited for by a close (the Disruptor
      // counts only running consumers): it would be halted before its first event, and a journal
      // of a short run (the sample, --exit-at-end) would stay empty
      try {
        if (!started.await(STARTING, TimeUnit.SECONDS)) {
          LOG.warn(
              "{} of the event ring's consumers did not start within {} s",
              started.getCount(),
              STARTING);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A slot for the next event, or −1 once closed; waits while the ring is full. */
  private long claim() {
    while (!closed) {
      try {
        return ring.tryNext();
      } catch (InsufficientCapacityException e) {
        LockSupport.parkNanos(1_000);
      }
    }
    return -1;
  }

  private MarketEvent slot(long seq, MarketEvent.Kind kind, long nanos, long epochNanos) {
    MarketEvent e = ring.get(seq);
    e.clear();
    e.kind = kind;
    e.receivedNanos = nanos;
    e.receivedEpochNanos = epochNanos;
    return e;
  }

  @Override
  public void book(
      OrderBook book, long receivedNanos, long receivedEpochNanos, long exchangeNanos) {
    // read here, on the publisher's thread, before a slot is claimed
    double bid = StreamEngine.bestBid(book);
    double ask = StreamEngine.bestAsk(book);
    Market market = book.market();
    long observed = epochNanos(book.observedAt());
    long seq = claim();
    if (seq < 0) {
      return;
    }
    MarketEvent e = slot(seq, MarketEvent.Kind.BOOK, receivedNanos, receivedEpochNanos);
    e.book = book;
    e.market = market;
    e.observedNanos = observed;
    e.bestBid = bid;
    e.bestAsk = ask;
    e.exchangeEpochNanos = exchangeNanos;
    ring.publish(seq);
  }

  @Override
  public void pool(
      Pool pool, Instant observedAt, long block, long receivedNanos, long receivedEpochNanos) {
    long seq = claim();
    if (seq < 0) {
      return;
    }
    MarketEvent e = slot(seq, MarketEvent.Kind.POOL, receivedNanos, receivedEpochNanos);
    e.pool = pool;
    e.poolObservedAt = observedAt;
    e.block = block;
    ring.publish(seq);
  }

  @Override
  public void snapshot(
      MarketSnapshot snapshot,
      String origin,
      boolean decided,
      long receivedNanos,
      long receivedEpochNanos) {
    long seq = claim();
    if (seq < 0) {
      return;
    }
    MarketEvent e = slot(seq, MarketEvent.Kind.SNAPSHOT, receivedNanos, receivedEpochNanos);
    e.snapshot = snapshot;
    e.origin = origin;
    e.decided = decided;
    ring.publish(seq);
  }

  @Override
  public void unreadable(String origin, String problem, long receivedNanos, long epochNanos) {
    long seq = claim();
    if (seq < 0) {
      return;
    }
    MarketEvent e = slot(seq, MarketEvent.Kind.UNREADABLE, receivedNanos, epochNanos);
    e.origin = origin;
    e.problem = problem;
    ring.publish(seq);
  }

  @Override
  public void end(long receivedNanos, long receivedEpochNanos) {
    long seq = claim();
    if (seq >= 0) {
      slot(seq, MarketEvent.Kind.END, receivedNanos, receivedEpochNanos);
      ring.publish(seq);
    }
  }

  /** Events published so far. */
  public long published() {
    return ring.getCursor() + 1;
  }

  /**
   * Closes the ring: later events are dropped, the consumers finish what was published (within
   * {@code bound}) and stop.
   *
   * @return false when they did not finish within the bound (they were halted)
   */
  public boolean close(Duration bound) {
    closed = true;
    synchronized (this) {
      if (!running) {
        return true;
      }
    }
    try {
      disruptor.shutdown(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      disruptor.halt();
      return false;
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Epoch nanoseconds of an instant. */
  public static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** The instant of epoch nanoseconds. */
  public static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
