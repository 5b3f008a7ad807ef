package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What arb keeps on disk is its owner's only (issue 14, finding 7): the data directory it creates
 * is {@code 0700}, the database and its {@code -wal}/{@code -shm}, the lock file {@code 0600},
 * whatever the umask; existing looser modes are left as they are but warned about, once, with the
 * {@code chmod} that fixes them.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FilePermissionsIT {
  @TempDir Path dir;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aNewDataDirectoryAndEverythingInItAreTheOwnersOnly() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = dir.resolve("state/arb");
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "20ms")) {
      d.awaitStatus(s -> s.at("/records/written").asLong() > 0);
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(data.getParent())).isEqualTo("rwx------");
      assertThat(mode(data.resolve("arb.db"))).isEqualTo("rw-------");
      assertThat(mode(data.resolve("arb.db-wal"))).isEqualTo("rw-------");
      assertThat(mode(data.resolve("arb.db-shm"))).isEqualTo("rw-------");
      assertThat(mode(data.resolve("arb.lock"))).isEqualTo("rw-------");
    }
    assertThat(mode(dir)).as("an existing parent is left alone").isEqualTo("rwxr-xr-x");
  }

  @Test
  void looserExistingModesAreWarnedAboutOnceNamingTheChmodToRun() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    // as an earlier arb left it (through plain JDBC: arb's own open would warn here already)
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arb.db"));
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x)");
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        data.resolve("arb.db"), PosixFilePermissions.fromString("rw-r--r--"));

    CliRun run =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--exit-at-end");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(count(run.err(), "chmod 700 " + data)).isEqualTo(1);
    assertThat(count(run.err(), "chmod 600 " + data.resolve("arb.db"))).isEqualTo(1);
    assertThat(run.err()).contains(data + " can be read by other users");
    assertThat(mode(data)).as("left as it was").isEqualTo("rwxr-xr-x");
    assertThat(mode(data.resolve("arb.db"))).isEqualTo("rw-r--r--");
  }
}
