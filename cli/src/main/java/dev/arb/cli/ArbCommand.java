package dev.arb.cli;

import dev.arb.cli.wiring.LoggingSetup;
import dev.arb.config.ConfigLoader;
import dev.arb.config.LoadedConfig;
import dev.arb.config.LoggingConfig.LogFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options, and the subcommands. */
@Command(
    name = "arb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Finds and sizes arbitrage cycles across exchanges, records every opportunity, and runs as"
          + " a daemon.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 nothing found"
          + " (with --fail-on-empty).",
      "Configuration: --config FILE, else $ARB_CONFIG; see 'arb config generate' and the README."
    },
    subcommands = {
      ScanCommand.class,
      RecordCommand.class,
      RunCommand.class,
      FeedCommand.class,
      StatusCommand.class,
      ControlCommand.Pause.class,
      ControlCommand.Resume.class,
      ControlCommand.KillSwitch.class,
      ControlCommand.Stop.class,
      HistoryCommand.class,
      DlqCommand.class,
      DefiCommand.class,
      ConfigCommand.class,
      BacktestCommand.class,
      BenchCommand.class,
      CompletionCommand.class,
      ManCommand.class
    })
public final class ArbCommand implements Callable<Integer> {

  private final CliContext context;
  private LoadedConfig loaded;
  private boolean loggingReady;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Config file (HOCON). Default: $ARB_CONFIG, else built-in defaults only.")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Where arb.db and other state live. Default: the configured data-dir, else"
              + " $XDG_DATA_HOME/arb, else ~/.local/share/arb.")
  Path dataDir;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log at DEBUG level (stack traces of failures included).")
  boolean verbose;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      scope = ScopeType.INHERIT,
      description =
          "Log lines on stderr as text (for people) or json (one object per line). Default: the"
              + " configured logging format (text).")
  LogFormat logFormat;

  public ArbCommand(CliContext context) {
    this.context = context;
  }

  /** With no subcommand: say so, show the usage, and fail as a usage error. */
  @Override
  public Integer call() {
    context.err().println("arb: a command is required");
    context.err().println();
    spec.commandLine().usage(context.err());
    context.err().flush();
    return ExitCode.USAGE;
  }

  CliContext context() {
    return context;
  }

  /**
   * The effective configuration, loaded on first use: command-line options over environment over
   * config file over defaults.
   *
   * @throws dev.arb.error.ConfigException listing every problem
   */
  LoadedConfig config() {
    if (loaded == null) {
      loaded = ConfigLoader.load(Optional.ofNullable(configFile), context.env(), overrides());
    }
    return loaded;
  }

  /**
   * The configuration read again from the same sources (the file may have changed since), for a
   * reload; nothing is cached.
   *
   * @throws dev.arb.error.ConfigException listing every problem
   */
  LoadedConfig reloadConfig() {
    return ConfigLoader.load(Optional.ofNullable(configFile), context.env(), overrides());
  }

  /** Command-line options as config overrides, keyed by full config path. */
  Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    if (dataDir != null) {
      o.put("arb.data-dir", dataDir.toAbsolutePath().toString());
    }
    if (logFormat != null) {
      o.put("arb.logging.format", logFormat.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (verbose) {
      o.put("arb.logging.level", "DEBUG");
    }
    return o;
  }

  /** Sets up logging from the command line alone (before config is known), once. */
  void initLogging() {
    if (loggingReady) {
      return;
    }
    LoggingSetup.configure(
        verbose ? "DEBUG" : "WARN", logFormat == null ? LogFormat.TEXT : logFormat, context.err());
    loggingReady = true;
  }

  /** Re-applies logging with the loaded configuration's level and format. */
  void applyConfiguredLogging(LoadedConfig cfg) {
    LoggingSetup.configure(
        cfg.config().logging().level(), cfg.config().logging().format(), context.err());
  }
}
