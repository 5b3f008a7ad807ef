package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.config.ConfigTemplates;
import dev.arb.engine.record.OpportunityStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operations files shipped under {@code scripts/} stay true to the code. */
class ShippedOpsFilesTest {
  private static final Path SCRIPTS = Path.of("..", "..", "scripts");

  @Test
  void shippedSystemdUnitIsTheOneConfigGenerateWrites() throws Exception {
    String shipped = Files.readString(SCRIPTS.resolve("systemd/arb.service"));
    assertThat(shipped).isEqualTo(ConfigTemplates.systemdUnit());
    // the daemon reloads on SIGHUP (ProcessHooks#onReloadSignal): systemctl reload sends it
    assertThat(shipped).contains("\nExecReload=/bin/kill -HUP $MAINPID\n");
  }

  @Test
  void grafanaDashboardQueriesOnlyMetricsTheDaemonExposes() throws Exception {
    JsonNode dash =
        new ObjectMapper().readTree(SCRIPTS.resolve("grafana/arb-dashboard.json").toFile());
    assertThat(dash.get("panels").size()).isGreaterThanOrEqualTo(8);
    Set<String> used = new TreeSet<>();
    Pattern name = Pattern.compile("\\b(arb_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)");
    for (JsonNode panel : dash.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = name.matcher(target.get("expr").asText());
        while (m.find()) {
          used.add(m.group(1).replaceAll("_bucket$", ""));
        }
      }
    }
    String scrape;
    try (DaemonMetrics metrics = new DaemonMetrics()) {
      metrics.scan(Duration.ofMillis(5));
      metrics.opportunity(OpportunityStatus.SIZED);
      metrics.error("input");
      metrics.bookAge("kraken", Duration.ofSeconds(1));
      metrics.bindState(() -> 1, () -> 0, () -> 0, () -> 0, () -> 0);
      scrape = metrics.scrape();
    }
    // exposed only while live exchanges are polled (bindExchanges)
    Set<String> liveOnly =
        Set.of("arb_api_errors_total", "arb_api_retries_total", "arb_exchange_up");
    for (String metric : used) {
      if (!liveOnly.contains(metric)) {
        assertThat(scrape).as("dashboard metric " + metric).contains("\n" + metric);
      }
    }
    assertThat(used)
        .contains("arb_scans_total", "arb_scan_duration_seconds", "arb_book_age_seconds");
  }
}
