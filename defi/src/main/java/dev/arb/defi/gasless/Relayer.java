package dev.arb.defi.gasless;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gas.GasQuote;
import dev.arb.defi.gasless.RelayOutcome.Reason;
import dev.arb.defi.gasless.RelayOutcome.Rejected;
import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.record.RelayRecord;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Relays signed requests through the forwarder, paying the gas from its own wallet, and only for
 * requests that pass every check first: the forwarder and chain they were signed for, the
 * signature, no ether, an allowed target, the gas per request, the deadline, the signer's next
 * nonce, a simulation ({@code verify} and {@code execute} as {@code eth_call}), gas price under the
 * oracle's cap, and the spending limits ({@link SpendingLedger}). A refused request costs nothing.
 *
 * <p>Every request is recorded in its {@link RelayRecordStore}: refused ones as {@code rejected}
 * with the reason; accepted ones as {@code accepted} (with the worst case reserved) <em>before</em>
 * the transaction is sent, then {@code mined} or {@code reverted} with the hash, gas and wei paid.
 * A request whose transaction may or may not have landed (the node stopped answering) stays {@code
 * accepted}, counted at its reservation. The spending limits start each day from those records.
 * Thread-safe: the daemon's HTTP threads may share one relayer.
 */
public final class Relayer {
  private static final Logger LOG = LoggerFactory.getLogger(Relayer.class);
  private static final BigInteger ERC2771_FAILED_CALL =
      Numeric.toBigInt("0xd6bda275"); // Errors.FailedCall()

  private final Wallet wallet;
  private final ChainClient chain;
  private final FeeHistoryGasOracle gasOracle;
  private final GaslessForwarder forwarder;
  private final ForwarderDomain domain;
  private final RelayPolicy policy;
  private final SpendingLedger ledger;
  private final Clock clock;
  private final RevertDecoder decoder;
  private final RelayRecordStore records;

