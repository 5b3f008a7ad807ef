package dev.arb.daemon.trade;

import dev.arb.config.RiskConfig;
import dev.arb.engine.record.OpportunityRecord;
import java.util.List;
import java.util.Optional;

/**
 * Trades a scan's opportunities (paper with {@code arb run --dry-run}, live with {@code
 * arb.trading.mode = live}), between the kill switch check and the record writer, so that each
 * record is written once, with its final status.
 */
@FunctionalInterface
public interface TradeStep {
  /**
   * Trades what it may.
   *
   * @param result the scan
   * @param control the kill switch: checked before each trade, tripped by a limit
   * @return the records to store, one per record of {@code result}, in the same order
   */
  List<OpportunityRecord> trade(ScanResult result, KillSwitch control);

  /**
   * Why trades cannot start now (live trading paused until the order journal is reconciled), for
   * {@code /status} and {@code /health}; empty when they can.
   */
  default Optional<String> blocked() {
    return Optional.empty();
  }

  /**
   * What earlier executions still hold outside their start asset (live: found by reconciliation),
   * as {@code "<exchange> <amount> <ASSET>"}, for {@code /status}.
   */
  default List<String> holdings() {
    return List.of();
  }

  /**
   * Trades from now on under {@code risk} (a reload of the configuration); the day's totals are
   * kept.
   *
   * @return whether this step has risk limits to replace
   */
  default boolean reloadRisk(RiskConfig risk) {
    return false;
  }

  /** Cancels the orders that may still be open (the kill switch); what happened, for people. */
  default List<String> cancelOpenOrders() {
    return List.of();
  }
}
