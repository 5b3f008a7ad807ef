package dev.arb.cli;

import dev.arb.config.ConfigLoader;
import dev.arb.config.LoadedConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
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

  @Override
  protected int execute() {
    Optional<Path> chosen =
        Optional.ofNullable(file).or(() -> Optional.ofNullable(root().configFile));
    LoadedConfig loaded = ConfigLoader.load(chosen, context().env(), root().overrides());
    root().applyConfiguredLogging(loaded);
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
