package dev.arb.cli;

import dev.arb.error.ConfigException;

/** Checks addresses given on the {@code arb defi} command lines. */
final class DefiAddresses {
  private DefiAddresses() {}

  /** Fails as a usage error unless {@code value} is a 0x-prefixed 20-byte hex address. */
  static String require(String option, String value) {
    if (value == null || !value.matches("0x[0-9a-fA-F]{40}")) {
      throw new ConfigException(
          option + " must be an address (0x and 40 hex digits), got " + value);
    }
    return value;
  }
}
