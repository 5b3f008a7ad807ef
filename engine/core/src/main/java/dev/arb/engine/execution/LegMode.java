package dev.arb.engine.execution;

import java.util.Arrays;
import java.util.Locale;

/** How the legs of a cycle are sent ({@code arb.trading.legs}). */
public enum LegMode {
  /** One after the other, each spending what the previous one actually received. */
  SEQUENTIAL,
  /**
   * All at once, each spending its planned amount, when every leg's input is already held on its
   * exchange (pre-funded inventory); otherwise sequential. What differs from the plan afterwards is
   * rebalanced: an excess is sold back to the start asset, a shortfall bought back with it.
   */
  CONCURRENT;

  /** The config form, e.g. {@code sequential}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config form, case-insensitive.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static LegMode parse(String text) {
    for (LegMode m : values()) {
      if (m.code().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown leg mode '"
            + text
            + "'; allowed: "
            + Arrays.stream(values()).map(LegMode::code).toList());
  }
}
