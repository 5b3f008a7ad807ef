package dev.arb.engine.execution;

import dev.arb.error.VenueException;

/**
 * The outcome of a live order could not be learned: the exchange did not answer the placement, the
 * fill query or the cancel (timeout, connection reset, 5xx). The order may or may not have traded;
 * its journal row stays unresolved ({@code unknown}) for reconciliation. The execution must stop:
 * nothing after this order can be sized.
 */
public class OrderOutcomeUnknownException extends VenueException {
  private static final long serialVersionUID = 1L;

  private final String clientOrderId;

  public OrderOutcomeUnknownException(String clientOrderId, String message, Throwable cause) {
    super(message, cause);
    this.clientOrderId = clientOrderId;
  }

  /** arb's id of the order whose outcome is unknown. */
  public String clientOrderId() {
    return clientOrderId;
  }
}
