package dev.arb.cli;

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
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock) {
  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(env, out, err, Clock.systemUTC());
  }
}
