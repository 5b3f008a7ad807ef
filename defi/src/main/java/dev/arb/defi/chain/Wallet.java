package dev.arb.defi.chain;

import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gas.GasQuote;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * An account that sends transactions on one chain: takes the next nonce, prices EIP-1559 fees,
 * estimates gas (which is also a simulation: a call that would revert is not sent) and waits for
 * the receipt. Sends are serialised per wallet, so nonces never collide within this process. {@link
 * #toString()} shows the address only, never key material.
 */
public final class Wallet {
  private final ChainClient chain;
  private final Credentials credentials;
  private final FeeHistoryGasOracle gasOracle;

  /** A wallet pricing its transactions with {@code gasOracle}. */
  public Wallet(ChainClient chain, Credentials credentials, FeeHistoryGasOracle gasOracle) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.gasOracle = Objects.requireNonNull(gasOracle, "gasOracle");
  }

  /** The account address, 0x-hex lower case. */
  public String address() {
    return credentials.getAddress();
  }

  public ChainClient chain() {
    return chain;
  }

  /**
   * Fees for the next transaction from the gas oracle.
   *
   * @throws ChainException if the configured cap does not even cover the next base fee plus tip
   */
  public Fees currentFees() {
    GasQuote q = gasOracle.quote(chain);
    if (!q.affordable()) {
      throw new ChainException(
          "gas: next base fee "
              + q.nextBaseFee()
              + " + tip "
              + q.tip()
              + " wei/gas is above the cap "
              + q.maxFeePerGas()
              + "; not sending (raise the gas cap or wait)");
    }
    return q.fees();
  }

  /**
   * Estimates, sends and waits. Throws if the estimate reverts (nothing is sent) or the mined
   * transaction failed; for outcomes that are values, use {@link #send} after a simulation.
   *
   * @param to recipient, {@code null} to create a contract
   * @param decoder decodes revert data for the error message
   */
  public TransactionReceipt transact(String to, String data, RevertDecoder decoder) {
    CallResult estimate = chain.estimateGas(address(), to, data, decoder);
    if (estimate instanceof CallResult.Reverted r) {
      throw new ChainException(
          "chain: transaction to "
              + (to == null ? "(new contract)" : to)
              + " would revert: "
              + r.reason());
    }
    BigInteger gasLimit = withHeadroom(new BigInteger(((CallResult.Success) estimate).data()));
    TransactionReceipt receipt = send(to, data, gasLimit);
    if (!receipt.isStatusOK()) {
      throw new ChainException(
          "chain: transaction "
              + receipt.getTransactionHash()
              + " failed: "
              + failureReason(to, data, gasLimit, receipt, decoder));
    }
    return receipt;
  }

  /** Deploys {@code bytecode} (with constructor arguments appended) and returns its address. */
  public String deploy(String bytecode, RevertDecoder decoder) {
    TransactionReceipt receipt = transact(null, bytecode, decoder);
    return receipt.getContractAddress();
  }

  /**
   * Sends with an explicit gas limit and no simulation; returns the receipt, failed or not. The
   * nonce is the node's pending count, read under this wallet's lock, and the lock is held until
   * the receipt arrives: one transaction in flight per wallet.
   */
  public synchronized TransactionReceipt send(String to, String data, BigInteger gasLimit) {
    BigInteger nonce = chain.pendingNonce(address());
    return chain.send(credentials, nonce, to, data, BigInteger.ZERO, gasLimit, currentFees());
  }

  /**
   * Why a mined transaction failed, found by replaying it as a call on the state after its block: a
   * failed transaction changed nothing but the sender's balance, and that state includes whatever
   * ran before it in the block (a front-runner, typically).
   */
  public String revertReason(
      String to, String data, TransactionReceipt receipt, RevertDecoder decoder) {
    CallResult replay =
        chain.call(
            address(), to, data, decoder, DefaultBlockParameter.valueOf(receipt.getBlockNumber()));
    return replay instanceof CallResult.Reverted r
        ? r.reason()
        : "reverted on chain, but its replay succeeds (state changed in between)";
  }

  /**
   * Gas limit for an estimate: +30 % and 150,000 more, because state the estimate could not see
   * costs gas at inclusion (a Uniswap V2 pair writes its price accumulators in the first swap of
   * each new block, up to ~45,000 gas per pair). Only gas used is paid, not the limit.
   */
  public static BigInteger withHeadroom(BigInteger estimate) {
    return estimate
        .multiply(BigInteger.valueOf(13))
        .divide(BigInteger.TEN)
        .add(BigInteger.valueOf(150_000));
  }

  /** Why a failed transaction failed: out of gas if it used its whole limit, else the replay. */
  public String failureReason(
      String to,
      String data,
      BigInteger gasLimit,
      TransactionReceipt receipt,
      RevertDecoder decoder) {
    if (receipt.getGasUsed().compareTo(gasLimit) >= 0) {
      return "out of gas: used the whole limit of " + gasLimit;
    }
    return revertReason(to, data, receipt, decoder);
  }

  @Override
  public String toString() {
    return "Wallet[" + address() + "]";
  }
}
