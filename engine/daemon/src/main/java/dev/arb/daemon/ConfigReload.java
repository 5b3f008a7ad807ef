package dev.arb.daemon;

import dev.arb.config.AlertsConfig;
import dev.arb.config.ArbConfig;
import dev.arb.config.RiskConfig;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP: the configuration is read and validated again, and what can change safely while running
 * is applied: the log level ({@code arb.logging.level}), the alert thresholds ({@code
 * arb.alerts.min-profit-bp}, {@code exchange-down-after}) and the risk limits ({@code arb.risk};
 * the day's totals are kept). A configuration with problems changes nothing: the running one is
 * kept and the log says why. Other changed settings are named in the log as needing a restart. The
 * outcome is in {@code /status} under {@code config}.
 */
final class ConfigReload {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final ArbConfig started;
  private final AlertPolicy alerts;
  private final Running running;
  private final Clock clock;

  private Supplier<ArbConfig> load;
  private Consumer<String> logLevel = level -> {};
  private ArbConfig current;
  private long reloads;
  private long failures;
  private Instant lastAt;
  private String lastError;
  private List<String> restartNeeded = List.of();

  /** Reloads of {@code initial}, the configuration the daemon started with. */
  ConfigReload(ArbConfig initial, AlertPolicy alerts, Running running, Clock clock) {
    this.started = Objects.requireNonNull(initial, "initial");
    this.current = initial;
    this.alerts = alerts;
    this.running = running;
    this.clock = clock;
  }

  /**
   * Where a reload reads from; until this is called a reload is ignored.
   *
   * @param load reads and validates the configuration again (throws {@link ConfigException} with
   *     every problem)
   * @param logLevel sets the root log level
   */
  synchronized void from(Supplier<ArbConfig> load, Consumer<String> logLevel) {
    this.load = Objects.requireNonNull(load, "load");
    this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
  }

  /** Re-reads and applies; {@code why} names the trigger ({@code SIGHUP}) in the log. */
  synchronized void reload(String why) {
    if (load == null) {
      LOG.info("{}: nothing to reload here; ignored", why);
      return;
    }
    Instant now = clock.instant();
    ArbConfig next;
    try {
      next = load.get();
    } catch (ConfigException e) {
      failed(why, now, String.join("; ", e.problems()));
      return;
    } catch (ArbException e) {
      failed(why, now, e.getMessage());
      return;
    }
    List<String> changes = new ArrayList<>();
    TradeStep trader = running.trader;
    if (!next.risk().equals(current.risk())) {
      try {
        if (trader != null) {
          trader.reloadRisk(next.risk());
        }
      } catch (RuntimeException e) {
        failed(why, now, "arb.risk: " + e.getMessage());
        return;
      }
      riskChanges(changes, current.risk(), next.risk());
    }
    AlertsConfig a = next.alerts();
    if (a.minProfitBp() != alerts.minProfitBp()) {
      changes.add("arb.alerts.min-profit-bp " + alerts.minProfitBp() + " -> " + a.minProfitBp());
    }
    if (!a.exchangeDownAfter().equals(alerts.downAfter())) {
      changes.add(
          "arb.alerts.exchange-down-after "
              + human(alerts.downAfter())
              + " -> "
              + human(a.exchangeDownAfter()));
    }
    alerts.thresholds(a.minProfitBp(), a.exchangeDownAfter());
    String oldLevel = current.logging().level();
    String newLevel = next.logging().level();
    if (!newLevel.equalsIgnoreCase(oldLevel)) {
      changes.add("arb.logging.level " + oldLevel + " -> " + newLevel);
    }
    restartNeeded = restartNeeded(started, next);
    reloads++;
    lastAt = now;
    lastError = null;
    current = next;
    LOG.info(
        "{}: configuration reloaded: {}{}",
        why,
        changes.isEmpty() ? "no reloadable setting changed" : String.join("; ", changes),
        restartNeeded.isEmpty()
            ? ""
            : "; changed but applied only at the next start: " + String.join(", ", restartNeeded));
    logLevel.accept(newLevel);
  }

  private void failed(String why, Instant now, String problems) {
    failures++;
    lastAt = now;
    lastError = problems;
    LOG.warn("{}: configuration not reloaded, the running one is kept: {}", why, problems);
    alerts.alert(
        "config_reload_failed",
        "warning",
        "arb run: configuration not reloaded (" + why + "), the running one is kept: " + problems,
        Map.of());
  }

  private static void riskChanges(List<String> out, RiskConfig a, RiskConfig b) {
    change(out, "max-trade-notional", a.maxTradeNotional(), b.maxTradeNotional());
    change(out, "max-daily-notional", a.maxDailyNotional(), b.maxDailyNotional());
    change(out, "min-profit", Optional.of(a.minProfit()), Optional.of(b.minProfit()));
    change(
        out,
        "slippage-buffer-bp",
        Optional.of(a.slippageBufferBp()),
        Optional.of(b.slippageBufferBp()));
    if (!a.maxDataAge().equals(b.maxDataAge())) {
      out.add(
          "arb.risk.max-data-age "
              + a.maxDataAge().map(ConfigReload::human).orElse("none")
              + " -> "
              + b.maxDataAge().map(ConfigReload::human).orElse("none"));
    }
    change(out, "daily-loss-limit", a.dailyLossLimit(), b.dailyLossLimit());
    if (a.maxOpenCycles() != b.maxOpenCycles()) {
      out.add("arb.risk.max-open-cycles " + a.maxOpenCycles() + " -> " + b.maxOpenCycles());
    }
  }

  private static void change(
      List<String> out, String key, Optional<BigDecimal> a, Optional<BigDecimal> b) {
    boolean same =
        a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
    if (!same) {
      out.add(
          "arb.risk."
              + key
              + " "
              + a.map(BigDecimal::toPlainString).orElse("none")
              + " -> "
              + b.map(BigDecimal::toPlainString).orElse("none"));
    }
  }

  /** The settings that differ from those the daemon started with and are read only at start. */
  private static List<String> restartNeeded(ArbConfig a, ArbConfig b) {
    List<String> out = new ArrayList<>();
    diff(out, "arb.data-dir", a.dataDir(), b.dataDir());
    diff(out, "arb.logging.format", a.logging().format(), b.logging().format());
    diff(out, "arb.storage", a.storage(), b.storage());
    diff(out, "arb.scan", a.scan(), b.scan());
    diff(out, "arb.exchanges", a.exchanges(), b.exchanges());
    diff(out, "arb.http", a.http(), b.http());
    diff(out, "arb.defi", a.defi(), b.defi());
    diff(out, "arb.run", a.run(), b.run());
    diff(out, "arb.alerts.webhook", a.alerts().webhook(), b.alerts().webhook());
    diff(out, "arb.alerts.format", a.alerts().format(), b.alerts().format());
    diff(out, "arb.alerts.timeout", a.alerts().timeout(), b.alerts().timeout());
    diff(out, "arb.paper", a.paper(), b.paper());
    diff(out, "arb.trading", a.trading(), b.trading());
    diff(out, "arb.chains", a.chains(), b.chains());
    return List.copyOf(out);
  }

  private static void diff(List<String> out, String key, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      out.add(key);
    }
  }

  /** The {@code config} part of {@code /status}: the reloadable settings in force, and reloads. */
  synchronized StatusJson.Config status() {
    RiskConfig r = current.risk();
    return new StatusJson.Config(
        current.logging().level().toUpperCase(Locale.ROOT),
        alerts.minProfitBp(),
        alerts.downAfter().toMillis() / 1000.0,
        new StatusJson.Risk(
            plain(r.maxTradeNotional().orElse(null)),
            plain(r.maxDailyNotional().orElse(null)),
            plain(r.minProfit()),
            plain(r.slippageBufferBp()),
            r.maxDataAge().map(d -> d.toMillis() / 1000.0).orElse(null),
            plain(r.dailyLossLimit().orElse(null)),
            r.maxOpenCycles()),
        reloads,
        failures,
        lastAt,
        lastError,
        restartNeeded);
  }

  private static String plain(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }
}
