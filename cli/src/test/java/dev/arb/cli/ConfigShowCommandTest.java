package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigShowCommandTest {
  private static final String ENV_SECRET = "tok-ZqLeak-7f3a9c";
  private static final String KEY_SECRET = "key-ZqLeak-11b2";
  private static final String FILE_SECRET = "sk-ZqLeak-e41d";

  @TempDir Path dir;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", "/nonexistent-home");
    env.put("ARB_HTTP_TOKEN", ENV_SECRET);
    env.put("ARB_KRAKEN_API_KEY", KEY_SECRET);
    env.put("ARB_HTTP_PORT", "9001");
    return env;
  }

  private Path goodConfig() throws IOException {
    Path p = dir.resolve("good.conf");
    Files.writeString(
        p,
        """
        arb {
          storage.batch-size = 50
          exchanges.kraken {
            api-key = { env = "ARB_KRAKEN_API_KEY" }
            api-secret = { env = "ARB_KRAKEN_API_SECRET" }
          }
        }
        """);
    return p;
  }

  private Path configWithPlainSecret() throws IOException {
    Path p = dir.resolve("leaky.conf");
    Files.writeString(
        p,
        "arb.exchanges.kraken.api-secret = \""
            + FILE_SECRET
            + "\"\narb.exchanges.kraken.secret = \""
            + FILE_SECRET
            + "\"\narb.http.token = { env = \""
            + FILE_SECRET
            + "\" }\n");
    return p;
  }

  @Test
  void showsValuesWithOrigins() throws IOException {
    Path f = goodConfig();
    CliRun r = CliRun.run(env(), "--config", f.toString(), "--data-dir", "/d", "config", "show");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("# effective configuration; file: " + f)
        .containsPattern("arb.storage.batch-size = 50 +# " + f + " line 2\n")
        .containsPattern("arb.http.port = 9001 +# environment ARB_HTTP_PORT\n")
        .containsPattern("arb.data-dir = \"/d\" +# command line\n")
        .containsPattern("arb.storage.queue-capacity = 10000 +# default\n")
        .containsPattern(
            "arb.http.token = \\{\"env\":\"ARB_HTTP_TOKEN\"} +# default; ARB_HTTP_TOKEN is set"
                + " \\(value redacted\\)\n")
        .containsPattern("arb.exchanges.kraken.api-key = \\{\"env\":\"ARB_KRAKEN_API_KEY\"}");
  }

  @Test
  void jsonVariantParsesAndCarriesOrigins() throws IOException {
    Path f = goodConfig();
    CliRun r = CliRun.run(env(), "--config", f.toString(), "config", "show", "--json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("file").asText()).isEqualTo(f.toString());
    JsonNode batch = find(doc, "arb.storage.batch-size");
    assertThat(batch.get("value").asInt()).isEqualTo(50);
    assertThat(batch.get("origin").asText()).isEqualTo(f + " line 2");
    JsonNode token = find(doc, "arb.http.token");
    assertThat(token.get("value").get("env").asText()).isEqualTo("ARB_HTTP_TOKEN");
    assertThat(token.get("note").asText()).isEqualTo("ARB_HTTP_TOKEN is set (value redacted)");
    assertThat(find(doc, "arb.http.port").get("origin").asText())
        .isEqualTo("environment ARB_HTTP_PORT");
  }

  private static JsonNode find(JsonNode doc, String key) {
    for (JsonNode s : doc.get("settings")) {
      if (s.get("key").asText().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no setting " + key);
  }

  @Test
  void noSecretReachesStdoutStderrOrLog() throws IOException {
    Path good = goodConfig();
    Path leaky = configWithPlainSecret();
    String[][] runs = {
      {"-v", "--log-format", "json", "--config", good.toString(), "config", "show"},
      {"-v", "--log-format", "json", "--config", good.toString(), "config", "show", "--json"},
      {"-v", "--config", good.toString(), "config", "show"},
      {"-v", "--log-format", "json", "config", "validate", good.toString()},
      {"-v", "--log-format", "json", "--config", leaky.toString(), "config", "show"},
      {"-v", "--log-format", "json", "--config", leaky.toString(), "config", "show", "--json"},
      {"-v", "config", "validate", leaky.toString()},
    };
    for (String[] args : runs) {
      CliRun r = CliRun.run(env(), args);
      String all = r.out() + r.err();
      assertThat(all)
          .as("output of %s", String.join(" ", args))
          .doesNotContain(ENV_SECRET)
          .doesNotContain(KEY_SECRET)
          .doesNotContain(FILE_SECRET)
          .doesNotContain("ZqLeak");
      // the debug log ran and was captured, so the check above covered it
      assertThat(r.err()).as("log of %s", String.join(" ", args)).contains("environment overrides");
    }
    CliRun leakyRun = CliRun.run(env(), "config", "validate", leaky.toString());
    assertThat(leakyRun.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(leakyRun.err())
        .contains("arb.exchanges.kraken.api-secret must say where the secret is kept")
        .contains("arb.exchanges.kraken.secret is not a known key")
        .contains("arb.http.token.env must be the name of an environment variable");
  }
}
