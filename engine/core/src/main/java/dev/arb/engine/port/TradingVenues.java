package dev.arb.engine.port;

import dev.arb.engine.record.Reconciliation;
import java.util.List;

/**
 * The exchanges live trading sends orders to, as the trading service uses them: the order executor
 * (every order written to the {@link OrderJournal} before it is sent), the kill switch's cancel,
 * crash reconciliation of the journal, and the accounts' balances. Paper trading needs none of it.
 */
public interface TradingVenues {

  /**
   * Places live orders, each journaled before it is sent. An order whose outcome cannot be learned
   * throws {@link dev.arb.engine.execution.OrderOutcomeUnknownException}; it stays unresolved in
   * the journal until {@link #reconcile} settles it.
   */
  OrderExecutor orders();

  /**
   * Cancels every journaled order that may still be open (the kill switch).
   *
   * @return what happened to each, for people
   */
  List<String> cancelOpen();

  /** Resolves every journal row not in a terminal state against its exchange. */
  Reconciliation reconcile();

  /** Each account's free balances; an exchange that cannot be read says why. */
  List<AccountBalances> balances();
}
