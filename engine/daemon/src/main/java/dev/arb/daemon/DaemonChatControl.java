package dev.arb.daemon;

import dev.arb.daemon.chat.ChatControl;
import dev.arb.engine.text.Durations;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's commands on the daemon: the same {@link Lifecycle} and kill switch as the HTTP control
 * routes ({@link Routes}), the status from the same {@link StatusView}.
 */
final class DaemonChatControl implements ChatControl {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final Supplier<Lifecycle.Outcome> killSwitch;
  private final StatusView status;

  DaemonChatControl(
      Lifecycle lifecycle, Supplier<Lifecycle.Outcome> killSwitch, StatusView status) {
    this.lifecycle = lifecycle;
    this.killSwitch = killSwitch;
    this.status = status;
  }

  @Override
  public String status() {
    StatusJson s = status.json();
    StringBuilder b = new StringBuilder("arb is ").append(s.state());
    b.append(s.killSwitch() ? ", kill switch ON" : ", kill switch off");
    b.append("\nup ")
        .append(Durations.rounded(Duration.ofMillis(Math.round(s.uptimeSeconds() * 1000))))
        .append("; ")
        .append(s.scans())
        .append(" scans, ")
        .append(s.opportunitiesFound())
        .append(" opportunities found");
    b.append("\ndata: ").append(s.data().source());
    if (s.data().ageSeconds() != null) {
      b.append(", ")
          .append(Durations.rounded(Duration.ofMillis(Math.round(s.data().ageSeconds() * 1000))))
          .append(" old");
    }
    b.append("\nrecords: ")
        .append(s.records().written())
        .append(" written, ")
        .append(s.records().queued())
        .append(" queued");
    if (s.records().failure() != null) {
      b.append(" (cannot write: ").append(s.records().failure()).append(')');
    }
    b.append("\nerrors: ").append(s.errors().count());
    if (s.trading() != null && s.trading().blocked() != null) {
      b.append("\ntrading blocked: ").append(s.trading().blocked());
    }
    return b.toString();
  }

  @Override
  public String pause() {
    return answer("pause", lifecycle.pause(), "paused");
  }

  @Override
  public String resume() {
    return answer("resume", lifecycle.resume(), "running");
  }

  @Override
  public String killSwitchOn() {
    return answer("kill-switch", killSwitch.get(), "kill switch ON: nothing new is scanned");
  }

  @Override
  public String killSwitchOff() {
    if (!lifecycle.killSwitch()) {
      // not a resume of a paused daemon: only the kill switch is asked about
      return "Already so: the kill switch is off (state " + lifecycle.state().code() + ").";
    }
    return answer("resume", lifecycle.resume(), "kill switch off; running");
  }

  private String answer(String name, Lifecycle.Outcome o, String done) {
    if (o == Lifecycle.Outcome.REFUSED) {
      return "Not possible while arb is " + lifecycle.state().code() + ".";
    }
    LOG.info("{} via chat: {}", name, o == Lifecycle.Outcome.CHANGED ? "done" : "already");
    return (o == Lifecycle.Outcome.CHANGED ? "Done: " : "Already so: ")
        + done
        + " (state "
        + lifecycle.state().code()
        + (lifecycle.killSwitch() ? ", kill switch ON)" : ", kill switch off)");
  }
}
