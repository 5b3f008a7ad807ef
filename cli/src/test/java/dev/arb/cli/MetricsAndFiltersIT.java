package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.daemon.DaemonMetrics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running daemon's {@code /metrics}: every labelled counter exists at 0 from the start, and
 * {@code arb_book_age_seconds} says what {@code /status} says; {@code /opportunities} takes the
 * filters of {@code arb history}.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetricsAndFiltersIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private InProcessDaemon daemon(String... more) {
    String[] base = {"--data-dir", dir.resolve("data").toString(), "run", "--http-port", "0"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return new InProcessDaemon(Map.of("HOME", dir.toString()), all);
  }

  /** The value of one labelled sample, such as {@code arb_errors_total{kind="input"}}. */
  static double sample(String exposition, String name, String label, String value) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(name + "{" + label + "=\"" + value + "\"")
                    + "[^}]*\\} (\\S+)$")
            .matcher(exposition);
    if (!m.find()) {
      throw new AssertionError(name + "{" + label + "=" + value + "} not in metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  @Test
  void everyLabelledCounterIsThereAtZeroAndBookAgeIsTheAgeStatusGives() throws Exception {
    // one pass over the sample, then it keeps serving: the books only grow older
    try (InProcessDaemon d = daemon("--interval", "10ms")) {
      String url = d.url();
      d.awaitStatus(s -> s.path("data").path("ended").asBoolean() && s.get("scans").asLong() >= 1);
      String m = Http.get(url + "/metrics").body();
      for (String kind : DaemonMetrics.ERROR_KINDS) {
        assertThat(sample(m, "arb_errors_total", "kind", kind)).as(kind).isZero();
      }
      for (String outcome : DaemonMetrics.ALERT_OUTCOMES) {
        assertThat(sample(m, "arb_alerts_total", "outcome", outcome)).as(outcome).isZero();
      }
      assertThat(sample(m, "arb_opportunities_total", "status", "failed")).isZero();

      Thread.sleep(1200); // the newest book is now more than a second old
      double before = d.status().at("/data/exchanges/binanceus/age_seconds").asDouble();
      double metric =
          sample(
              Http.get(url + "/metrics").body(), "arb_book_age_seconds", "exchange", "binanceus");
      double after = d.status().at("/data/exchanges/binanceus/age_seconds").asDouble();
      assertThat(before).isGreaterThan(1.0);
      assertThat(metric).isBetween(before, after + 0.001);
    }
  }

  @Test
  void opportunitiesTakeTheFiltersOfHistory() throws Exception {
    try (InProcessDaemon d = daemon("--interval", "10ms")) {
      String url = d.url();
      d.awaitStatus(
          s -> s.path("data").path("ended").asBoolean() && s.at("/records/queued").asLong() == 0);
      JsonNode all = JSON.readTree(Http.get(url + "/opportunities?limit=1000").body());
      assertThat(all.size()).isGreaterThan(1);
      String instance = all.get(0).path("instance").asText();
      Instant detected = Instant.parse(all.get(0).path("detected_at").asText());

      JsonNode sized =
          JSON.readTree(
              Http.get(url + "/opportunities?limit=1000&status=sized&exchange=BINANCEUS").body());
      assertThat(sized.size()).isPositive().isLessThanOrEqualTo(all.size());
      sized.forEach(r -> assertThat(r.path("status").asText()).isEqualTo("sized"));

      String asset = all.get(0).path("assets").get(1).asText();
      JsonNode through = JSON.readTree(Http.get(url + "/opportunities?asset=" + asset).body());
      assertThat(through.size()).isPositive();
      through.forEach(r -> assertThat(r.path("assets").toString()).contains("\"" + asset + "\""));

      JsonNode mine =
          JSON.readTree(Http.get(url + "/opportunities?limit=1000&instance=" + instance).body());
      assertThat(mine.size()).isEqualTo(all.size());
      assertThat(JSON.readTree(Http.get(url + "/opportunities?instance=elsewhere").body()))
          .isEmpty();
      String later = URLEncoder.encode(detected.plusSeconds(1).toString(), StandardCharsets.UTF_8);
      assertThat(JSON.readTree(Http.get(url + "/opportunities?since=" + later).body())).isEmpty();
      assertThat(JSON.readTree(Http.get(url + "/opportunities?until=" + later).body()).size())
          .isPositive();
      assertThat(JSON.readTree(Http.get(url + "/opportunities?min_profit_bp=1000000").body()))
          .isEmpty();

      HttpResponse<String> bad = Http.get(url + "/opportunities?since=yesterday");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("since: 'yesterday' is not a time");
      HttpResponse<String> unknown = Http.get(url + "/opportunities?colour=red");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("colour").contains("instance");
    }
  }
}
