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
 * the receipt. Nonces come from a {@link NonceManager}, so concurrent sends never collide within
 * this process and another sender on the same account is recovered from. {@link #toString()} shows
 * the address only, never key material.
 */
public final class Wallet {
  private final ChainClient chain;
  private final Credentials credentials;
  private final FeeHistoryGasOracle gasOracle;
  private final NonceManager nonces;

  /** A wallet pricing its transactions with {@code gasOracle}. */
  public Wallet(ChainClient chain, Credentials credentials, FeeHistoryGasOracle gasOracle) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.gasOracle = Objects.requireNonNull(gasOracle, "gasOracle");
    this.nonces = new NonceManager(() -> chain.pendingNonce(credentials.getAddress()));
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
   * Sends with an explicit gas limit and no simulation; returns the receipt, failed or not. Safe to
   * call from many threads: each send takes its own nonce from the {@link NonceManager} and waits
   * for its own receipt. On "nonce too low" (another process used the account) the nonces are
   * resynchronised from the node and the send retried, up to {@value #NONCE_RETRIES} times; on any
   * other failure to hand the transaction over they are resynchronised too, so the next send does
   * not leave a gap.
   */
  public TransactionReceipt send(String to, String data, BigInteger gasLimit) {
    Fees fees = currentFees();
    for (int attempt = 1; ; attempt++) {
      BigInteger nonce = nonces.next();
      String hash;
      try {
        hash = chain.sendRaw(credentials, nonce, to, data, BigInteger.ZERO, gasLimit, fees);
      } catch (ChainClient.NonceTooLow e) {
        nonces.resync();
        if (attempt >= NONCE_RETRIES) {
          throw e;
        }
        continue;
      } catch (ChainException e) {
        nonces.resync();
        throw e;
      }
      try {
        return chain.waitForReceipt(hash);
      } catch (ChainException e) {
        nonces.resync(); // a lost or stuck transaction must not hold back the next ones
        throw e;
      }
    }
  }

  /** How often a send is retried after "nonce too low". */
  static final int NONCE_RETRIES = 5;

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
