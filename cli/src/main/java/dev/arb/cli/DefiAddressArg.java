package dev.arb.cli;

import dev.arb.error.ConfigException;
import java.util.List;

/** Checks addresses given on the {@code arb defi} command lines. */
final class DefiAddressArg {
  private DefiAddressArg() {}

  /** Fails as a usage error unless {@code value} is a 0x-prefixed 20-byte hex address. */
  static String require(String option, String value) {
    if (!isAddress(value)) {
      throw new ConfigException(message(option, value));
    }
    return value;
  }

  /** Adds a problem to {@code problems} unless {@code value} is an address. */
  static void check(String option, String value, List<String> problems) {
    if (!isAddress(value)) {
      problems.add(message(option, value));
    }
  }

  private static boolean isAddress(String value) {
    return value != null && value.matches("0x[0-9a-fA-F]{40}");
  }

  private static String message(String option, String value) {
    return option + " must be an address (0x and 40 hex digits), got " + value;
  }
}
