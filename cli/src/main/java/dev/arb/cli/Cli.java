package dev.arb.cli;

import dev.arb.daemon.ProcessHooks;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import dev.arb.error.DataDirInUseException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the arb command line in-process: parses {@code args}, runs the command, maps every outcome
 * to an {@link ExitCode}. Tests use it with their own environment and writers; {@link Main} uses it
 * with the real ones.
 */
public final class Cli {
  private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ProcessHooks hooks;
  private final InputStream in;

  public Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(env, out, err, ProcessHooks.NONE);
  }

  /**
   * @param hooks what {@code arb run} may do to the process: only {@link Main} gives real ones
   */
  public Cli(Map<String, String> env, PrintWriter out, PrintWriter err, ProcessHooks hooks) {
    this(env, out, err, hooks, System.in);
  }

  /**
   * @param hooks what {@code arb run} may do to the process: only {@link Main} gives real ones
   * @param in standard input of the commands that read it ({@code arb defi keystore import})
   */
  public Cli(
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      ProcessHooks hooks,
      InputStream in) {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    this.hooks = hooks;
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Runs one command line and returns its exit code. Never calls {@link System#exit}. */
  public int run(String... args) {
    ArbCommand root = new ArbCommand(new CliContext(env, out, err, Clock.systemUTC(), hooks, in));
    CommandLine cl = commandLine(root);
    return cl.execute(args);
  }

  /** The configured picocli tree; visible so tests and docs can inspect it. */
  CommandLine commandLine(ArbCommand root) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
    cl.setParameterExceptionHandler(this::onBadUsage);
    cl.setExecutionExceptionHandler(this::onFailure);
    return cl;
  }

  private int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    err.println("arb: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }

  private int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof ConfigException ce) {
      for (String p : ce.problems()) {
        err.println(p);
      }
      if (ce.problems().size() > 1) {
        err.println(ce.problems().size() + " problems; nothing was done.");
      }
    } else if (e instanceof ArbException) {
      err.println("arb: " + e.getMessage());
    } else {
      err.println("arb: unexpected error: " + e + " (run with -v for details in the log)");
    }
    LOG.debug("command failed", e);
    err.flush();
    return exitCodeOf(e);
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof ConfigException
        || e instanceof DataDirInUseException
        || e instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.FAILURE;
  }
}
