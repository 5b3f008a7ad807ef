package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.daemon.Lifecycle.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void startsThenPausesAndResumes() {
    Lifecycle l = new Lifecycle();
    assertThat(l.state()).isEqualTo(DaemonState.STARTING);
    assertThat(l.active()).isFalse();
    assertThat(l.pause()).isEqualTo(Outcome.REFUSED);
    assertThat(l.started()).isEqualTo(Outcome.CHANGED);
    assertThat(l.active()).isTrue();
    assertThat(l.resume()).isEqualTo(Outcome.ALREADY);
    assertThat(l.pause()).isEqualTo(Outcome.CHANGED);
    assertThat(l.pause()).isEqualTo(Outcome.ALREADY);
    assertThat(l.state()).isEqualTo(DaemonState.PAUSED);
    assertThat(l.active()).isFalse();
    assertThat(l.resume()).isEqualTo(Outcome.CHANGED);
    assertThat(l.state()).isEqualTo(DaemonState.RUNNING);
  }

  @Test
  void killSwitchStopsWorkUntilResumeClearsIt() {
    Lifecycle l = new Lifecycle();
    l.started();
    assertThat(l.engageKillSwitch()).isEqualTo(Outcome.CHANGED);
    assertThat(l.engageKillSwitch()).isEqualTo(Outcome.ALREADY);
    assertThat(l.killSwitch()).isTrue();
    assertThat(l.state()).isEqualTo(DaemonState.RUNNING);
    assertThat(l.active()).isFalse();
    assertThat(l.resume()).isEqualTo(Outcome.CHANGED);
    assertThat(l.killSwitch()).isFalse();
    assertThat(l.active()).isTrue();
  }

  @Test
  void stopIsFinalAndRefusesOtherTransitions() {
    Lifecycle l = new Lifecycle();
    l.started();
    assertThat(l.requestStop("SIGTERM")).isEqualTo(Outcome.CHANGED);
    assertThat(l.requestStop("again")).isEqualTo(Outcome.ALREADY);
    assertThat(l.stopReason()).contains("SIGTERM");
    assertThat(l.resume()).isEqualTo(Outcome.REFUSED);
    assertThat(l.pause()).isEqualTo(Outcome.REFUSED);
    assertThat(l.engageKillSwitch()).isEqualTo(Outcome.REFUSED);
    assertThat(l.stopping()).isTrue();
    assertThat(l.started()).isEqualTo(Outcome.REFUSED);
    l.stopped();
    assertThat(l.state()).isEqualTo(DaemonState.STOPPED);
  }

  @Test
  void aStateChangeWakesASleeperAtOnce() throws Exception {
    Lifecycle l = new Lifecycle();
    l.started();
    CompletableFuture<Boolean> slept = new CompletableFuture<>();
    Thread sleeper =
        new Thread(
            () -> {
              try {
                slept.complete(l.sleep(Duration.ofMinutes(5)));
              } catch (InterruptedException e) {
                slept.completeExceptionally(e);
              }
            });
    sleeper.start();
    // pause only once the sleeper waits: a pause before it starts would be its starting state
    while (sleeper.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(1);
    }
    l.pause();
    assertThat(slept.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(l.sleep(Duration.ofMillis(1))).isTrue();
  }

  @Test
  void awaitStoppedSeesTheEnd() throws Exception {
    Lifecycle l = new Lifecycle();
    assertThat(l.awaitStopped(Duration.ofMillis(1))).isFalse();
    l.requestStop("x");
    l.stopped();
    assertThat(l.awaitStopped(Duration.ofMillis(1))).isTrue();
  }
}
