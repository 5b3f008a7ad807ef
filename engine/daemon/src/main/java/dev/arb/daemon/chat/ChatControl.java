package dev.arb.daemon.chat;

/**
 * What a chat command does to the daemon, and the answer it gets. The daemon implements it over the
 * same lifecycle and kill switch as its HTTP control routes, so the two cannot disagree.
 */
public interface ChatControl {

  /** A short status for people: state, kill switch, uptime, scans, data age, records. */
  String status();

  /** Pauses scanning (as {@code POST /pause}); the answer says what happened. */
  String pause();

  /** Resumes scanning and clears the kill switch (as {@code POST /resume}). */
  String resume();

  /** Engages the kill switch (as {@code POST /kill-switch}). */
  String killSwitchOn();

  /** Clears the kill switch: the daemon runs again (as {@code POST /resume}). */
  String killSwitchOff();
}
