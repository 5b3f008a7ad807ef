package dev.arb.daemon;

import java.util.Locale;

/** Where the daemon stands. */
public enum DaemonState {
  /** Opening the store, recovering, binding the endpoint. */
  STARTING,
  /** Scanning. */
  RUNNING,
  /** Alive and serving the endpoint, not scanning (POST /pause, or the kill switch). */
  PAUSED,
  /** Finishing the current step, flushing records, closing. */
  STOPPING,
  /** Done. */
  STOPPED;

  /** The printed form, e.g. {@code running}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
