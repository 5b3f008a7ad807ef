package dev.arb.defi.chain;

import java.util.Objects;

/** Outcome of an {@code eth_call}: what it returned, or why it reverted. An expected value. */
public sealed interface CallResult {

  /** The call succeeded. {@code data} is the ABI-encoded return value as 0x-hex. */
  record Success(String data) implements CallResult {
    public Success {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * The call reverted.
   *
   * @param reason the revert decoded for a person, e.g. {@code ProfitBelowMinimum(routeIndex=0,
   *     profit=5, minProfit=10)}
   * @param data raw revert data as 0x-hex ({@code 0x} if none)
   */
  record Reverted(String reason, String data) implements CallResult {
    public Reverted {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(data, "data");
    }
  }
}
