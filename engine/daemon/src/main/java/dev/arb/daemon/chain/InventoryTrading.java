package dev.arb.daemon.chain;

import dev.arb.daemon.trade.InventoryDesk;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.TradingService;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.model.OrderBook;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the chain followers of {@code arb run} trade CEX–DEX cycles from inventory: through the
 * daemon's own trading service ({@link TradingService#inventoryDesk}: the live trader's orders,
 * journal and reconciliation in live mode, the paper ledger otherwise; the risk limits of {@code
 * arb.risk} and the kill switch either way), on the daemon's latest books. The wiring builds one
 * and hands it to the followers; the desk is made once, when the first inventory trader is.
 */
public final class InventoryTrading {
  private final Supplier<TradingService> trading;
  private final Supplier<List<OrderBook>> books;
  private final KillSwitch control;
  private InventoryDesk desk;

  /**
   * @param trading the daemon's trading service (asked once, when the first trader is made)
   * @param books the books of the latest snapshot the daemon scanned
   * @param control the daemon's kill switch
   */
  public InventoryTrading(
      Supplier<TradingService> trading, Supplier<List<OrderBook>> books, KillSwitch control) {
    this.trading = Objects.requireNonNull(trading, "trading");
    this.books = Objects.requireNonNull(books, "books");
    this.control = Objects.requireNonNull(control, "control");
  }

  /** The daemon's latest books. */
  public Supplier<List<OrderBook>> books() {
    return books;
  }

  /**
   * An inventory trader whose pool legs go through {@code dex}.
   *
   * @param send whether the chain's transactions are sent (live); must match the daemon's trading
   * @param slippageBp how much less than planned a swap may receive, basis points
   * @throws IllegalStateException when the daemon's trading is live and {@code send} is not, or the
   *     other way round (book legs live with swaps only simulated, or the reverse)
   */
  public synchronized InventoryTrader trader(DexLegs dex, int slippageBp, boolean send) {
    if (desk == null) {
      desk = trading.get().inventoryDesk(books);
    }
    if (desk.live() != send) {
      throw new IllegalStateException(
          "inventory trading: the book legs trade "
              + (desk.live() ? "live" : "on paper")
              + " but the chain's swaps are "
              + (send ? "sent" : "only simulated"));
    }
    return new InventoryTrader(desk, dex, slippageBp, control);
  }
}
