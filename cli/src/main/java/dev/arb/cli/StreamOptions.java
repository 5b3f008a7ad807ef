package dev.arb.cli;

import java.util.List;

/** What the streaming commands ({@code run --replay}, {@code record --stream}) share. */
final class StreamOptions {
  /** Events per journal file before the next one is started. */
  static final long ROLL_EVENTS = 100_000;

  private StreamOptions() {}

  /**
   * A replay speed: a positive number of times the recorded pace, or {@code max} (0: as fast as
   * possible); a problem added to {@code problems} otherwise.
   */
  static double speed(String value, String command, List<String> problems) {
    if (value.equalsIgnoreCase("max")) {
      return 0;
    }
    try {
      double v = Double.parseDouble(value);
      if (v > 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        command + ": --speed must be a positive number (1 = as recorded, 10) or max, got " + value);
    return 1;
  }
}
