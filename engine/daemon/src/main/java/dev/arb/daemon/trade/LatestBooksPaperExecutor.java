package dev.arb.daemon.trade;

import dev.arb.engine.execution.Books;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.OrderRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Paper orders on the daemon's latest books: a {@link PaperOrderExecutor} on the books {@code
 * latest} gives, made again whenever the daemon has scanned newer books (so the fills of one set of
 * books take its liquidity, as the daemon's paper trades do), every fill moving {@code ledger}.
 */
final class LatestBooksPaperExecutor implements OrderExecutor {
  private final Supplier<List<OrderBook>> latest;
  private final PaperBalances ledger;
  private List<OrderBook> seen;
  private PaperOrderExecutor current;

  LatestBooksPaperExecutor(Supplier<List<OrderBook>> latest, PaperBalances ledger) {
    this.latest = Objects.requireNonNull(latest, "latest");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  private PaperOrderExecutor current() {
    List<OrderBook> now = latest.get();
    if (current == null || now != seen) {
      seen = now;
      current = new PaperOrderExecutor(Books.of(now), ledger);
    }
    return current;
  }

  /** The books as they are now, without what this executor's fills took. */
  synchronized Books books() {
    return current().books();
  }

  @Override
  public synchronized Fill execute(OrderRequest request) {
    return current().execute(request);
  }
}
