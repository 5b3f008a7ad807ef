package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplatesTest {

  @TempDir Path dir;

  @Test
  void configTemplateHasEveryKeyWithItsDefault() {
    Config template = ConfigFactory.parseString(ConfigTemplates.configFile());
    Config reference =
        ConfigFactory.parseResources(ConfigTemplatesTest.class.getClassLoader(), "reference.conf");
    assertThat(template.root().keySet()).containsExactly("arb");
    assertThat(template.getConfig("arb").root()).isEqualTo(reference.getConfig("arb").root());
  }

  @Test
  void referenceConfAndTemplatesDocumentEveryEnvOverride() {
    String reference = ConfigTemplatesTest.resource("/reference.conf");
    for (ArbEnv.EnvOverride o : ArbEnv.OVERRIDES) {
      assertThat(reference).contains(o.variable() + "  ").contains("Env: " + o.variable());
      assertThat(ConfigTemplates.configFile()).contains(o.variable());
      assertThat(ConfigTemplates.envFile()).contains("# " + o.variable() + "=    # " + o.key());
    }
    assertThat(reference).contains(ArbEnv.CONFIG_FILE);
  }

  @Test
  void envTemplateListsSecretVariablesEmpty() {
    String env = ConfigTemplates.envFile();
    assertThat(env)
        .contains("\nARB_HTTP_TOKEN=\n")
        .contains("\nARB_KEYSTORE_PASSWORD=\n")
        .contains("\nARB_KRAKEN_API_KEY=\nARB_KRAKEN_API_SECRET=\n")
        .contains("chmod 600");
  }

  @Test
  void unitRunsForegroundHardenedWithStateDirectory() {
    assertThat(ConfigTemplates.systemdUnit())
        .contains("\nType=exec\n")
        .contains("\nExecStart=/usr/local/bin/arb run --config /etc/arb/arb.conf\n")
        .contains("\nEnvironmentFile=-/etc/arb/arb.env\n")
        .contains("\nStateDirectory=arb\n")
        .contains("\nEnvironment=ARB_DATA_DIR=/var/lib/arb\n")
        .contains("\nRestart=on-failure\n")
        .contains("\nNoNewPrivileges=yes\n")
        .contains("\nProtectSystem=strict\n")
        .contains("\nProtectHome=yes\n")
        .contains("\nPrivateTmp=yes\n")
        .contains("\nKillSignal=SIGTERM\n")
        .contains("\nExecReload=/bin/kill -HUP $MAINPID\n")
        .contains("\nEnvironment=\"ARB_JAVA_OPTS=-Xmx256m ")
        .contains("\nMemoryMax=512M\n");
  }

  @Test
  void generatedConfigLoadsAndEqualsDefaults() throws IOException {
    ConfigTemplates.generate(dir, false);
    Map<String, String> env = Map.of("HOME", "/h");
    LoadedConfig fromFile = ConfigLoader.load(Optional.of(dir.resolve("arb.conf")), env, Map.of());
    LoadedConfig defaults = ConfigLoader.load(Optional.empty(), env, Map.of());
    assertThat(fromFile.config()).isEqualTo(defaults.config());
  }

  @Test
  void writesThreeFilesEnvFileOwnerOnly() throws IOException {
    Path out = dir.resolve("new/sub");
    assertThat(ConfigTemplates.generate(out, false))
        .containsExactly(
            out.resolve("arb.conf"), out.resolve("arb.env"), out.resolve("arb.service"));
    assertThat(Files.readString(out.resolve("arb.conf"))).isEqualTo(ConfigTemplates.configFile());
    assertThat(Files.readString(out.resolve("arb.service")))
        .isEqualTo(ConfigTemplates.systemdUnit());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("arb.env"))))
        .isEqualTo("rw-------");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("arb.conf", "arb.env", "arb.service");
    }
  }

  @Test
  void refusesToOverwriteAndWritesNothingWithoutForce() throws IOException {
    Files.writeString(dir.resolve("arb.env"), "MINE=1\n");
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigTemplates.generate(dir, false));
    assertThat(e.problems())
        .containsExactly(
            "config: "
                + dir.resolve("arb.env")
                + " already exists; nothing was written (use --force to overwrite)");
    assertThat(Files.readString(dir.resolve("arb.env"))).isEqualTo("MINE=1\n");
    assertThat(dir.resolve("arb.conf")).doesNotExist();
    assertThat(dir.resolve("arb.service")).doesNotExist();
  }

  @Test
  void forceOverwrites() throws IOException {
    Files.writeString(dir.resolve("arb.conf"), "old");
    ConfigTemplates.generate(dir, true);
    assertThat(Files.readString(dir.resolve("arb.conf"))).isEqualTo(ConfigTemplates.configFile());
  }

  private static String resource(String name) {
    try (var in = ConfigTemplatesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
