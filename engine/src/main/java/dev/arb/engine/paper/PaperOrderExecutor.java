package dev.arb.engine.paper;

import dev.arb.engine.execution.BookWalk;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.Fill;
import dev.arb.engine.execution.OrderRequest;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderExecutor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paper trading: fills each order against the given books level by level ({@link BookWalk}: taker
 * fee, lot size, minimums, the order's limit price), as far as the paper balance allows, and moves
 * the amounts in the {@link PaperBalances} ledger. Order ids are {@code paper-<client order id>}.
 *
 * <p>A fill takes the liquidity it used off the book: a later order of the same executor (the next
 * cycle of the same scan, or an unwind) sees what is left, and so does a re-check that reads {@link
 * #books()}. No slippage or latency model: a paper fill is exactly the walk of the book it sees.
 */
public final class PaperOrderExecutor implements OrderExecutor {
  private Books books;
  private final PaperBalances balances;

  /**
   * @param books what the simulated exchange's books look like when the orders arrive
   * @param balances the ledger, updated by every fill
   */
  public PaperOrderExecutor(Books books, PaperBalances balances) {
    this.books = books;
    this.balances = balances;
  }

  /** The books as they are now, without the liquidity this executor's fills took. */
  public synchronized Books books() {
    return books;
  }

  @Override
  public synchronized Fill execute(OrderRequest request) {
    Leg leg = request.leg();
    String id = "paper-" + request.clientOrderId();
    Optional<OrderBook> book = books.book(leg.market());
    if (book.isEmpty()) {
      return Fill.empty(leg, id, request.spend(), "no book of " + leg.market().id());
    }
    BigDecimal have = balances.balance(leg.exchange(), leg.from());
    BigDecimal spend = request.spend().min(have);
    if (spend.signum() <= 0) {
      return Fill.empty(
          leg, id, request.spend(), "no paper balance of " + leg.from() + " on " + leg.exchange());
    }
    BookWalk.Walk w = BookWalk.walk(leg, book.get(), spend, request.limitPrice());
    if (!w.filled()) {
      return Fill.empty(leg, id, request.spend(), w.problem());
    }
    balances.trade(leg.exchange(), leg.from(), w.spent(), leg.to(), w.received());
    books = books.with(consume(book.get(), leg, w.baseAmount()));
    String note = spend.compareTo(request.spend()) < 0 ? "paper balance short" : "";
    return new Fill(
        leg,
        id,
        request.spend(),
        w.spent(),
        w.received(),
        w.baseAmount(),
        w.averagePrice(),
        w.fee(),
        note);
  }

  /** {@code book} without {@code base} taken from the side {@code leg} walks, best level first. */
  static OrderBook consume(OrderBook book, Leg leg, BigDecimal base) {
    List<BookLevel> side = leg.side() == Side.SELL ? book.bids() : book.asks();
    List<BookLevel> left = new ArrayList<>();
    BigDecimal take = base;
    for (BookLevel l : side) {
      if (take.signum() <= 0) {
        left.add(l);
      } else if (l.amount().compareTo(take) > 0) {
        left.add(new BookLevel(l.price(), l.amount().subtract(take)));
        take = BigDecimal.ZERO;
      } else {
        take = take.subtract(l.amount());
      }
    }
    return leg.side() == Side.SELL
        ? new OrderBook(book.market(), left, book.asks(), book.observedAt())
        : new OrderBook(book.market(), book.bids(), left, book.observedAt());
  }
}
