package dev.arb.cli;

import dev.arb.config.ConfigTemplates;
import dev.arb.engine.json.Json;
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

  @Option(
      names = "--json",
      description = "Print the folder and the files written as JSON instead of the next steps.")
  boolean json;

  /**
   * What {@code arb config generate --json} prints.
   *
   * @param directory the folder written into
   * @param filesWritten the files written, in order (config, env file, systemd unit)
   * @param configFile the config file to edit and check with {@code arb config validate}
   * @param envFile the file for the secret variables (keep it chmod 600)
   */
  record Generated(
      String directory, List<String> filesWritten, String configFile, String envFile) {}

  @Override
  protected int execute() {
    Path dir = (output == null ? Path.of("") : output).toAbsolutePath().normalize();
    List<Path> written = ConfigTemplates.generate(dir, force);
    if (json) {
      out()
          .println(
              Json.pretty(
                  new Generated(
                      dir.toString(),
                      written.stream().map(Path::toString).toList(),
                      dir.resolve(ConfigTemplates.CONFIG_FILE).toString(),
                      dir.resolve(ConfigTemplates.ENV_FILE).toString())));
      out().flush();
      return ExitCode.OK;
    }
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
