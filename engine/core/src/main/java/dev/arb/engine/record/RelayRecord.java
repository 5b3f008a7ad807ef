package dev.arb.engine.record;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One gasless request a relayer received, and what became of it. Addresses, selector, digest,
 * signature and transaction hash are 0x-hex, lower case; amounts of wei and gas are exact integers
 * (stored as decimal text).
 *
 * @param id the store's id, or null before it is stored
 * @param receivedAt when the relayer received it
 * @param signer the request's {@code from} (who signed it; not verified for {@code BAD_SIGNATURE})
 * @param target the request's {@code to}
 * @param selector the first four bytes of its call data ({@code 0x} if shorter)
 * @param nonce the forwarder nonce it was signed with
 * @param deadline its deadline, epoch seconds
 * @param gasLimit the gas it asks the forwarder to pass to the target
 * @param digest its EIP-712 digest (what was signed)
 * @param signature its 65-byte signature (public data: kept for audit)
 * @param outcome where it stands
 * @param reasonCode why it was refused or reverted (e.g. {@code NONCE}), null otherwise
 * @param reason the detail for a person, null if none
 * @param txHash the relayer's transaction, null if nothing was sent
 * @param gasUsed gas used by that transaction (shared by a batch), null until mined
 * @param weiReserved the worst case reserved against the limits when it was accepted, null if not
 * @param weiPaid what it was charged (its share of gas used × effective gas price), null until
 *     mined
 */
public record RelayRecord(
    Long id,
    Instant receivedAt,
    String signer,
    String target,
    String selector,
    BigInteger nonce,
    long deadline,
    BigInteger gasLimit,
    String digest,
    String signature,
    Outcome outcome,
    String reasonCode,
    String reason,
    String txHash,
    BigInteger gasUsed,
    BigInteger weiReserved,
    BigInteger weiPaid) {

  /** Where a relayed request stands. Stored as its lower-case name. */
  public enum Outcome {
    /** Passed every check; the transaction was (being) sent; its fate is not known yet. */
    ACCEPTED,
    /** Refused before anything was sent; costs nothing. */
    REJECTED,
    /** Executed on chain. */
    MINED,
    /** Sent and mined, but reverted; its gas was spent. */
    REVERTED;

    /** The stored and printed form, e.g. {@code mined}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored or user-given outcome, case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Outcome parse(String text) {
      for (Outcome o : values()) {
        if (o.code().equalsIgnoreCase(text.trim())) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "unknown relay outcome '" + text + "'; allowed: accepted, rejected, mined, reverted");
    }
  }

  public RelayRecord {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(gasLimit, "gasLimit");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(outcome, "outcome");
    signer = signer.toLowerCase(Locale.ROOT);
    target = target.toLowerCase(Locale.ROOT);
    selector = selector.toLowerCase(Locale.ROOT);
    digest = digest.toLowerCase(Locale.ROOT);
    signature = signature.toLowerCase(Locale.ROOT);
    txHash = txHash == null ? null : txHash.toLowerCase(Locale.ROOT);
  }

  /** This record with another outcome and what came with it (the request fields unchanged). */
  public RelayRecord settled(
      Outcome newOutcome,
      String newReasonCode,
      String newReason,
      String newTxHash,
      BigInteger newGasUsed,
      BigInteger newWeiPaid) {
    return copy(
        c -> {
          c.outcome = newOutcome;
          c.reasonCode = newReasonCode;
          c.reason = newReason;
          c.txHash = newTxHash;
          c.gasUsed = newGasUsed;
          c.weiPaid = newWeiPaid;
        });
  }

  /** This record with another outcome and its reason; nothing sent. */
  public RelayRecord settled(Outcome newOutcome, String newReasonCode, String newReason) {
    return settled(newOutcome, newReasonCode, newReason, txHash, gasUsed, weiPaid);
  }

  /** This record with {@code wei} reserved against the limits. */
  public RelayRecord withReservation(BigInteger wei) {
    return copy(c -> c.weiReserved = wei);
  }

  /** This record with the id the store gave it. */
  public RelayRecord withId(long newId) {
    return copy(c -> c.id = newId);
  }

  private RelayRecord copy(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** What a stored request's fate changes; the request itself stays as it was. */
  private static final class Copy {
    private final RelayRecord of;
    private Long id;
    private Outcome outcome;
    private String reasonCode;
    private String reason;
    private String txHash;
    private BigInteger gasUsed;
    private BigInteger weiReserved;
    private BigInteger weiPaid;

    private Copy(RelayRecord r) {
      of = r;
      id = r.id;
      outcome = r.outcome;
      reasonCode = r.reasonCode;
      reason = r.reason;
      txHash = r.txHash;
      gasUsed = r.gasUsed;
      weiReserved = r.weiReserved;
      weiPaid = r.weiPaid;
    }

    private RelayRecord build() {
      return new RelayRecord(
          id,
          of.receivedAt,
          of.signer,
          of.target,
          of.selector,
          of.nonce,
          of.deadline,
          of.gasLimit,
          of.digest,
          of.signature,
          outcome,
          reasonCode,
          reason,
          txHash,
          gasUsed,
          weiReserved,
          weiPaid);
    }
  }

  /**
   * What this request counts against the spending limits: nothing if it was refused, what it paid
   * once mined or reverted, its reservation while its fate is unknown (accepted).
   */
  public BigInteger chargedWei() {
    return switch (outcome) {
      case REJECTED -> BigInteger.ZERO;
      case MINED, REVERTED -> weiPaid == null ? BigInteger.ZERO : weiPaid;
      case ACCEPTED -> weiReserved == null ? BigInteger.ZERO : weiReserved;
    };
  }
}
