package dev.arb.defi.flashloan;

import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** What happened to a batch of routes. An expected value; failures of the chain are exceptions. */
public sealed interface FlashLoanOutcome {

  /**
   * Mined and succeeded.
   *
   * @param txHash transaction hash
   * @param simulatedProfits profit per route the {@code eth_call} simulation returned, base units
   * @param events the {@code RouteExecuted} events, one per route, with the realised profits
   * @param gasUsed gas the transaction used
   * @param effectiveGasPrice wei per gas paid
   */
  record Executed(
      String txHash,
      List<BigInteger> simulatedProfits,
      List<RouteExecuted> events,
      BigInteger gasUsed,
      BigInteger effectiveGasPrice)
      implements FlashLoanOutcome {
    public Executed {
      Objects.requireNonNull(txHash, "txHash");
      simulatedProfits = List.copyOf(simulatedProfits);
      events = List.copyOf(events);
    }

    /** Realised profit per route, from the events. */
    public List<BigInteger> profits() {
      return events.stream().map(RouteExecuted::profit).toList();
    }
  }

  /**
   * Not sent: the simulation reverted, so sending would only have burnt gas.
   *
   * @param reason the decoded revert, e.g. {@code ProfitBelowMinimum(...)}
   */
  record NotSent(String reason) implements FlashLoanOutcome {
    public NotSent {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Sent, mined, and reverted on chain (state changed between simulation and inclusion).
   *
   * @param reason the decoded revert, found by replaying the call
   */
  record Failed(String txHash, String reason, BigInteger gasUsed) implements FlashLoanOutcome {
    public Failed {
      Objects.requireNonNull(txHash, "txHash");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
