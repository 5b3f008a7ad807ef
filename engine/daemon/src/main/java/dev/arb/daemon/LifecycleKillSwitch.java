package dev.arb.daemon;

import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.TradeStep;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's kill switch: its state is the {@link Lifecycle}'s; engaging it ({@code POST
 * /kill-switch}, or a risk limit tripping it) cancels the orders that may still be open and is
 * alerted. No new scan, record or trade starts until {@code POST /resume} or a restart.
 */
final class LifecycleKillSwitch implements KillSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final Running running;
  private final AlertPolicy alerts;

  LifecycleKillSwitch(Lifecycle lifecycle, Running running, AlertPolicy alerts) {
    this.lifecycle = lifecycle;
    this.running = running;
    this.alerts = alerts;
  }

  @Override
  public boolean engaged() {
    return lifecycle.killSwitch();
  }

  @Override
  public void trip(String reason) {
    LOG.warn("kill switch tripped: {}", reason);
    alerts.alert("kill_switch_tripped", "critical", "kill switch tripped: " + reason, Map.of());
    engage();
  }

  /** Engages it: cancels the open orders and alerts, when it was not engaged yet. */
  Lifecycle.Outcome engage() {
    Lifecycle.Outcome o = lifecycle.engageKillSwitch();
    if (o == Lifecycle.Outcome.CHANGED) {
      LOG.warn("kill switch engaged: no new scans or records until POST /resume or a restart");
      TradeStep t = running.trader;
      if (t != null) {
        for (String line : t.cancelOpenOrders()) {
          LOG.warn("kill switch: open order {}", line);
        }
      }
      alerts.alert(
          "kill_switch",
          "critical",
          "kill switch engaged: scanning and recording stopped until resumed",
          Map.of());
    }
    return o;
  }
}
