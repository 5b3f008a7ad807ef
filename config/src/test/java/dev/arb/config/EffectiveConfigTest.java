package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {

  @TempDir Path dir;

  @Test
  void eachSettingCarriesItsOrigin() throws IOException {
    Path f = dir.resolve("arb.conf");
    Files.writeString(
        f,
        """
        arb {
          storage.batch-size = 7
          exchanges.kraken.api-key = { env = "K" }
          exchanges.kraken.api-secret = { file = "/nonexistent/secret" }
        }
        """);
    Map<String, String> env = Map.of("HOME", "/h", "ARB_HTTP_PORT", "9000", "K", "hidden-key");
    LoadedConfig l = ConfigLoader.load(Optional.of(f), env, Map.of("arb.logging.level", "DEBUG"));
    Map<String, EffectiveConfig.Setting> s =
        EffectiveConfig.settings(l, env).stream()
            .collect(Collectors.toMap(EffectiveConfig.Setting::key, Function.identity()));
    assertThat(s.get("arb.storage.batch-size").value()).isEqualTo(7);
    assertThat(s.get("arb.storage.batch-size").origin()).isEqualTo(f.toAbsolutePath() + " line 2");
    assertThat(s.get("arb.http.port").origin()).isEqualTo("environment ARB_HTTP_PORT");
    assertThat(s.get("arb.logging.level").origin()).isEqualTo("command line");
    assertThat(s.get("arb.storage.queue-capacity").origin()).isEqualTo("default");
    assertThat(s.get("arb.data-dir").origin()).isEqualTo("default (~/.local/share/arb)");
    assertThat(s.get("arb.storage.flush-interval").value()).isEqualTo("200ms");
    EffectiveConfig.Setting key = s.get("arb.exchanges.kraken.api-key");
    assertThat(key.value()).isEqualTo(Map.of("env", "K"));
    assertThat(key.note()).contains("K is set (value redacted)");
    assertThat(key.origin()).isEqualTo(f.toAbsolutePath() + " line 3");
    assertThat(s.get("arb.exchanges.kraken.api-secret").note()).contains("file does not exist");
    assertThat(s.get("arb.http.token").note()).contains("ARB_HTTP_TOKEN is not set");
    assertThat(s.values().stream().map(String::valueOf).collect(Collectors.joining()))
        .doesNotContain("hidden-key");
  }

  @Test
  void nullDataDirInFileShowsTheComputedDefault() throws IOException {
    Path f = dir.resolve("arb.conf");
    Files.writeString(f, "arb.data-dir = null\n");
    Map<String, String> env = Map.of("HOME", "/h", "XDG_DATA_HOME", "/x");
    EffectiveConfig.Setting d =
        EffectiveConfig.settings(ConfigLoader.load(Optional.of(f), env, Map.of()), env).get(0);
    assertThat(d.key()).isEqualTo("arb.data-dir");
    assertThat(d.value()).isEqualTo("/x/arb");
    assertThat(d.origin()).isEqualTo("default ($XDG_DATA_HOME/arb)");
  }

  @Test
  void listsKeysInReferenceOrder() {
    List<String> keys =
        EffectiveConfig.settings(
                ConfigLoader.load(Optional.empty(), Map.of("HOME", "/h"), Map.of()), Map.of())
            .stream()
            .map(EffectiveConfig.Setting::key)
            .toList();
    assertThat(keys)
        .startsWith("arb.data-dir", "arb.logging.level")
        .endsWith(
            "arb.defi.keystore-password",
            "arb.defi.max-fee-gwei",
            "arb.defi.receipt-timeout",
            "arb.defi.replace-after",
            "arb.defi.max-replacements",
            "arb.defi.min-profit-margin",
            "arb.defi.relayer.forwarder");
  }

  @Test
  void durationsRenderAsHocon() {
    assertThat(EffectiveConfig.duration(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(EffectiveConfig.duration(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(EffectiveConfig.duration(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(EffectiveConfig.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(EffectiveConfig.duration(Duration.ZERO)).isEqualTo("0ms");
  }
}