  /** The requests of the current call that have their record (identity; calls are serialised). */
  private final Set<SignedRequest> onRecord = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * A relayer sending from {@code wallet} through {@code forwarder} that keeps no records: its
   * limits count from the start of this process.
   *
   * @param targetDecoder decodes the custom errors of the allowed targets, for rejection reasons
   *     (the forwarder's errors are added to it)
   */
  public Relayer(
      Wallet wallet,
      FeeHistoryGasOracle gasOracle,
      GaslessForwarder forwarder,
      RelayPolicy policy,
      Clock clock,
      RevertDecoder targetDecoder) {
    this(wallet, gasOracle, forwarder, policy, clock, targetDecoder, RelayRecordStore.NONE);
  }

  /**
   * A relayer sending from {@code wallet} through {@code forwarder}, recording every request in
   * {@code records} and reading each day's spending back from them.
   */
  public Relayer(
      Wallet wallet,
      FeeHistoryGasOracle gasOracle,
      GaslessForwarder forwarder,
      RelayPolicy policy,
      Clock clock,
      RevertDecoder targetDecoder,
      RelayRecordStore records) {
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.chain = wallet.chain();
    this.gasOracle = Objects.requireNonNull(gasOracle, "gasOracle");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.decoder =
        Objects.requireNonNull(targetDecoder, "targetDecoder").withAbi(GaslessForwarder.abi());
    this.records = Objects.requireNonNull(records, "records");
    this.ledger = new SpendingLedger(policy, clock, records::spending);
    this.domain = forwarder.domain();
  }

  /** The forwarder's domain, as it reported it: what requests must be signed for. */
  public ForwarderDomain domain() {
    return domain;
  }

  /** Today's spending, for limits and reports. */
  public SpendingLedger ledger() {
    return ledger;
  }

  /**
   * Checks, simulates and, if all is well, executes one request in its own transaction.
   *
   * @throws ChainException if the chain fails; the request is recorded first ({@code rejected},
   *     reason {@code CHAIN_FAILED}, if nothing was sent)
   */
  public synchronized RelayOutcome relay(SignedRequest s) {
    Instant receivedAt = clock.instant();
    onRecord.clear();
    try {
      return relayOne(s, receivedAt);
    } catch (ChainException e) {
      recordChainFailure(List.of(s), receivedAt, e);
      throw e;
    }
  }

  private RelayOutcome relayOne(SignedRequest s, Instant receivedAt) {
    Optional<Rejected> refused = check(s, forwarder.nonce(s.request().from()));
    if (refused.isPresent()) {
      return finish(s, receivedAt, refused.get());
    }
    if (!forwarder.verify(s)) {
      return finish(
          s,
          receivedAt,
          new Rejected(
              Reason.SIMULATION_FAILED,
              "the forwarder does not accept the request (does "
                  + s.request().to()
                  + " trust forwarder "
                  + forwarder.address()
                  + "?)"));
    }
    String calldata = GaslessForwarder.executeCalldata(s);
    CallResult sim = chain.call(wallet.address(), forwarder.address(), calldata, decoder);
    if (sim instanceof CallResult.Reverted r) {
      return finish(
          s, receivedAt, new Rejected(Reason.SIMULATION_FAILED, "would revert: " + reason(s, r)));
    }
    return finish(s, receivedAt, submit(List.of(s), receivedAt, calldata).get(0));
  }

  /**
   * Checks each request and executes those that pass in one {@code executeBatch} transaction (all
   * or nothing on chain). Outcomes come back in the order of {@code requests}; the executed ones
   * share the transaction and its gas.
   */
  public synchronized List<RelayOutcome> relayBatch(List<SignedRequest> requests) {
    Instant receivedAt = clock.instant();
    onRecord.clear();
    try {
      return relayMany(requests, receivedAt);
    } catch (ChainException e) {
      recordChainFailure(requests, receivedAt, e);
      throw e;
    }
  }

  private List<RelayOutcome> relayMany(List<SignedRequest> requests, Instant receivedAt) {
    RelayOutcome[] out = new RelayOutcome[requests.size()];
    Map<String, BigInteger> nextNonce = new HashMap<>();
    List<SignedRequest> accepted = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      SignedRequest s = requests.get(i);
      String from = s.request().from();
      BigInteger expected = nextNonce.computeIfAbsent(from, forwarder::nonce);
      Optional<Rejected> refused = check(s, expected);
      if (refused.isPresent()) {
        out[i] = finish(s, receivedAt, refused.get());
        continue;
      }
      nextNonce.put(from, expected.add(BigInteger.ONE));
      accepted.add(s);
      at.add(i);
    }
    if (!accepted.isEmpty()) {
      String calldata = GaslessForwarder.executeBatchCalldata(accepted);
      CallResult sim = chain.call(wallet.address(), forwarder.address(), calldata, decoder);
      List<RelayOutcome> results;
      if (sim instanceof CallResult.Reverted r) {
        RelayOutcome rejected =
            new Rejected(Reason.SIMULATION_FAILED, "the batch would revert: " + r.reason());
        results = accepted.stream().map(s -> rejected).toList();
      } else {
        results = submit(accepted, receivedAt, calldata);
      }
      for (int k = 0; k < accepted.size(); k++) {
        out[at.get(k)] = finish(accepted.get(k), receivedAt, results.get(k));
      }
    }
    return Arrays.asList(out);
  }

  /** The checks that need no simulation; {@code expectedNonce} is the signer's next nonce. */
  private Optional<Rejected> check(SignedRequest s, BigInteger expectedNonce) {
    ForwardRequest r = s.request();
    if (!s.domain().equals(domain)) {
      return reject(
          Reason.WRONG_DOMAIN, "signed for " + s.domain() + ", but this relayer serves " + domain);
    }
    Optional<String> signer = Eip712Signer.recover(s);
    if (signer.isEmpty() || !signer.get().equals(r.from())) {
      return reject(
          Reason.BAD_SIGNATURE,
          "the signature is not "
              + r.from()
              + "'s for this request (recovers to "
              + signer.orElse("nothing")
              + "); the request was changed after signing or signed for something else");
    }
    if (r.value().signum() != 0) {
      return reject(
          Reason.VALUE_NOT_ALLOWED, "asks to send " + r.value() + " wei; only value 0 is relayed");
    }
    if (!policy.allowsTarget(r.to())) {
      return reject(Reason.TARGET_NOT_ALLOWED, r.to() + " is not on the relayer's allow-list");
    }
    if (!policy.allows(r.to(), r.selector())) {
      return reject(
          Reason.TARGET_NOT_ALLOWED,
          "function "
              + r.selector()
              + " of "
              + r.to()
              + " is not on the relayer's allow-list (only some of its functions are)");
    }
    if (r.gas().compareTo(policy.maxRequestGas()) > 0) {
      return reject(
          Reason.GAS_ABOVE_LIMIT,
          "asks for " + r.gas() + " gas, the limit per request is " + policy.maxRequestGas());
    }
    long mustLastUntil = clock.instant().plus(policy.minValidity()).getEpochSecond();
    if (r.deadline() < mustLastUntil) {
      return reject(
          Reason.EXPIRED,
          "deadline "
              + r.deadline()
              + " is past or within "
              + policy.minValidity().toSeconds()
              + " s of now; sign a new request");
    }
    if (!r.nonce().equals(expectedNonce)) {
      return reject(
          Reason.NONCE,
          "nonce "
              + r.nonce()
              + " is not "
              + r.from()
              + "'s next forwarder nonce "
              + expectedNonce
              + (r.nonce().compareTo(expectedNonce) < 0 ? " (already used: a replay)" : ""));
    }
    return Optional.empty();
  }

