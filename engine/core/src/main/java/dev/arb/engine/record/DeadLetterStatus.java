package dev.arb.engine.record;

import java.util.Arrays;
import java.util.Locale;

/** Where a dead letter stands. Stored as its lower-case name. */
public enum DeadLetterStatus {
  /** Waiting for a person: retry it or drop it. */
  OPEN,
  /** Retried; the retry's outcome is a new execution (see the resolution note). */
  RETRIED,
  /** Dropped by a person, with the reason as the resolution note; the row is kept. */
  DROPPED;

  /** The stored and printed form, e.g. {@code open}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a stored or user-given status, case-insensitive.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static DeadLetterStatus parse(String text) {
    for (DeadLetterStatus s : values()) {
      if (s.code().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown dead-letter status '"
            + text
            + "'; allowed: "
            + Arrays.stream(values()).map(DeadLetterStatus::code).toList());
  }
}
