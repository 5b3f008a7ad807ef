package dev.arb.cli;

import dev.arb.daemon.ProcessHooks;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import dev.arb.error.DataDirInUseException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
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
  private boolean errTerminal;

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

  /**
   * Says that {@code err} is a terminal, so long commands show a progress line on it ({@link Main}
   * only, for the real stderr).
   */
  public Cli errIsTerminal(boolean terminal) {
    this.errTerminal = terminal;
    return this;
  }

  /** Runs one command line and returns its exit code. Never calls {@link System#exit}. */
  public int run(String... args) {
    ArbCommand root =
        new ArbCommand(new CliContext(env, out, err, Clock.systemUTC(), hooks, in, errTerminal));
    CommandLine cl = commandLine(root);
    return cl.execute(args);
  }

  /** The configured picocli tree; visible so tests and docs can inspect it. */
  CommandLine commandLine(ArbCommand root) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // numbers as a person reads them: "'abc' is not a whole number", not "is not a long"
    cl.registerConverter(Integer.class, v -> wholeNumber(v, Integer::valueOf));
    cl.registerConverter(Integer.TYPE, v -> wholeNumber(v, Integer::valueOf));
    cl.registerConverter(Long.class, v -> wholeNumber(v, Long::valueOf));
    cl.registerConverter(Long.TYPE, v -> wholeNumber(v, Long::valueOf));
    cl.registerConverter(Double.class, v -> number(v, Double::valueOf));
    cl.registerConverter(Double.TYPE, v -> number(v, Double::valueOf));
    cl.registerConverter(BigDecimal.class, v -> number(v, BigDecimal::new));
    cl.registerConverter(Duration.class, new ScanCommand.DurationConverter());
    cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
    cl.setParameterExceptionHandler(this::onBadUsage);
    cl.setExecutionExceptionHandler(this::onFailure);
    return cl;
  }

  private static <T> T wholeNumber(String value, Function<String, T> parse) {
    try {
      return parse.apply(value.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
    }
  }

  private static <T> T number(String value, Function<String, T> parse) {
    try {
      return parse.apply(value.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a number; write it like 1000 or 0.25");
    }
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
      // no exception class for people: its message, or the fact; the trace is in the -v log
      String what = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
      err.println("arb: unexpected error" + what + " (run with -v for details in the log)");
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
