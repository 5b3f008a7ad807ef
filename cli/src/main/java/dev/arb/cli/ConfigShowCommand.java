package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arb.config.EffectiveConfig;
import dev.arb.config.EffectiveConfig.Setting;
import dev.arb.config.LoadedConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb config show}: the effective configuration, each value with its origin. Secret settings
 * show where the secret is kept and whether it is there, never the secret.
 */
@Command(
    name = "show",
    description = {
      "Print the effective configuration: every key, its value, and where the value came from"
          + " (file and line, environment variable, command line or default).",
      "Secrets are never printed: only where each one is kept and whether it is set."
    })
final class ConfigShowCommand extends BaseCommand {

  @Option(names = "--json", description = "One JSON document instead of text.")
  boolean json;

  @Override
  protected int execute() throws JsonProcessingException {
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

  private static String toJson(LoadedConfig loaded, List<Setting> settings)
      throws JsonProcessingException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Setting s : settings) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", s.key());
      row.put("value", s.value());
      row.put("origin", s.origin());
      s.note().ifPresent(n -> row.put("note", n));
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", loaded.file().map(Path::toString).orElse(null));
    doc.put("settings", rows);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
  }
}
