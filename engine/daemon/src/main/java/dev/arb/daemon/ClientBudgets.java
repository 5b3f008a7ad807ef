package dev.arb.daemon;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The endpoint's request budgets: a token bucket per client address and {@link Kind}, and one for
 * all anonymous requests together. A flood from one address spends only that address's budget of
 * that kind: another client, and the bearer of the control token (who has a budget of their own),
 * are still served. At most {@link #MAX_CLIENTS} addresses are remembered (the least recently seen
 * is forgotten first; the shared budget still bounds what many addresses can do together).
 */
final class ClientBudgets {

  /** What a request spends. */
  enum Kind {
    /** {@code /health}. */
    PROBE(50, 100),
    /** The other routes for everyone, and every request refused before its handler. */
    READ(50, 100),
    /** A wrong or missing control token: few guesses a second. */
    DENIED(1, 20),
    /** A control request with the right token. */
    CONTROL(10, 20);

    final double perSecond;
    final int burst;

    Kind(double perSecond, int burst) {
      this.perSecond = perSecond;
      this.burst = burst;
    }
  }

  /** Addresses remembered at most. */
  static final int MAX_CLIENTS = 4096;

  /** Anonymous requests a second from all clients together, on average. */
  static final double SHARED_PER_SECOND = 500;

  /** Anonymous requests from all clients together in a burst. */
  static final int SHARED_BURST = 1000;

  private final LongSupplier nanoTime;
  private final RateLimiter shared;
  private final Map<InetAddress, Map<Kind, RateLimiter>> clients =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Map<Kind, RateLimiter>> e) {
          return size() > MAX_CLIENTS;
        }
      };

  ClientBudgets(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.shared = new RateLimiter(SHARED_PER_SECOND, SHARED_BURST, nanoTime);
  }

  /**
   * Spends one request of {@code kind} from {@code client}'s budget (and, for anonymous kinds, of
   * the shared one).
   *
   * @return false when the budget is spent: answer 429
   */
  boolean tryAcquire(InetAddress client, Kind kind) {
    RateLimiter mine;
    synchronized (clients) {
      mine =
          clients
              .computeIfAbsent(client, c -> new EnumMap<>(Kind.class))
              .computeIfAbsent(kind, k -> new RateLimiter(k.perSecond, k.burst, nanoTime));
    }
    if (!mine.tryAcquire()) {
      return false;
    }
    return kind == Kind.CONTROL || shared.tryAcquire();
  }
}
