package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import java.math.BigDecimal;

/** Balances per exchange and asset, for the balance check before a trade. */
@FunctionalInterface
public interface BalanceView {
  /** The free balance of {@code asset} on {@code exchange}; 0 when none. */
  BigDecimal balance(String exchange, Asset asset);

  /**
   * For a person short of {@code asset} on {@code exchange}: which setting gives it (such as the
   * config key of a paper balance); empty when none does.
   */
  default String whereToSet(String exchange, Asset asset) {
    return "";
  }
}
