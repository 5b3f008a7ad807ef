package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import dev.arb.config.RiskConfig;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.json.Json;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigReloadTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  private final List<Alert> alerted = new ArrayList<>();
  private final List<RiskConfig> riskReloads = new ArrayList<>();
  private final List<String> levels = new ArrayList<>();
  private final DaemonMetrics metrics = new DaemonMetrics();
  private final Running running = new Running();
  private AlertPolicy alerts;

  @AfterEach
  void close() {
    metrics.close();
  }

  private static ArbConfig config(Map<String, String> settings) {
    return ConfigLoader.load(Optional.empty(), Map.of(), settings).config();
  }

  private ConfigReload reload(ArbConfig initial) {
    alerts =
        new AlertPolicy(
            new AlertSink() {
              @Override
              public boolean offer(Alert alert) {
                return alerted.add(alert);
              }

              @Override
              public void close(Duration bound) {
                // nothing queued
              }
            },
            metrics,
            new DaemonStats(),
            initial.alerts().minProfitBp(),
            initial.alerts().exchangeDownAfter(),
            CLOCK);
    running.trader =
        new TradeStep() {
          @Override
          public List<OpportunityRecord> trade(ScanResult result, KillSwitch control) {
            return List.of();
          }

          @Override
          public boolean reloadRisk(RiskConfig risk) {
            return riskReloads.add(risk);
          }
        };
    return new ConfigReload(initial, alerts, running, CLOCK);
  }

  private static ObjectNode status(ConfigReload r) {
    return (ObjectNode) Json.toTree(r.status());
  }

  @Test
  void appliesLogLevelAlertThresholdsAndRiskLimitsAndNamesWhatNeedsARestart() {
    ConfigReload r = reload(config(Map.of("arb.alerts.min-profit-bp", "10")));
    r.from(
        () ->
            config(
                Map.of(
                    "arb.alerts.min-profit-bp", "25",
                    "arb.alerts.exchange-down-after", "30s",
                    "arb.risk.max-trade-notional", "500",
                    "arb.logging.level", "DEBUG",
                    "arb.scan.top", "3")),
        levels::add);
    r.reload("SIGHUP");
    assertThat(alerts.minProfitBp()).isEqualTo(25.0);
    assertThat(alerts.downAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(riskReloads).hasSize(1);
    assertThat(riskReloads.get(0).maxTradeNotional()).contains(new BigDecimal("500"));
    assertThat(levels).containsExactly("DEBUG");
    ObjectNode s = status(r);
    assertThat(s.get("reloads").asLong()).isOne();
    assertThat(s.get("reload_failures").asLong()).isZero();
    assertThat(s.get("last_reload_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(s.get("log_level").asText()).isEqualTo("DEBUG");
    assertThat(s.get("alert_min_profit_bp").asDouble()).isEqualTo(25.0);
    assertThat(s.get("alert_exchange_down_after_seconds").asDouble()).isEqualTo(30.0);
    assertThat(s.at("/risk/max_trade_notional").asText()).isEqualTo("500");
    assertThat(s.get("restart_needed_for").toString()).isEqualTo("[\"arb.scan\"]");
    assertThat(alerted).isEmpty();
  }

  @Test
  void aConfigurationWithProblemsChangesNothingAndSaysWhy() {
    ConfigReload r = reload(config(Map.of("arb.alerts.min-profit-bp", "10")));
    Supplier<ArbConfig> bad =
        () -> {
          throw new ConfigException(
              List.of(
                  "config: arb.alerts.min-profit-bp must be a number, got 'lots'",
                  "config: arb.risk.max-open-cycles must be at least 1, got 0"));
        };
    r.from(bad, levels::add);
    r.reload("SIGHUP");
    assertThat(alerts.minProfitBp()).isEqualTo(10.0);
    assertThat(riskReloads).isEmpty();
    assertThat(levels).isEmpty();
    ObjectNode s = status(r);
    assertThat(s.get("reloads").asLong()).isZero();
    assertThat(s.get("reload_failures").asLong()).isOne();
    assertThat(s.get("last_reload_error").asText())
        .isEqualTo(
            "config: arb.alerts.min-profit-bp must be a number, got 'lots'; config:"
                + " arb.risk.max-open-cycles must be at least 1, got 0");
    assertThat(s.get("log_level").asText()).isEqualTo("INFO");
    assertThat(alerted).hasSize(1);
    assertThat(alerted.get(0).event()).isEqualTo("config_reload_failed");
    assertThat(alerted.get(0).text()).contains("the running one is kept");
  }

  @Test
  void withoutASourceAReloadIsIgnored() {
    ConfigReload r = reload(config(Map.of()));
    r.reload("SIGHUP");
    assertThat(status(r).get("reloads").asLong()).isZero();
    assertThat(status(r).get("reload_failures").asLong()).isZero();
    assertThat(riskReloads).isEmpty();
  }
}
