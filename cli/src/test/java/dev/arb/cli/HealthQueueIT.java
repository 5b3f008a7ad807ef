package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} is 503 while the record writer cannot keep up: another process holds the
 * database's write lock, the write queue fills, and health says so; once the lock is gone every
 * record is written and health is 200 again.
 *
 * <p>Robust under machine load: the writer drains the queue in batches of 25, so once the lock is
 * gone it outpaces the replay (10 records per 100 ms) by far even when slowed down; and health is
 * awaited, never sampled once, since a loaded machine may briefly let the queue fill by itself.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HealthQueueIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern STOPPED =
      Pattern.compile("stopped \\(SIGTERM\\): \\d+ scans, (\\d+) records written");

  @TempDir Path dir;

  @Test
  void healthIs503WhileTheWriteQueueIsFullAnd200AfterIt() throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.storage { queue-capacity = 50, batch-size = 25, flush-interval = 10ms,"
            + " busy-timeout = 60s }\n");
    Path data = dir.resolve("data");
    long written;
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--config",
            conf.toString(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--replay-speed",
            "0",
            "--interval",
            "100ms")) {
      d.awaitStatus(s -> s.at("/records/written").asLong() >= 10);
      Http.awaitHealth(d.url(), 200);
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arb.db"));
          Statement st = other.createStatement()) {
        st.execute("BEGIN IMMEDIATE"); // the write lock: the daemon's writer now waits
        HttpResponse<String> full = Http.awaitHealth(d.url(), 503);
        JsonNode body = JSON.readTree(full.body());
        assertThat(body.get("status").asText()).isEqualTo("unavailable");
        assertThat(body.get("reason").asText())
            .isEqualTo("record store is not keeping up: the write queue is full");
        assertThat(d.status().at("/records/queued").asLong()).isGreaterThanOrEqualTo(50);
        st.execute("ROLLBACK");
      }
      Http.awaitHealth(d.url(), 200);
      d.signal("TERM");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      Matcher m = STOPPED.matcher(d.out.toString());
      assertThat(m.find()).as(d.out.toString()).isTrue();
      written = Long.parseLong(m.group(1));
    }
    assertThat(written).isGreaterThan(10);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arb.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM arbitrage_record")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(written);
    }
  }
}
