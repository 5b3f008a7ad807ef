package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /status} names the store: a PostgreSQL URL is shown without user or password. */
class StatusStorageTest {

  @Test
  void theStoreInUseIsNamed() {
    var sqlite =
        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("arb.data-dir", "/var/lib/arb"))
            .config();
    assertThat(StatusView.database(sqlite)).isEqualTo("/var/lib/arb/arb.db");
    var postgres =
        ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                    "arb.data-dir",
                    "/var/lib/arb",
                    "arb.storage.url",
                    "jdbc:postgresql://arb:pw@db.internal:5432/arb"))
            .config();
    assertThat(postgres.storage().postgres()).isPresent();
    assertThat(StatusView.database(postgres)).isEqualTo("jdbc:postgresql://db.internal:5432/arb");
  }

  @Test
  void credentialsAreLeftOutOfAPostgresUrl() {
    assertThat(StatusView.withoutCredentials("jdbc:postgresql://db.internal:5432/arb"))
        .isEqualTo("jdbc:postgresql://db.internal:5432/arb");
    assertThat(StatusView.withoutCredentials("jdbc:postgresql://arb:s3cret@db:5432/arb"))
        .isEqualTo("jdbc:postgresql://db:5432/arb");
    assertThat(
            StatusView.withoutCredentials(
                "jdbc:postgresql://db/arb?user=arb&sslmode=require&Password=s3cret"))
        .isEqualTo("jdbc:postgresql://db/arb?sslmode=require")
        .doesNotContain("s3cret");
    assertThat(StatusView.withoutCredentials("jdbc:postgresql://db/arb?password=x"))
        .isEqualTo("jdbc:postgresql://db/arb");
  }
}
