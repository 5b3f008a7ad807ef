package dev.arb.daemon;

/**
 * What the process entry point ({@code Main}) lets the daemon do to the process: be told of stop
 * and reload signals, and end the process at once. In-process runs (tests) get {@link #NONE}: no
 * signal handlers, and a forced exit is refused. Only {@code Main} may end the JVM, so the daemon
 * goes through this.
 */
public interface ProcessHooks {

  /**
   * Calls {@code handler} with the signal's name ({@code TERM}, {@code INT}) on every SIGTERM and
   * SIGINT, instead of the JVM's default shutdown.
   *
   * @return whether handlers were installed
   */
  boolean onStopSignal(java.util.function.Consumer<String> handler);

  /**
   * Calls {@code handler} on every SIGHUP, instead of the JVM's default (which ends the process
   * with status 129).
   *
   * @return whether the handler was installed
   */
  default boolean onReloadSignal(Runnable handler) {
    return false;
  }

  /**
   * Ends the process now with {@code status}, without shutdown hooks; does not return if it can.
   */
  void halt(int status);

  /** No signal handling, no forced exit: for in-process runs. */
  ProcessHooks NONE =
      new ProcessHooks() {
        @Override
        public boolean onStopSignal(java.util.function.Consumer<String> handler) {
          return false;
        }

        @Override
        public void halt(int status) {
          // in-process: the caller owns the JVM
        }
      };
}
