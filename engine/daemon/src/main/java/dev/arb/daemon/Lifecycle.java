package dev.arb.daemon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The daemon's lifecycle manager: its {@link DaemonState}, the kill switch, and the waits of the
 * scan loop. Thread-safe; the HTTP endpoint and the signal handler change it, the scan loop reads
 * it and sleeps on it (a state change wakes the sleeper at once).
 *
 * <p>Transitions: starting → running (on {@link #started}); running ⇄ paused; any state before
 * stopping → stopping (on {@link #requestStop}); stopping → stopped (on {@link #stopped}). The kill
 * switch may be engaged in any live state: scanning and recording stop at once and stay stopped
 * until {@link #resume} (or a restart) clears it.
 */
public final class Lifecycle {

  /** What a requested transition did. */
  public enum Outcome {
    /** The state changed. */
    CHANGED,
    /** The daemon was already there; nothing changed. */
    ALREADY,
    /** Not allowed from the current state (e.g. resume while stopping). */
    REFUSED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private DaemonState state = DaemonState.STARTING;
  private boolean killSwitch;
  private String stopReason;

  /** The current state. */
  public DaemonState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the kill switch is engaged. */
  public boolean killSwitch() {
    lock.lock();
    try {
      return killSwitch;
    } finally {
      lock.unlock();
    }
  }

  /** Why the daemon is stopping, once it is. */
  public Optional<String> stopReason() {
    lock.lock();
    try {
      return Optional.ofNullable(stopReason);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the scan loop may do new work: running and the kill switch off. */
  public boolean active() {
    lock.lock();
    try {
      return state == DaemonState.RUNNING && !killSwitch;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a stop was requested (stopping or stopped). */
  public boolean stopping() {
    lock.lock();
    try {
      return state == DaemonState.STOPPING || state == DaemonState.STOPPED;
    } finally {
      lock.unlock();
    }
  }

  /** Starting is done: running, unless a stop came first. */
  public Outcome started() {
    return transition(DaemonState.STARTING, DaemonState.RUNNING);
  }

  /** Running → paused. */
  public Outcome pause() {
    return transition(DaemonState.RUNNING, DaemonState.PAUSED);
  }

  /** Paused → running, and the kill switch off. */
  public Outcome resume() {
    lock.lock();
    try {
      if (state == DaemonState.RUNNING && !killSwitch) {
        return Outcome.ALREADY;
      }
      if (state != DaemonState.RUNNING && state != DaemonState.PAUSED) {
        return Outcome.REFUSED;
      }
      killSwitch = false;
      state = DaemonState.RUNNING;
      changed.signalAll();
      return Outcome.CHANGED;
    } finally {
      lock.unlock();
    }
  }

  /** Engages the kill switch: no new scans or records until {@link #resume}. */
  public Outcome engageKillSwitch() {
    lock.lock();
    try {
      if (state == DaemonState.STOPPING || state == DaemonState.STOPPED) {
        return Outcome.REFUSED;
      }
      if (killSwitch) {
        return Outcome.ALREADY;
      }
      killSwitch = true;
      changed.signalAll();
      return Outcome.CHANGED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the daemon to stop: it finishes the current step, flushes and closes.
   *
   * @param reason why, for the log, status and alerts (e.g. {@code SIGTERM})
   */
  public Outcome requestStop(String reason) {
    lock.lock();
    try {
      if (state == DaemonState.STOPPING || state == DaemonState.STOPPED) {
        return Outcome.ALREADY;
      }
      state = DaemonState.STOPPING;
      stopReason = reason;
      changed.signalAll();
      return Outcome.CHANGED;
    } finally {
      lock.unlock();
    }
  }

  /** Everything is closed. */
  public void stopped() {
    lock.lock();
    try {
      state = DaemonState.STOPPED;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sleeps up to {@code timeout}, waking early when the state or the kill switch changes.
   *
   * @return true if the full time passed with no change
   */
  public boolean sleep(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      DaemonState before = state;
      boolean killBefore = killSwitch;
      long left = timeout.toNanos();
      while (left > 0) {
        left = changed.awaitNanos(left);
        if (state != before || killSwitch != killBefore) {
          return false;
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the daemon has stopped, up to {@code timeout}; true if it has. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (state != DaemonState.STOPPED) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits while neither active nor stopping (paused, or the kill switch on), up to a bound. */
  public void awaitActiveOrStop(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!(state == DaemonState.RUNNING && !killSwitch)
          && state != DaemonState.STOPPING
          && state != DaemonState.STOPPED) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  private Outcome transition(DaemonState from, DaemonState to) {
    lock.lock();
    try {
      if (state == to) {
        return Outcome.ALREADY;
      }
      if (state != from) {
        return Outcome.REFUSED;
      }
      state = to;
      changed.signalAll();
      return Outcome.CHANGED;
    } finally {
      lock.unlock();
    }
  }
}
