package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import java.math.BigDecimal;

/** Balances per exchange and asset, for the balance check before a trade. */
@FunctionalInterface
public interface BalanceView {
  /** The free balance of {@code asset} on {@code exchange}; 0 when none. */
  BigDecimal balance(String exchange, Asset asset);
}
