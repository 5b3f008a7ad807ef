package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  private static final String VALUE = "s3cr3t-VALUE-42";

  @TempDir Path dir;

  private Path secretFile(String perms, String content) throws IOException {
    Path p = dir.resolve("secret");
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  @Test
  void resolvesEnvironmentVariable() {
    Secret s =
        new SecretResolver(Map.of("ARB_X", VALUE))
            .resolve("arb.http.token", new SecretRef.Env("ARB_X"));
    assertThat(s.reveal()).isEqualTo(VALUE);
    assertThat(s.source()).isEqualTo("env ARB_X");
  }

  @Test
  void missingVariableNamesItAndTheKey() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                new SecretResolver(Map.of())
                    .resolve(
                        "arb.exchanges.kraken.api-key", new SecretRef.Env("ARB_KRAKEN_API_KEY")));
    assertThat(e.getMessage())
        .startsWith(
            "config: arb.exchanges.kraken.api-key names environment variable ARB_KRAKEN_API_KEY,"
                + " which is not set");
  }

  @Test
  void resolvesOwnerOnlyFileWithoutTrailingNewline() throws IOException {
    Path p = secretFile("rw-------", VALUE + "\n");
    Secret s = new SecretResolver(Map.of()).resolve("k", new SecretRef.File(p));
    assertThat(s.reveal()).isEqualTo(VALUE);
  }

  @Test
  void rejectsGroupOrWorldReadableFileWithoutReadingIt() throws IOException {
    Path p = secretFile("rw-r--r--", VALUE);
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> new SecretResolver(Map.of()).resolve("arb.http.token", new SecretRef.File(p)));
    assertThat(e.getMessage())
        .isEqualTo(
            "config: arb.http.token names file "
                + p
                + ", which its group or others can read or write (rw-r--r--); run: chmod 600 "
                + p)
        .doesNotContain(VALUE);
  }

  @Test
  void rejectsMissingAndEmptyFiles() throws IOException {
    SecretResolver r = new SecretResolver(Map.of());
    assertThat(
            catchThrowableOfType(
                ConfigException.class,
                () -> r.resolve("k", new SecretRef.File(dir.resolve("none")))))
        .hasMessageContaining("does not exist");
    Path empty = secretFile("rw-------", "\n");
    assertThat(
            catchThrowableOfType(
                ConfigException.class, () -> r.resolve("k", new SecretRef.File(empty))))
        .hasMessageEndingWith("which is empty");
  }

  @Test
  void optionalSecretWithUnsetVariableIsEmpty() {
    SecretResolver r = new SecretResolver(Map.of("SET", VALUE));
    assertThat(r.resolveIfSet("k", Optional.of(new SecretRef.Env("UNSET")))).isEmpty();
    assertThat(r.resolveIfSet("k", Optional.empty())).isEmpty();
    assertThat(r.resolveIfSet("k", Optional.of(new SecretRef.Env("SET"))).map(Secret::reveal))
        .contains(VALUE);
  }

  @Test
  void toStringIsRedacted() {
    Secret s = new Secret(VALUE, "env X");
    assertThat(s.toString()).isEqualTo("Secret[redacted]");
    assertThat(String.valueOf(Optional.of(s))).doesNotContain(VALUE);
    assertThat(s.matches(VALUE)).isTrue();
    assertThat(s.matches(VALUE + "x")).isFalse();
  }
}
