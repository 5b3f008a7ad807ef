package dev.arb.engine.paper;

import dev.arb.engine.execution.BookWalk;
import dev.arb.engine.execution.Books;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.OrderRequest;
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
 * #books()}.
 *
 * <p>The {@link PaperModel}: with a latency and the books as they are after it ({@code later}, a
 * replay's next snapshot), orders fill on those, while {@link #books()} (what a re-check sees)
 * stays the books the trader saw; with a slippage, every level's price is made worse by it before
 * the walk (and the order's limit with it, so the same levels qualify). Without either, a paper
 * fill is exactly the walk of the book the trader saw.
 */
public final class PaperOrderExecutor implements OrderExecutor {
  private Books books;
  private Books fillOn;
  private final boolean separate;
  private final PaperBalances balances;
  private final PaperModel model;

  /**
   * @param books what the simulated exchange's books look like when the orders arrive
   * @param balances the ledger, updated by every fill
   */
  public PaperOrderExecutor(Books books, PaperBalances balances) {
    this(books, Optional.empty(), balances, PaperModel.none());
  }

  /**
   * @param books the books the trader saw (what {@link #books()} returns)
   * @param later the books as they are after the model's latency, when known; used only when the
   *     latency is positive
   * @param balances the ledger, updated by every fill
   * @param model latency and slippage
   */
  public PaperOrderExecutor(
      Books books, Optional<Books> later, PaperBalances balances, PaperModel model) {
    this.books = books;
    this.separate = !model.latency().isZero() && later.isPresent();
    this.fillOn = separate ? later.get() : books;
    this.balances = balances;
    this.model = model;
  }

  /** The books as they are now, without the liquidity this executor's fills took. */
  public synchronized Books books() {
    return books;
  }

  @Override
  public synchronized Fill execute(OrderRequest request) {
    Leg leg = request.leg();
    String id = "paper-" + request.clientOrderId();
    Optional<OrderBook> book = fillOn.book(leg.market());
    if (book.isEmpty()) {
      return Fill.empty(leg, id, request.spend(), "no book of " + leg.market().id());
    }
    BigDecimal have = balances.balance(leg.exchange(), leg.from());
    BigDecimal spend = request.spend().min(have);
    if (spend.signum() <= 0) {
      return Fill.empty(
          leg, id, request.spend(), "no paper balance of " + leg.from() + " on " + leg.exchange());
    }
    BookWalk.Walk w =
        model.slippageBp().signum() == 0
            ? BookWalk.walk(leg, book.get(), spend, request.limitPrice())
            : BookWalk.walk(
                leg,
                slipped(book.get(), leg.side()),
                spend,
                request.limitPrice().multiply(factor(leg.side())));
    if (!w.filled()) {
      return Fill.empty(leg, id, request.spend(), w.problem());
    }
    balances.trade(leg.exchange(), leg.from(), w.spent(), leg.to(), w.received());
    OrderBook left = consume(book.get(), leg, w.baseAmount());
    fillOn = fillOn.with(left);
    if (separate) {
      books.book(leg.market()).ifPresent(b -> books = books.with(consume(b, leg, w.baseAmount())));
    } else {
      books = fillOn;
    }
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

  private BigDecimal factor(Side side) {
    return side == Side.BUY ? model.buyFactor() : model.sellFactor();
  }

  /** {@code book} with the prices of the side a {@code side} order walks made worse. */
  private OrderBook slipped(OrderBook book, Side side) {
    BigDecimal f = factor(side);
    List<BookLevel> walked = side == Side.SELL ? book.bids() : book.asks();
    List<BookLevel> worse = new ArrayList<>(walked.size());
    for (BookLevel l : walked) {
      worse.add(new BookLevel(l.price().multiply(f), l.amount()));
    }
    return side == Side.SELL
        ? new OrderBook(book.market(), worse, book.asks(), book.observedAt())
        : new OrderBook(book.market(), book.bids(), worse, book.observedAt());
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
