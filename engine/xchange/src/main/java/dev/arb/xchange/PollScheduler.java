package dev.arb.xchange;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adaptive polling: when each market's book is due again. A calm market's interval doubles after
 * every fetch, from {@code min} up to {@code max}; a market whose mid price moved by at least
 * {@code volatileMove} (a fraction) since its previous book, whose book was empty or one-sided, or
 * that was recently part of a profitable opportunity, goes back to {@code min}. Times come from the
 * caller, so a test drives it with a fake clock. Not thread-safe: each venue uses its own.
 */
final class PollScheduler {
  private final Duration min;
  private final Duration max;
  private final BigDecimal volatileMove;
  private final Duration hotFor;
  private final Map<String, State> states = new HashMap<>();

  private static final class State {
    Duration interval;
    Instant next;
    BigDecimal mid;
    Instant hotUntil = Instant.MIN;
  }

  /**
   * @param min shortest interval (the book TTL); zero polls every time
   * @param max longest interval for a calm market (raised to {@code min} if below)
   * @param volatileMove relative mid-price move that makes a market volatile, such as 0.0005
   * @param hotFor how long a market stays at {@code min} after it was reported profitable
   */
  PollScheduler(Duration min, Duration max, double volatileMove, Duration hotFor) {
    this.min = Objects.requireNonNull(min, "min");
    this.max = max.compareTo(min) < 0 ? min : max;
    if (!(volatileMove >= 0)) {
      throw new IllegalArgumentException("volatileMove must be at least 0, got " + volatileMove);
    }
    this.volatileMove = BigDecimal.valueOf(volatileMove);
    this.hotFor = Objects.requireNonNull(hotFor, "hotFor");
  }

  /** Whether the market's book should be fetched at {@code now} (always, before its first book). */
  boolean due(String marketId, Instant now) {
    State s = states.get(marketId);
    return s == null || !now.isBefore(s.next);
  }

  /**
   * Records a fetched book: its mid price ({@code null} when a side is empty) and when it arrived;
   * sets the market's next due time.
   */
  void fetched(String marketId, BigDecimal mid, Instant at) {
    State s = states.computeIfAbsent(marketId, k -> new State());
    boolean hot =
        s.interval == null
            || mid == null
            || s.mid == null
            || moved(s.mid, mid)
            || at.isBefore(s.hotUntil);
    if (hot) {
      s.interval = min;
    } else {
      Duration doubled = s.interval.multipliedBy(2);
      s.interval = doubled.compareTo(max) > 0 ? max : doubled.compareTo(min) < 0 ? min : doubled;
    }
    s.mid = mid;
    s.next = at.plus(s.interval);
  }

  /** The market was part of a profitable opportunity at {@code at}: poll it at {@code min}. */
  void profitable(String marketId, Instant at) {
    State s = states.get(marketId);
    if (s == null) {
      return;
    }
    s.hotUntil = at.plus(hotFor);
    s.interval = min;
    Instant soon = at.plus(min);
    if (s.next.isAfter(soon)) {
      s.next = soon;
    }
  }

  /** Forgets a market (its fetch failed): it is due at once. */
  void forget(String marketId) {
    states.remove(marketId);
  }

  /** The market's current interval, zero before its first book. */
  Duration interval(String marketId) {
    State s = states.get(marketId);
    return s == null || s.interval == null ? Duration.ZERO : s.interval;
  }

  private boolean moved(BigDecimal before, BigDecimal now) {
    if (before.signum() <= 0) {
      return true;
    }
    BigDecimal change = now.subtract(before).abs().divide(before, MathContext.DECIMAL64);
    return change.compareTo(volatileMove) >= 0;
  }
}
