package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.ArbEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The environment-variable table of docs/configuration.md lists every {@code ARB_*} variable the
 * code reads (a string literal in the main sources of any module, or an override of {@link
 * ArbEnv}), and nothing else; each override is listed with the key it sets.
 */
class EnvTableTest {
  private static final Pattern LITERAL = Pattern.compile("\"(ARB_[A-Z0-9_]+)\"");
  private static final Pattern NAME = Pattern.compile("`(ARB_[A-Z0-9_<>]+)`");

  /** Variables of the table, with the text of their second column. */
  static Map<String, String> table(List<String> page) {
    Map<String, String> rows = new LinkedHashMap<>();
    int at = page.indexOf("### Environment variables");
    assertThat(at).as("the section of docs/configuration.md").isNotNegative();
    for (int i = at + 1; i < page.size() && !page.get(i).startsWith("#"); i++) {
      String line = page.get(i);
      if (!line.startsWith("| `ARB_")) {
        continue;
      }
      String[] cells = line.split("\\|");
      Matcher m = NAME.matcher(cells[1]);
      while (m.find()) {
        rows.put(m.group(1), cells[2].trim());
      }
    }
    return rows;
  }

  /** {@code ARB_*} string literals of the main Java sources of every module. */
  static TreeSet<String> readByTheCode(Path root) throws IOException {
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/node_modules/"))
          .forEach(
              p -> {
                try {
                  Matcher m = LITERAL.matcher(Files.readString(p));
                  while (m.find()) {
                    found.add(m.group(1));
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return found;
  }

  /** An exchange's key variables (the config's example, {@code ARB_KRAKEN_API_KEY}) as a form. */
  static String asDocumented(String variable) {
    for (String ex : ArbEnv.TEMPLATE_EXCHANGES) {
      if (variable.equals(ArbEnv.exchangeApiKey(ex))) {
        return "ARB_<EXCHANGE>_API_KEY";
      }
      if (variable.equals(ArbEnv.exchangeApiSecret(ex))) {
        return "ARB_<EXCHANGE>_API_SECRET";
      }
    }
    return variable;
  }

  @Test
  void everyVariableTheCodeReadsIsInTheTableAndNothingElse() throws IOException {
    Path root = ReadmeCommandsIT.repoRoot();
    Map<String, String> table =
        table(Files.readAllLines(root.resolve("docs").resolve("configuration.md")));
    TreeSet<String> read = new TreeSet<>();
    for (String v : readByTheCode(root)) {
      read.add(asDocumented(v));
    }
    read.add(ArbEnv.CONFIG_FILE);
    for (ArbEnv.EnvOverride o : ArbEnv.OVERRIDES) {
      read.add(o.variable());
    }
    read.add("ARB_<EXCHANGE>_API_KEY");
    read.add("ARB_<EXCHANGE>_API_SECRET");
    assertThat(read).as("variables the code reads").contains("ARB_RUN_INTERVAL", "ARB_HTTP_TOKEN");
    assertThat(new TreeSet<>(table.keySet())).isEqualTo(read);
    for (ArbEnv.EnvOverride o : ArbEnv.OVERRIDES) {
      assertThat(table.get(o.variable())).as(o.variable()).isEqualTo("`" + o.key() + "`");
    }
  }

  @Test
  void theTableParserSeesEveryNameOfARowAndStopsAtTheNextHeading() {
    Map<String, String> t =
        table(
            List.of(
                "### Environment variables",
                "| variable | sets |",
                "| `ARB_A` | `arb.a` |",
                "| `ARB_B`, `ARB_<X>_C` | text |",
                "### Keys",
                "| `ARB_D` | `arb.d` |"));
    assertThat(t).containsOnlyKeys("ARB_A", "ARB_B", "ARB_<X>_C");
    assertThat(t.get("ARB_A")).isEqualTo("`arb.a`");
  }
}
