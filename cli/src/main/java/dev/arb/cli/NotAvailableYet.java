package dev.arb.cli;

import dev.arb.error.ArbException;

/** Thrown by commands whose engine part has not landed: says so plainly, exit 1. */
final class NotAvailableYet extends ArbException {
  private static final long serialVersionUID = 1L;

  NotAvailableYet(String command, String what) {
    super(
        "'"
            + command
            + "' is not available yet: "
            + what
            + " has not been built. Nothing was done.");
  }
}
