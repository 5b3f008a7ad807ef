package dev.arb.defi.contract;

/** Where FlashLoanArbitrage borrows from; the ordinal is the contract's {@code source} code. */
public enum LoanSource {
  /** A Uniswap V2 flash swap from a pair, repaid with {@code amount * 1000 / 997 + 1}. */
  UNISWAP_V2,
  /**
   * A Balancer V2 Vault flash loan, repaid with the vault's fee (zero unless governance set one).
   */
  BALANCER,
  /** An Aave V3 Pool {@code flashLoanSimple}, repaid with the pool's premium (0.09 % here). */
  AAVE_V3;

  /** The contract's {@code uint8} code. */
  public int code() {
    return ordinal();
  }
}
