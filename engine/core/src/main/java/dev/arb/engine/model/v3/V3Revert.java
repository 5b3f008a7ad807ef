package dev.arb.engine.model.v3;

import dev.arb.error.ArbException;

/**
 * The pool contract would revert here (an overflow, a price outside its bounds, a division by
 * zero): the arithmetic has no result, as on chain.
 */
public final class V3Revert extends ArbException {
  private static final long serialVersionUID = 1L;

  V3Revert(String what) {
    super("the Uniswap V3 pool would revert: " + what);
  }
}
