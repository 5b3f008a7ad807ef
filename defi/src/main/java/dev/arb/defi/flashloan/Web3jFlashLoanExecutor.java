package dev.arb.defi.flashloan;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Runs routes through {@link FlashLoanArbitrageContract}: simulates the exact transaction with
 * {@code eth_call}, sends it only if the simulation succeeds, and reports the outcome as a value.
 */
public final class Web3jFlashLoanExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(Web3jFlashLoanExecutor.class);

  private final Wallet wallet;
  private final FlashLoanArbitrageContract contract;
  private final RevertDecoder decoder = FlashLoanArbitrageContract.decoder();

  public Web3jFlashLoanExecutor(Wallet wallet, FlashLoanArbitrageContract contract) {
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.contract = Objects.requireNonNull(contract, "contract");
  }

  /**
   * Simulates {@code execute(routes)} from this wallet at the latest block.
   *
   * @return the profit per route, or the decoded revert
   */
  public Simulation simulate(List<FlashRoute> routes) {
    String data = contract.encodeExecuteFor(routes);
    CallResult r = wallet.chain().call(wallet.address(), contract.address(), data, decoder);
    if (r instanceof CallResult.Reverted rev) {
      return new Simulation(List.of(), rev.reason());
    }
    return new Simulation(
        FlashLoanArbitrageContract.decodeProfits(((CallResult.Success) r).data()), null);
  }

  /**
   * Simulated profits per route, or why the simulation reverted.
   *
   * @param profits profit per route in base units; empty if reverted
   * @param revertReason {@code null} if the simulation succeeded
   */
  public record Simulation(List<BigInteger> profits, String revertReason) {
    public Simulation {
      profits = List.copyOf(profits);
    }

    public boolean succeeded() {
      return revertReason == null;
    }
  }

  /** Simulates, then sends only if the simulation succeeded; waits for the receipt. */
  public FlashLoanOutcome execute(List<FlashRoute> routes) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("no routes to execute");
    }
    String data = contract.encodeExecuteFor(routes);
    Simulation sim = simulate(routes);
    if (!sim.succeeded()) {
      LOG.info("flash loan not sent: simulation reverted: {}", sim.revertReason());
      return new FlashLoanOutcome.NotSent(sim.revertReason());
    }
    CallResult estimate =
        wallet.chain().estimateGas(wallet.address(), contract.address(), data, decoder);
    if (estimate instanceof CallResult.Reverted rev) {
      return new FlashLoanOutcome.NotSent(rev.reason());
    }
    BigInteger gasLimit =
        Wallet.withHeadroom(new BigInteger(((CallResult.Success) estimate).data()));
    TransactionReceipt receipt = wallet.send(contract.address(), data, gasLimit);
    if (!receipt.isStatusOK()) {
      String reason = wallet.failureReason(contract.address(), data, gasLimit, receipt, decoder);
      LOG.warn("flash loan {} reverted on chain: {}", receipt.getTransactionHash(), reason);
      return new FlashLoanOutcome.Failed(
          receipt.getTransactionHash(), reason, receipt.getGasUsed());
    }
    return new FlashLoanOutcome.Executed(
        receipt.getTransactionHash(),
        sim.profits(),
        contract.routeExecutedEvents(receipt),
        receipt.getGasUsed(),
        receipt.getEffectiveGasPrice() == null
            ? BigInteger.ZERO
            : Numeric.toBigInt(receipt.getEffectiveGasPrice()));
  }

  /**
   * Simulates {@code route}, sends it if the simulation succeeds, and records the attempt whatever
   * happens: executed, rejected (not sent), failed on chain, or failed because the chain stopped
   * answering (then the record is given to {@code record} and the error thrown on).
   *
   * @param detectedAt the records' time
   */
  public FlashLoanOutcome attempt(
      FlashRoute route,
      FlashLoanRecords.Names names,
      Instant detectedAt,
      Consumer<OpportunityRecord> record) {
    BigInteger expected = BigInteger.ZERO;
    FlashLoanOutcome outcome;
    try {
      Simulation sim = simulate(List.of(route));
      if (sim.succeeded()) {
        expected = sim.profits().get(0);
        // simulated again right before sending, against the then latest state
        outcome = execute(List.of(route));
      } else {
        outcome = new FlashLoanOutcome.NotSent(sim.revertReason());
      }
    } catch (ChainException e) {
      List<String> sent = e instanceof Wallet.Unconfirmed u ? u.txHashes() : List.of();
      record.accept(
          FlashLoanRecords.interrupted(detectedAt, route, names, expected, e.getMessage(), sent));
      throw e;
    } catch (RuntimeException e) {
      record.accept(FlashLoanRecords.unexpected(detectedAt, route, names, expected, e.toString()));
      throw e;
    }
    record.accept(FlashLoanRecords.of(detectedAt, route, names, expected, outcome, 0));
    return outcome;
  }
}
