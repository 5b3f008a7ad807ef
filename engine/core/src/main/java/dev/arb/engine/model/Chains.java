package dev.arb.engine.model;

import java.util.Locale;
import java.util.Objects;

/** Chain names: lower-case, trimmed, not blank. */
final class Chains {
  private Chains() {}

  static String name(String chain) {
    Objects.requireNonNull(chain, "chain");
    String c = chain.trim().toLowerCase(Locale.ROOT);
    if (c.isEmpty()) {
      throw new IllegalArgumentException("chain name must not be blank");
    }
    return c;
  }
}
