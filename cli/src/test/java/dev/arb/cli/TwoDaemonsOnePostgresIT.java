package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.storage.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code arb run} processes (child JVMs) with different {@code ARB_INSTANCE}s write one
 * history into one PostgreSQL database (a real server on a free loopback port): each stops cleanly
 * on SIGTERM saying how many records it wrote, and {@code arb history --instance} shows exactly
 * that many of each, every record once.
 */
@Timeout(value = 400, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoDaemonsOnePostgresIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STOPPED =
      Pattern.compile("stopped \\(SIGTERM\\): (\\d+) scans, (\\d+) records written");

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of(
        "HOME", dir.toString(),
        "ARB_PG_USER", PostgresServer.USER,
        "ARB_PG_PASSWORD", PostgresServer.PASSWORD);
  }

  private Process start(String instance) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                RunProcessIT.testClassPath(),
                Main.class.getName(),
                "--config",
                dir.resolve("arb.conf").toString(),
                "--data-dir",
                dir.resolve("data-" + instance).toString(),
                "run",
                "--http-port",
                "0",
                "--loop",
                "--interval",
                "20ms")
            .redirectOutput(dir.resolve(instance + ".out").toFile())
            .redirectError(dir.resolve(instance + ".err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    pb.environment().putAll(env());
    pb.environment().put("ARB_INSTANCE", instance);
    return pb.start();
  }

  private long stopAndCount(Process p, String instance) throws Exception {
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve(instance + ".err"));
    assertThat(p.exitValue()).as(err).isZero();
    List<String> lines = Files.readAllLines(dir.resolve(instance + ".out"));
    Matcher m = STOPPED.matcher(lines.get(lines.size() - 1));
    assertThat(m.find()).as("out %s err %s", lines, err).isTrue();
    return Long.parseLong(m.group(2));
  }

  /**
   * {@code arb history --json} as its own process (the store reads the database login from the
   * process environment).
   */
  private JsonNode history(String... more) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                RunProcessIT.testClassPath(),
                Main.class.getName(),
                "--config",
                dir.resolve("arb.conf").toString(),
                "--data-dir",
                dir.resolve("data-history").toString(),
                "history",
                "--json",
                "--limit=100000"));
    cmd.addAll(List.of(more));
    Path out = dir.resolve("history.out");
    Path err = dir.resolve("history.err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    pb.environment().putAll(env());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return JSON.readTree(Files.readString(out));
  }

  @Test
  void twoDaemonsWriteOneHistoryWithNoRecordLostOrDoubled() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    String url = pg.createDatabase();
    Process a = null;
    Process b = null;
    try {
      Files.writeString(
          dir.resolve("arb.conf"),
          "arb.storage {\n  url = \""
              + url
              + "\"\n  user = { env = \"ARB_PG_USER\" }\n  password = { env = \"ARB_PG_PASSWORD\" }\n}\n");
      a = start("engine-a");
      b = start("engine-b");
      String urlA =
          RunProcessIT.awaitUrl(dir.resolve("engine-a.out"), a, dir.resolve("engine-a.err"));
      String urlB =
          RunProcessIT.awaitUrl(dir.resolve("engine-b.out"), b, dir.resolve("engine-b.err"));
      // both write at once for a while
      for (String u : List.of(urlA, urlB)) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (JSON.readTree(Http.get(u + "/status").body()).at("/records/written").asLong()
            < 200) {
          assertThat(System.nanoTime() - end).as("records written by " + u).isNegative();
          Thread.sleep(50);
        }
      }
      JsonNode status = JSON.readTree(Http.get(urlA + "/status").body());
      assertThat(status.at("/records/storage").asText()).isEqualTo("postgresql");
      assertThat(status.at("/records/database").asText()).isEqualTo(url);
      long writtenA = stopAndCount(a, "engine-a");
      long writtenB = stopAndCount(b, "engine-b");
      assertThat(writtenA).isGreaterThanOrEqualTo(200);
      assertThat(writtenB).isGreaterThanOrEqualTo(200);

      JsonNode ofA = history("--instance", "engine-a");
      JsonNode ofB = history("--instance", "engine-b");
      JsonNode all = history();
      assertThat((long) ofA.size()).isEqualTo(writtenA);
      assertThat((long) ofB.size()).isEqualTo(writtenB);
      assertThat((long) all.size()).isEqualTo(writtenA + writtenB);
      Set<Long> ids = new HashSet<>();
      Set<String> instances = new HashSet<>();
      for (JsonNode r : all) {
        ids.add(r.path("id").asLong());
        instances.add(r.path("instance").asText());
      }
      assertThat(ids).hasSize(all.size());
      assertThat(instances).containsExactlyInAnyOrder("engine-a", "engine-b");
      ofA.forEach(r -> assertThat(r.path("instance").asText()).isEqualTo("engine-a"));
    } finally {
      if (a != null) {
        a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      if (b != null) {
        b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      pg.dropDatabase(url);
    }
  }
}
