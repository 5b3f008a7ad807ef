package dev.arb.cli;

import dev.arb.daemon.ProcessHooks;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What every command gets from outside: the environment (never read from {@link System#getenv}
 * directly, so tests control it), standard input, the output writers and the clock.
 *
 * @param env environment variables
 * @param out standard output: data for people or programs
 * @param err standard error: messages and diagnostics
 * @param clock the wall clock
 * @param hooks what the daemon may do to the process (signals, forced exit); {@link
 *     ProcessHooks#NONE} in-process
 * @param in standard input (never read from {@link System#in} directly, so tests control it); only
 *     commands that document reading stdin read it, such as {@code arb defi keystore import}
 * @param errTerminal whether {@code err} is a terminal: only then do long commands show a progress
 *     line ({@link ProgressLines})
 */
public record CliContext(
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    Clock clock,
    ProcessHooks hooks,
    InputStream in,
    boolean errTerminal) {
  public CliContext {
    Objects.requireNonNull(in, "in");
  }

  /** A context whose {@code err} is not a terminal. */
  public CliContext(
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      ProcessHooks hooks,
      InputStream in) {
    this(env, out, err, clock, hooks, in, false);
  }

  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(env, out, err, Clock.systemUTC());
  }

  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock) {
    this(env, out, err, clock, ProcessHooks.NONE);
  }

  /** A context reading the process's standard input. */
  public CliContext(
      Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, ProcessHooks hooks) {
    this(env, out, err, clock, hooks, System.in);
  }
}
