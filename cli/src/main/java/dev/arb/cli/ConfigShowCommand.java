package dev.arb.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arb.config.EffectiveConfig;
import dev.arb.config.EffectiveConfig.Setting;
import dev.arb.config.LoadedConfig;
import dev.arb.engine.json.Json;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb config show}: the effective configuration, each value with its origin. Secret settings
 * show where the secret is kept and whether it is there, never the secret.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the effective configuration: every key, its value, and where the value came from"
          + " (file and line, environment variable, command line or default).",
      "Secrets are never printed: only where each one is kept and whether it is set."
    })
final class ConfigShowCommand extends BaseCommand {

  @Option(names = "--json", description = "One JSON document instead of text.")
  boolean json;

  @Override
  protected int execute() {
    LoadedConfig loaded = config();
    List<Setting> settings = EffectiveConfig.settings(loaded, context().env());
    if (json) {
      out().println(toJson(loaded, settings));
    } else {
      out()
          .println(
              "# effective configuration; file: "
                  + loaded
                      .file()
                      .map(Path::toString)
                      .orElse("none (defaults and environment only)"));
      for (Setting s : settings) {
        String line = s.key() + " = " + EffectiveConfig.render(s.value());
        String origin = s.origin() + s.note().map(n -> "; " + n).orElse("");
        out().println(String.format("%-48s # %s", line, origin));
      }
    }
    out().flush();
    return ExitCode.OK;
  }

  /**
   * The {@code --json} document: the config file ({@code null} when none) and every setting in
   * {@code reference.conf} order.
   */
  record ConfigJson(String file, List<SettingJson> settings) {}

  /**
   * One setting: its value (text, number, boolean or list; secrets redacted), where it came from,
   * and a note when there is one (left out otherwise).
   */
  record SettingJson(
      String key,
      Object value,
      String origin,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}

  private static String toJson(LoadedConfig loaded, List<Setting> settings) {
    return Json.pretty(
        new ConfigJson(
            loaded.file().map(Path::toString).orElse(null),
            settings.stream()
                .map(s -> new SettingJson(s.key(), s.value(), s.origin(), s.note().orElse(null)))
                .toList()));
  }
}
