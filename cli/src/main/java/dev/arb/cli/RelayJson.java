package dev.arb.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.engine.record.RelayRecord;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The JSON shapes of relayed requests, shared by {@code arb defi relay}, {@code arb defi relays}
 * and the daemon's {@code POST /relay}: amounts of wei and gas as exact decimal strings.
 */
final class RelayJson {
  private RelayJson() {}

  /**
   * One request and its outcome, in this key order; keys that do not apply to the outcome are left
   * out.
   *
   * @param nonce the request's forwarder nonce
   * @param status {@code rejected}, {@code mined} or {@code reverted}
   * @param reason why it was rejected, a code such as {@code NONCE} (rejected only)
   * @param txHash the relayer's transaction (mined or reverted)
   * @param gasUsed gas the transaction used (mined or reverted)
   * @param costWei what it cost (mined or reverted)
   * @param detail the rejection's detail, or the decoded revert reason
   */
  record Outcome(
      String from,
      String to,
      BigInteger nonce,
      String status,
      @JsonInclude(Include.NON_NULL) String reason,
      @JsonInclude(Include.NON_NULL) String txHash,
      @JsonInclude(Include.NON_NULL) BigInteger gasUsed,
      @JsonInclude(Include.NON_NULL) BigInteger costWei,
      @JsonInclude(Include.NON_NULL) String detail) {}

  /** One request and its outcome. */
  static Outcome outcome(SignedRequest s, RelayOutcome o) {
    String from = s.request().from();
    String to = s.request().to();
    BigInteger nonce = s.request().nonce();
    if (o instanceof RelayOutcome.Rejected r) {
      return new Outcome(
          from, to, nonce, "rejected", r.reason().name(), null, null, null, r.detail());
    }
    if (o instanceof RelayOutcome.Mined m) {
      return new Outcome(
          from, to, nonce, "mined", null, m.txHash(), m.gasUsed(), m.costWei(), null);
    }
    RelayOutcome.Reverted r = (RelayOutcome.Reverted) o;
    return new Outcome(
        from, to, nonce, "reverted", null, r.txHash(), r.gasUsed(), r.costWei(), r.reason());
  }

  /** One stored request, every column in this order; absent values as {@code null}. */
  record Stored(
      Long id,
      Instant receivedAt,
      String outcome,
      String signer,
      String target,
      String selector,
      BigInteger nonce,
      long deadline,
      BigInteger gasLimit,
      String digest,
      String signature,
      String reasonCode,
      String reason,
      String txHash,
      BigInteger gasUsed,
      BigInteger weiReserved,
      BigInteger weiPaid) {}

  /** One stored request. */
  static Stored record(RelayRecord r) {
    return new Stored(
        r.id(),
        r.receivedAt(),
        r.outcome().code(),
        r.signer(),
        r.target(),
        r.selector(),
        r.nonce(),
        r.deadline(),
        r.gasLimit(),
        r.digest(),
        r.signature(),
        r.reasonCode(),
        r.reason(),
        r.txHash(),
        r.gasUsed(),
        r.weiReserved(),
        r.weiPaid());
  }
}
