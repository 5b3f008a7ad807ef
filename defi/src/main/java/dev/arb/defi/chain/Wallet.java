package dev.arb.defi.chain;

import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gas.GasQuote;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.RetryPolicy;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
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
  private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);

  private final ChainClient chain;
  private final Credentials credentials;
  private final FeeHistoryGasOracle gasOracle;
  private final NonceManager nonces;
  private final Replacement replacement;

  /**
   * When a sent transaction counts as stuck and how often it is re-sent, same nonce, with fees
   * raised by 12.5 % (nodes want at least 10 %) while they stay under the oracle's cap.
   *
   * @param stuckAfter how long to wait for a receipt before replacing
   * @param maxReplacements how many times at most
   */
  public record Replacement(Duration stuckAfter, int maxReplacements) {
    /** Never replace: wait for the receipt until the client's receipt timeout. */
    public static final Replacement NEVER = new Replacement(Duration.ofDays(1), 0);

    public Replacement {
      Objects.requireNonNull(stuckAfter, "stuckAfter");
      if (stuckAfter.isNegative() || stuckAfter.isZero() || maxReplacements < 0) {
        throw new IllegalArgumentException("stuckAfter must be positive, maxReplacements >= 0");
      }
    }
  }

  /** A wallet pricing its transactions with {@code gasOracle} that never replaces them. */
  public Wallet(ChainClient chain, Credentials credentials, FeeHistoryGasOracle gasOracle) {
    this(chain, credentials, gasOracle, Replacement.NEVER);
  }

  /**
   * A wallet pricing with {@code gasOracle} and replacing stuck transactions per {@code
   * replacement}.
   */
  public Wallet(
      ChainClient chain,
      Credentials credentials,
      FeeHistoryGasOracle gasOracle,
      Replacement replacement) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.gasOracle = Objects.requireNonNull(gasOracle, "gasOracle");
    this.replacement = Objects.requireNonNull(replacement, "replacement");
    this.nonces = new NonceManager(() -> chain.pendingNonce(credentials.getAddress()));
  }

  /**
   * The nonces of this account in this process: every sender of the account (this wallet, a
   * flash-route executor given this wallet) takes its nonces here, so two senders never pick the
   * same one.
   */
  public NonceManager nonces() {
    return nonces;
  }

  /** The account address, 0x-hex lower case. */
  public String address() {
    return credentials.getAddress();
  }

  /**
   * Signs a 32-byte hash (an EIP-712 digest, say) with the account's key, which never leaves the
   * wallet; {@code v} is 27 or 28.
   */
  public Sign.SignatureData signHash(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + hash.length);
    }
    return Sign.signMessage(hash, credentials.getEcKeyPair(), false);
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
   * for its own receipt.
   *
   * <p>Nonces are never left with a gap, since every later transaction of the account would queue
   * behind it: a transport failure while handing the transaction over is followed by handing the
   * very same signed bytes over again ({@value #RESUBMITS} times at most, which is idempotent: one
   * hash, mined at most once); a node that refuses it gives the nonce back, or, if later nonces
   * were handed out meanwhile, the gap is filled with a zero-value transfer to self. On "nonce too
   * low" (another process used the account) the nonces are resynchronised from the node and the
   * send retried, up to {@value #NONCE_RETRIES} times.
   */
  public TransactionReceipt send(String to, String data, BigInteger gasLimit) {
    Fees fees = currentFees();
    for (int attempt = 1; ; attempt++) {
      BigInteger nonce = nonces.next();
      ChainClient.SignedTx tx =
          chain.sign(credentials, nonce, to, data, BigInteger.ZERO, gasLimit, fees);
      String hash;
      try {
        hash = submitIdempotently(tx);
      } catch (ChainClient.NonceTooLow e) {
        nonces.resync();
        if (attempt >= NONCE_RETRIES) {
          throw e;
        }
        continue;
      } catch (ChainClient.SendUnknown e) {
        nonces.resync();
        throw new Unconfirmed(
            e.getMessage()
                + "; transaction "
                + e.txHash()
                + " (nonce "
                + nonce
                + ") may have reached the node and may still be mined, check before resending",
            nonce,
            List.of(e.txHash()),
            e);
      } catch (ChainException e) {
        if (e.getMessage().toLowerCase(Locale.ROOT).contains("replacement transaction")) {
          nonces.resync(); // another transaction of this account is pending with that nonce
        } else {
          giveBack(nonce, fees);
        }
        throw e;
      }
      return awaitOrReplace(nonce, to, data, gasLimit, fees, hash);
    }
  }

  /**
   * Hands {@code tx} to the node; after a transport failure, hands the same bytes over again with a
   * growing pause. A resubmission told "nonce too low" means the nonce was used meanwhile: by this
   * transaction (its first submission got through and was mined) or by another one.
   */
  private String submitIdempotently(ChainClient.SignedTx tx) {
    Retry.Outcome<String> o =
        SUBMISSIONS.callUnchecked(
            () -> chain.submit(tx),
            (submission, fault, wait) ->
                LOG.info(
                    "handing nonce {} to the node failed ({}); submitting the same transaction {}"
                        + " again",
                    tx.nonce(),
                    fault.message(),
                    tx.hash()),
            e -> new ChainException("chain: interrupted while resubmitting a transaction", e));
    if (o.ok()) {
      return o.value();
    }
    if (o.error() instanceof ChainClient.NonceTooLow e) {
      // the transport may have handed it over twice itself (OkHttp retries a request whose
      // connection broke), so even a first submission can meet its own, already mined, twin
      if (knows(tx.hash())) {
        return tx.hash();
      }
      throw e;
    }
    // still unanswered after the last submission (SendUnknown), or refused by the node
    throw o.rethrow(e -> new ChainException("chain: " + e.getMessage(), e));
  }

  private boolean knows(String txHash) {
    try {
      return chain.knowsTransaction(txHash);
    } catch (ChainException e) {
      return false;
    }
  }

  /**
   * The node refused the transaction with {@code nonce}, so the nonce is still free: take it back,
   * or fill it if later nonces are already out (they would wait behind the gap forever).
   */
  private void giveBack(BigInteger nonce, Fees fees) {
    if (nonces.release(nonce)) {
      return;
    }
    ChainClient.SignedTx filler =
        chain.sign(credentials, nonce, address(), "0x", BigInteger.ZERO, GAP_FILLER_GAS, fees);
    try {
      String hash = submitIdempotently(filler);
      LOG.warn(
          "nonce {} of {} was refused by the node while later nonces were in use: filled the gap"
              + " with a zero-value transfer to self, {}",
          nonce,
          address(),
          hash);
    } catch (ChainException e) {
      nonces.resync();
      LOG.warn(
          "nonce {} of {} was refused and the gap could not be filled ({}); later transactions may"
              + " wait until it is",
          nonce,
          address(),
          e.getMessage());
    }
  }

  /** How often a transaction is handed over again after a transport failure. */
  static final int RESUBMITS = 3;

  /**
   * Submissions of one signed transaction: the same bytes again after a transport failure (and only
   * then), {@value #RESUBMITS} times at most, 100 ms, 200 ms, 400 ms apart.
   */
  private static final Retry SUBMISSIONS =
      Retry.of(RetryPolicy.doubling(1 + RESUBMITS, Duration.ofMillis(100)), Wallet::classify);

  /** Only a submission that may not have reached the node is worth repeating. */
  private static Fault classify(Throwable t) {
    if (t instanceof ChainClient.SendUnknown) {
      return Fault.of(
          Fault.Kind.CONNECTION,
          t.getCause() == null ? t.getMessage() : t.getCause().getClass().getSimpleName());
    }
    return Fault.of(Fault.Kind.REJECTED, String.valueOf(t.getMessage()));
  }

  /** Gas of a plain transfer, what a gap filler costs. */
  private static final BigInteger GAP_FILLER_GAS = BigInteger.valueOf(21_000);

  /**
   * A transaction was sent (or may have been), but whether it was mined is not known: the node
   * stopped answering, or no receipt came within the timeout. It may still be mined; check {@link
   * #txHashes()} before sending again.
   */
  public static final class Unconfirmed extends ChainException {
    private static final long serialVersionUID = 1L;
    private final BigInteger nonce;
    private final List<String> txHashes;

    Unconfirmed(String message, BigInteger nonce, List<String> txHashes, Throwable cause) {
      super(message, cause);
      this.nonce = nonce;
      this.txHashes = List.copyOf(txHashes);
    }

    /** The nonce the transaction took. */
    public BigInteger nonce() {
      return nonce;
    }

    /** Every hash sent with that nonce (the first, then its fee-raised replacements). */
    public List<String> txHashes() {
      return txHashes;
    }
  }

  private TransactionReceipt awaitOrReplace(
      BigInteger nonce, String to, String data, BigInteger gasLimit, Fees fees, String hash) {
    List<String> sent = new ArrayList<>(List.of(hash));
    try {
      return awaitOrReplace(nonce, to, data, gasLimit, fees, sent);
    } catch (Unconfirmed e) {
      throw e;
    } catch (ChainException e) {
      nonces.resync(); // the next send asks the node again, whatever became of this one
      throw new Unconfirmed(
          "chain: transaction nonce "
              + nonce
              + " from "
              + address()
              + " was sent as "
              + String.join(", ", sent)
              + ", but waiting for its receipt failed: "
              + e.getMessage()
              + "; it may still be mined, check before resending",
          nonce,
          sent,
          e);
    }
  }

  private TransactionReceipt awaitOrReplace(
      BigInteger nonce, String to, String data, BigInteger gasLimit, Fees fees, List<String> sent) {
    Fees current = fees;
    for (int replaced = 0; replaced < replacement.maxReplacements(); replaced++) {
      Optional<TransactionReceipt> r = chain.awaitAnyReceipt(sent, replacement.stuckAfter());
      if (r.isPresent()) {
        return r.get();
      }
      Fees bumped = bump(current);
      if (bumped.maxFeePerGas().compareTo(gasOracle.cap()) > 0) {
        LOG.warn("transaction nonce {} stuck, but a higher fee would pass the cap", nonce);
        break;
      }
      try {
        sent.add(chain.sendRaw(credentials, nonce, to, data, BigInteger.ZERO, gasLimit, bumped));
        current = bumped;
        LOG.info(
            "transaction nonce {} stuck: replaced with max fee {}", nonce, bumped.maxFeePerGas());
      } catch (ChainClient.SendUnknown e) {
        // may have reached the node: wait for it too
        sent.add(e.txHash());
        LOG.debug(
            "replacement of nonce {} may not have reached the node: {}", nonce, e.getMessage());
      } catch (ChainException e) {
        // mined meanwhile ("nonce too low") or not accepted: keep waiting for what was sent
        LOG.debug("replacement of nonce {} not accepted: {}", nonce, e.getMessage());
      }
    }
    Optional<TransactionReceipt> r = chain.awaitAnyReceipt(sent, chain.receiptTimeout());
    if (r.isPresent()) {
      return r.get();
    }
    nonces.resync(); // a lost or stuck transaction must not hold back the next ones
    throw new Unconfirmed(
        "chain: no receipt for nonce "
            + nonce
            + " from "
            + address()
            + " (sent as "
            + String.join(", ", sent)
            + ") within "
            + chain.receiptTimeout().toSeconds()
            + " s; it may still be mined, check before resending",
        nonce,
        sent,
        null);
  }

  /** Fees raised by 12.5 %, rounded up: above the 10 % nodes require to replace. */
  static Fees bump(Fees f) {
    return new Fees(raise(f.maxFeePerGas()), raise(f.maxPriorityFeePerGas()));
  }

  private static BigInteger raise(BigInteger v) {
    return v.multiply(BigInteger.valueOf(9))
        .add(BigInteger.valueOf(7))
        .divide(BigInteger.valueOf(8));
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
