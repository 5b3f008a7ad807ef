package dev.arb.cli;

import dev.arb.config.ConfigLoader;
import dev.arb.config.LoadedConfig;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arb config validate [FILE]}: loads and checks the configuration without running. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a config file (with the ARB_* environment and command-line overrides applied)"
          + " without running anything.",
      "Exit 0 when it is valid; exit 2 listing every problem with its key, value and origin."
    })
final class ConfigValidateCommand extends BaseCommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "The file to check. Default: --config, else $ARB_CONFIG, else none.")
  Path file;

  @Option(
      names = "--json",
      description =
          "Print the verdict as JSON: valid, file, and every problem with its config key (exit 2"
              + " still when there are problems).")
  boolean json;

  /**
   * What {@code arb config validate --json} prints.
   *
   * @param valid whether the configuration is valid
   * @param file the file checked; null when there is none (defaults and environment only)
   * @param problems every problem found, empty when valid
   */
  record Verdict(boolean valid, String file, List<Problem> problems) {}

  /**
   * One problem.
   *
   * @param key the config key it is about ({@code arb.http.port}); null when it is about the file
   *     as a whole (such as a syntax error)
   * @param message the message, as printed without {@code --json}
   */
  record Problem(String key, String message) {
    private static final Pattern KEY = Pattern.compile("^config: (arb(?:\\.[A-Za-z0-9_*-]+)*) ");

    static Problem of(String message) {
      Matcher m = KEY.matcher(message);
      return new Problem(m.find() ? m.group(1) : null, message);
    }
  }

  @Override
  protected int execute() {
    Optional<Path> chosen =
        Optional.ofNullable(file).or(() -> Optional.ofNullable(root().configFile));
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.load(chosen, context().env(), root().overrides());
    } catch (ConfigException e) {
      if (!json) {
        throw e;
      }
      out()
          .println(
              Json.pretty(
                  new Verdict(
                      false,
                      chosen.map(Path::toString).orElse(null),
                      e.problems().stream().map(Problem::of).toList())));
      out().flush();
      return ExitCode.USAGE;
    }
    root().applyConfiguredLogging(loaded);
    if (json) {
      out()
          .println(
              Json.pretty(
                  new Verdict(true, loaded.file().map(Path::toString).orElse(null), List.of())));
      out().flush();
      return ExitCode.OK;
    }
    out()
        .println(
            loaded
                .file()
                .map(p -> "config: OK " + p)
                .orElse("config: OK (no config file; defaults and environment only)"));
    out().flush();
    return ExitCode.OK;
  }
}
