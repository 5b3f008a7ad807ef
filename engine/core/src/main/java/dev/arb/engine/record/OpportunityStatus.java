package dev.arb.engine.record;

import java.util.Locale;

/** Where an opportunity stands. Stored as its lower-case name. */
public enum OpportunityStatus {
  /** Found by the path search, not sized yet. */
  DETECTED,
  /** Sized against book depth; the profit is the re-priced one. */
  SIZED,
  /** Left out by a rule (profit below threshold, stale data, limits); see the reason. */
  REJECTED,
  /** Being executed. */
  EXECUTING,
  /** Executed; realized profit is known. */
  EXECUTED,
  /** Execution failed; see the reason. */
  FAILED;

  /** The stored and printed form, e.g. {@code sized}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a stored or user-given status, case-insensitive.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static OpportunityStatus parse(String text) {
    for (OpportunityStatus s : values()) {
      if (s.code().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown status '" + text + "'; allowed: " + java.util.Arrays.toString(codes()));
  }

  private static String[] codes() {
    OpportunityStatus[] all = values();
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].code();
    }
    return out;
  }
}
