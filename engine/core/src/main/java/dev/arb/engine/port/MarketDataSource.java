package dev.arb.engine.port;

import dev.arb.engine.model.MarketSnapshot;
import java.util.Collection;
import java.util.List;

/**
 * Where live market data comes from: order books of many markets on one or more exchanges, with the
 * exchanges' health. One call to {@link #snapshot()} gives every book that is fresh and valid right
 * now; everything left out (stale, crossed, empty, failed to load, exchange down) is named in
 * {@link MarketSnapshot#problems()} as {@code exchange: what} or {@code exchange:BASE/QUOTE: what},
 * never silently dropped. A failing exchange never stops the others.
 */
public interface MarketDataSource extends AutoCloseable {

  /**
   * The current books of every configured market. Blocks while books are fetched (within each
   * exchange's request budget).
   */
  MarketSnapshot snapshot();

  /**
   * {@link #snapshot()}, telling {@code progress} as each exchange's books are in ({@code done} of
   * the exchanges, {@code what} the exchange's name). Sources that cannot tell say nothing.
   */
  default MarketSnapshot snapshotWithProgress(Progress progress) {
    return snapshot();
  }

  /** The state of each exchange after the latest {@link #snapshot()}, in configuration order. */
  List<VenueHealth> health();

  /**
   * Settings the source adjusted when it opened (such as a rate limit capped to the exchange's
   * public limit), for people; empty when none.
   */
  List<String> notes();

  /**
   * The free balances of every account the source can read (exchanges with an API key), one entry
   * per exchange; a failure is that exchange's problem, not an exception. Empty when it reads no
   * accounts.
   */
  List<AccountBalances> balances();

  /**
   * The withdrawal fees of every exchange that reports them (with an API key where the exchange
   * needs one), one entry per exchange that has such a call; a failure is that entry's problem.
   * Empty for sources that read no exchange.
   */
  default List<WithdrawalFees> withdrawalFees() {
    return List.of();
  }

  /**
   * Tells the source which markets (ids such as {@code kraken:BTC/USD}) were part of a profitable
   * opportunity of the latest scan, so it can refresh them sooner (adaptive polling). Sources that
   * do not poll ignore it.
   */
  default void profitable(Collection<String> marketIds) {}

  /**
   * Pushes every streamed book to {@code listener} as it arrives, from now on (books of exchanges
   * that stream: {@code streaming = true}); sources that only poll ignore it. Polls still return
   * every book from {@link #snapshot()}.
   */
  default void listen(BookListener listener) {}

  /** Releases connections and threads. Idempotent. */
  @Override
  void close();
}