  /**
   * Prices, reserves, records as accepted, sends, settles and records the result; one outcome per
   * request, in order. Refusals it returns are recorded by the caller ({@link #finish}).
   */
  private List<RelayOutcome> submit(
      List<SignedRequest> requests, Instant receivedAt, String calldata) {
    GasQuote quote = gasOracle.quote(chain);
    if (!quote.affordable()) {
      return same(
          requests,
          new Rejected(
              Reason.GAS_PRICE,
              "next base fee "
                  + quote.nextBaseFee()
                  + " + tip "
                  + quote.tip()
                  + " wei/gas is above the cap "
                  + quote.maxFeePerGas()));
    }
    CallResult estimate =
        chain.estimateGas(wallet.address(), forwarder.address(), calldata, decoder);
    if (estimate instanceof CallResult.Reverted r) {
      return same(requests, new Rejected(Reason.SIMULATION_FAILED, "would revert: " + r.reason()));
    }
    BigInteger gasLimit = gasLimit(new BigInteger(((CallResult.Success) estimate).data()));
    BigInteger worst = gasLimit.multiply(quote.maxFeePerGas());
    List<BigInteger> worstShares = shares(worst, requests.size());
    List<SpendingLedger.Reservation> reserved = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      SpendingLedger.Result r =
          ledger.reserve(requests.get(i).request().from(), worstShares.get(i));
      if (r instanceof SpendingLedger.Result.Refused no) {
        reserved.forEach(ledger::release);
        return same(requests, new Rejected(no.reason(), no.detail()));
      }
      reserved.add(((SpendingLedger.Result.Reserved) r).reservation());
    }
    List<RelayRecord> pending = new ArrayList<>();
    try {
      for (int i = 0; i < requests.size(); i++) {
        pending.add(
            records.insert(
                record(requests.get(i), receivedAt, RelayRecord.Outcome.ACCEPTED)
                    .withReservation(worstShares.get(i))));
        onRecord.add(requests.get(i));
      }
    } catch (RuntimeException e) {
      // not sent: nothing may go out that is not on record
      reserved.forEach(ledger::release);
      pending.forEach(
          p -> quietly(p.settled(RelayRecord.Outcome.REJECTED, "NOT_RECORDED", e.getMessage())));
      throw e;
    }
    TransactionReceipt receipt;
    try {
      receipt = wallet.send(forwarder.address(), calldata, gasLimit);
    } catch (Wallet.Unconfirmed e) {
      // it may still be mined: the reservation stands and the records stay "accepted"
      for (RelayRecord p : pending) {
        quietly(
            p.settled(
                RelayRecord.Outcome.ACCEPTED,
                "UNCONFIRMED",
                "sent as " + e.txHashes() + ", fate unknown: " + e.getMessage(),
                e.txHashes().isEmpty() ? null : e.txHashes().get(0),
                null,
                null));
      }
      throw e;
    } catch (ChainException e) {
      reserved.forEach(ledger::release);
      pending.forEach(
          p -> quietly(p.settled(RelayRecord.Outcome.REJECTED, "SEND_FAILED", e.getMessage())));
      throw e;
    }
    BigInteger cost =
        receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    List<BigInteger> costShares = shares(cost, requests.size());
    for (int i = 0; i < reserved.size(); i++) {
      ledger.settle(reserved.get(i), costShares.get(i));
    }
    List<RelayOutcome> out = new ArrayList<>();
    String why =
        receipt.isStatusOK()
            ? null
            : wallet.failureReason(forwarder.address(), calldata, gasLimit, receipt, decoder);
    for (int i = 0; i < requests.size(); i++) {
      out.add(
          why == null
              ? new RelayOutcome.Mined(
                  receipt.getTransactionHash(), receipt.getGasUsed(), costShares.get(i))
              : new RelayOutcome.Reverted(
                  receipt.getTransactionHash(), receipt.getGasUsed(), costShares.get(i), why));
      quietly(
          pending
              .get(i)
              .settled(
                  why == null ? RelayRecord.Outcome.MINED : RelayRecord.Outcome.REVERTED,
                  why == null ? null : "REVERTED",
                  why,
                  receipt.getTransactionHash(),
                  receipt.getGasUsed(),
                  costShares.get(i)));
    }
    return out;
  }

  /**
   * Records the requests of a call that the chain's failure left without a record: nothing was sent
   * for them. A store failing too is logged, not thrown over the chain's error.
   */
  private void recordChainFailure(
      List<SignedRequest> requests, Instant receivedAt, ChainException e) {
    for (SignedRequest s : requests) {
      if (onRecord.contains(s)) {
        continue;
      }
      try {
        records.insert(
            record(s, receivedAt, RelayRecord.Outcome.REJECTED)
                .settled(
                    RelayRecord.Outcome.REJECTED, "CHAIN_FAILED", "not sent: " + e.getMessage()));
        onRecord.add(s);
      } catch (RuntimeException storeFailed) {
        LOG.error(
            "relay request of {} could not be recorded: {}",
            s.request().from(),
            storeFailed.getMessage());
      }
    }
  }

  /** The record of {@code s} as received, with {@code outcome} and nothing else filled in. */
  private RelayRecord record(SignedRequest s, Instant receivedAt, RelayRecord.Outcome outcome) {
    ForwardRequest r = s.request();
    return new RelayRecord(
        null,
        receivedAt,
        r.from(),
        r.to(),
        r.selector(),
        r.nonce(),
        r.deadline(),
        r.gas(),
        Numeric.toHexString(Eip712Signer.digest(s.domain(), r)),
        s.signature(),
        outcome,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Updates a record after the transaction's fate is known. A failing store must not hide that fate
   * from the caller: it is logged, and the stored row stays {@code accepted} at its reservation
   * (counted against the limits, never under-counted).
   */
  private void quietly(RelayRecord updated) {
    try {
      records.update(updated);
    } catch (RuntimeException e) {
      LOG.error(
          "relay record {} could not be updated to {} ({}); it stays accepted at its reservation",
          updated.id(),
          updated.outcome().code(),
          e.getMessage());
    }
  }

  /**
   * Gas limit of a relayed transaction: the estimate + 20 % + 20,000. The forwarder itself checks
   * that the target got the request's gas (EIP-150's 63/64 rule), so too tight a limit reverts.
   */
  static BigInteger gasLimit(BigInteger estimate) {
    return estimate
        .multiply(BigInteger.valueOf(12))
        .divide(BigInteger.TEN)
        .add(BigInteger.valueOf(20_000));
  }

  /** {@code total} split in {@code n} parts, the first ones taking the remainder. */
  static List<BigInteger> shares(BigInteger total, int n) {
    BigInteger[] qr = total.divideAndRemainder(BigInteger.valueOf(n));
    List<BigInteger> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(BigInteger.valueOf(i).compareTo(qr[1]) < 0 ? qr[0].add(BigInteger.ONE) : qr[0]);
    }
    return out;
  }

  /**
   * Why a simulated {@code execute} reverted: the forwarder only says {@code FailedCall()} when the
   * target reverts, so the target's own reason comes from calling it as the forwarder would.
   */
  private String reason(SignedRequest s, CallResult.Reverted r) {
    if (r.data().length() >= 10
        && Numeric.toBigInt(r.data().substring(0, 10)).equals(ERC2771_FAILED_CALL)) {
      String data = s.request().data() + Numeric.cleanHexPrefix(s.request().from());
      CallResult inner = chain.call(forwarder.address(), s.request().to(), data, decoder);
      if (inner instanceof CallResult.Reverted target) {
        return target.reason() + " (in " + s.request().to() + ")";
      }
    }
    return r.reason();
  }

  private static List<RelayOutcome> same(List<SignedRequest> requests, RelayOutcome o) {
    return requests.stream().map(s -> o).toList();
  }

  private static Optional<Rejected> reject(Reason reason, String detail) {
    return Optional.of(new Rejected(reason, detail));
  }

  /** Logs the outcome, and records it if it is a refusal (sent ones were recorded by submit). */
  private RelayOutcome finish(SignedRequest s, Instant receivedAt, RelayOutcome o) {
    if (o instanceof Rejected no && !onRecord.contains(s)) {
      records.insert(
          record(s, receivedAt, RelayRecord.Outcome.REJECTED)
              .settled(RelayRecord.Outcome.REJECTED, no.reason().name(), no.detail()));
      onRecord.add(s);
    }
    LOG.info(
        "relay {} nonce {} -> {}: {}",
        s.request().from(),
        s.request().nonce(),
        s.request().to(),
        o);
    return o;
  }
}
