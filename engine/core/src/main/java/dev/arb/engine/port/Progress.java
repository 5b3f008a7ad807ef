package dev.arb.engine.port;

/**
 * Where long work says how far it is (markets recorded, replays run): the command line shows it as
 * one line on a terminal and nothing otherwise. Calls come from any thread; they must be cheap.
 */
@FunctionalInterface
public interface Progress {

  /** Progress nobody watches. */
  Progress NONE = (done, total, what) -> {};

  /**
   * {@code done} of {@code total} steps are finished; {@code what} names the latest (an exchange, a
   * fee level), or is empty.
   */
  void at(long done, long total, String what);
}
