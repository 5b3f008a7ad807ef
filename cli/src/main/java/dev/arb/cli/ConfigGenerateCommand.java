package dev.arb.cli;

import dev.arb.config.ConfigTemplates;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb config generate}: writes the config, env-file and systemd unit templates. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented arb.conf (every key with its default), an arb.env template for the"
          + " secret variables (keep it chmod 600) and a systemd unit arb.service.",
      "Never overwrites: if any of the three exists, nothing is written unless --force is given."
    })
final class ConfigGenerateCommand extends BaseCommand {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Directory to write into, created if missing. Default: the current directory.")
  Path output;

  @Option(names = "--force", description = "Overwrite files that exist.")
  boolean force;

  @Override
  protected int execute() {
    Path dir = (output == null ? Path.of("") : output).toAbsolutePath().normalize();
    List<Path> written = ConfigTemplates.generate(dir, force);
    for (Path p : written) {
      out().println("wrote " + p);
    }
    out().println();
    out()
        .println("Next: put secrets in " + dir.resolve(ConfigTemplates.ENV_FILE) + " (chmod 600),");
    out()
        .println(
            "edit "
                + dir.resolve(ConfigTemplates.CONFIG_FILE)
                + ", then check it: arb config validate "
                + dir.resolve(ConfigTemplates.CONFIG_FILE));
    out()
        .println(
            "The unit's header in "
                + dir.resolve(ConfigTemplates.UNIT_FILE)
                + " says how to install.");
    out().flush();
    return ExitCode.OK;
  }
}
