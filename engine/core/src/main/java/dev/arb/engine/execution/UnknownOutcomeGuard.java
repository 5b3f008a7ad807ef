package dev.arb.engine.execution;

import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.OrderRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the execution policy stop and unwind when an order's outcome is unknown: an {@link
 * OrderOutcomeUnknownException} becomes an empty fill whose note says so (and which order it was),
 * and is remembered. The policy then sells back what it knows it holds; if the exchange is down,
 * those orders are unknown too, and the execution ends {@code stranded}, naming what is held. The
 * unknown orders stay unresolved in the journal until the reconciliation settles them, so the
 * caller must pause trading when {@link #unknown()} is not empty.
 */
public final class UnknownOutcomeGuard implements OrderExecutor {
  private final OrderExecutor delegate;
  private final List<OrderOutcomeUnknownException> unknown = new ArrayList<>();

  public UnknownOutcomeGuard(OrderExecutor delegate) {
    this.delegate = delegate;
  }

  @Override
  public Fill execute(OrderRequest request) {
    try {
      return delegate.execute(request);
    } catch (OrderOutcomeUnknownException e) {
      synchronized (unknown) {
        unknown.add(e);
      }
      return Fill.empty(request.leg(), "", request.spend(), e.getMessage());
    }
  }

  /** The orders whose outcome could not be learned, in order. */
  public List<OrderOutcomeUnknownException> unknown() {
    synchronized (unknown) {
      return List.copyOf(unknown);
    }
  }
}
