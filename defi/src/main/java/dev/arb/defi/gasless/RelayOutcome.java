package dev.arb.defi.gasless;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What became of a relayed request. An expected value: refusing a request is the relayer doing its
 * job, not a failure. Transport and node failures are {@link dev.arb.error.ChainException}s.
 */
public sealed interface RelayOutcome {

  /** Why a request was refused before any gas was spent on it. */
  enum Reason {
    /** Signed for another forwarder or chain than this relayer serves. */
    WRONG_DOMAIN,
    /** The signature does not recover to {@code from} (tampered or malformed). */
    BAD_SIGNATURE,
    /** The nonce is not the signer's next one (a replay, or out of order). */
    NONCE,
    /** The deadline has passed, or is too close to be sure of inclusion. */
    EXPIRED,
    /** The target is not on the relayer's allow-list. */
    TARGET_NOT_ALLOWED,
    /** The request carries ether; the relayer pays gas, never value. */
    VALUE_NOT_ALLOWED,
    /** The request asks for more gas than the policy allows per request. */
    GAS_ABOVE_LIMIT,
    /** The signer has used up its requests or its wei for today. */
    SIGNER_QUOTA,
    /** The transaction could cost more than the per-request limit. */
    REQUEST_SPEND_LIMIT,
    /** Relaying would pass the relayer's total spending limit for today. */
    DAILY_SPEND_LIMIT,
    /** The simulation ({@code eth_call} of verify and execute) failed: it would revert. */
    SIMULATION_FAILED,
    /** Gas is too expensive right now: the oracle's cap does not cover the next base fee. */
    GAS_PRICE
  }

  /** The request was refused; nothing was sent. {@code detail} says what to do. */
  record Rejected(Reason reason, String detail) implements RelayOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * The request was executed on chain.
   *
   * @param txHash the relayer's transaction
   * @param gasUsed gas used by the whole transaction (shared by a batch)
   * @param costWei what this request was charged: its share of gas used × effective gas price
   */
  record Mined(String txHash, BigInteger gasUsed, BigInteger costWei) implements RelayOutcome {
    public Mined {
      Objects.requireNonNull(txHash, "txHash");
      Objects.requireNonNull(gasUsed, "gasUsed");
      Objects.requireNonNull(costWei, "costWei");
    }
  }

  /**
   * The transaction was mined but reverted (state changed between simulation and inclusion); its
   * gas was spent and charged.
   */
  record Reverted(String txHash, BigInteger gasUsed, BigInteger costWei, String reason)
      implements RelayOutcome {
    public Reverted {
      Objects.requireNonNull(txHash, "txHash");
      Objects.requireNonNull(gasUsed, "gasUsed");
      Objects.requireNonNull(costWei, "costWei");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
