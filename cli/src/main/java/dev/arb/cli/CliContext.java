package dev.arb.cli;

import dev.arb.cli.daemon.ProcessHooks;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What every command gets from outside: the environment (never read from {@link System#getenv}
 * directly, so tests control it), the output writers and the clock.
 *
 * @param env environment variables
 * @param out standard output: data for people or programs
 * @param err standard error: messages and diagnostics
 * @param clock the wall clock
 * @param hooks what the daemon may do to the process (signals, forced exit); {@link
 *     ProcessHooks#NONE} in-process
 */
public record CliContext(
    Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, ProcessHooks hooks) {
  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(env, out, err, Clock.systemUTC());
  }

  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock) {
    this(env, out, err, clock, ProcessHooks.NONE);
  }
}
