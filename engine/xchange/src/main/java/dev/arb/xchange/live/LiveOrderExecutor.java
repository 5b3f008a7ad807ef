package dev.arb.xchange.live;

import dev.arb.engine.execution.OrderOutcomeUnknownException;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.Sleeper;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live trading: each order is a limit order at the request's limit price with immediate-or-cancel
 * semantics (the exchange's IOC flag, or place then cancel what did not fill at once), never a
 * market order.
 *
 * <p>For each order:
 *
 * <ol>
 *   <li>The spend is converted into a base amount, rounded down to the market's lot size (a buy
 *       keeps room for a quote-asset fee at the market's taker fee). An amount that rounds to
 *       nothing or is below the minimum is an empty fill, nothing is sent.
 *   <li>A journal row is written (state {@code intent}) before anything is sent.
 *   <li>The order is placed once. A rejection (the exchange answered no) is an empty fill with the
 *       exchange's message. No answer (timeout, connection reset, 5xx): on an exchange that finds
 *       orders by client id, arb looks the order up and either adopts it or, only when it did not
 *       land, sends it again (at most {@link Options#placeAttempts} sends; still not found after
 *       the last: unknown, for reconciliation to look up again); elsewhere the outcome is unknown.
 *   <li>The order is queried (retried with backoff) until it is closed; if it is still open after
 *       the order timeout it is cancelled, and queried again for the final fill.
 *   <li>The journal row gets the final state ({@code filled}, {@code partial}, {@code cancelled},
 *       {@code rejected}) and the exact amounts.
 * </ol>
 *
 * An outcome that cannot be learned is an {@link OrderOutcomeUnknownException}; the journal row
 * stays {@code unknown} for the {@link Reconciler}.
 *
 * <p>Fills: {@code spent}, {@code received} and the base amount are exactly what the exchange
 * reports ({@link Settlement}). Kraken, Coinbase and Bitstamp charge the fee in the quote asset;
 * for a buy (fee due in the base asset in arb's {@link Fill}) it is the quote fee valued at the
 * fill's average price, to 18 decimals. Binance charges a buy's fee in the base asset and a sell's
 * in the quote asset, or in BNB: a BNB fee is passed on as the fill's {@link Fill#otherFee} and
 * valued by the execution policy.
 */
public final class LiveOrderExecutor implements OrderExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(LiveOrderExecutor.class);
  private static final int SCALE = 18;

  private final Map<String, LiveVenue> venues = new LinkedHashMap<>();
  private final OrderJournal journal;
  private final Options options;

  /**
   * How orders are tracked.
   *
   * @param orderTimeout how long an order may stay open before it is cancelled
   * @param pollInterval wait between two queries of an open order
   * @param placeAttempts most placements of one order (re-sent only after a lookup by client id
   *     found nothing), at least 1
   * @param clock journal times
   * @param nanoTime monotonic clock of the timeout
   * @param sleeper how waits happen
   */
  public record Options(
      Duration orderTimeout,
      Duration pollInterval,
      int placeAttempts,
      Clock clock,
      LongSupplier nanoTime,
      Sleeper sleeper) {
    public Options {
      if (orderTimeout.isNegative() || pollInterval.isNegative() || placeAttempts < 1) {
        throw new IllegalArgumentException(
            "order timeout and poll interval must not be negative, place attempts at least 1");
      }
    }

    /** Production: cancel after 10 s, poll every 250 ms, at most 2 placements. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(10),
          Duration.ofMillis(250),
          2,
          Clock.systemUTC(),
          System::nanoTime,
          Sleeper.SYSTEM);
    }
  }

  /**
   * @param venues the exchanges orders may go to
   * @param journal where every order is written before it is sent
   * @param options timeouts and clocks
   */
  public LiveOrderExecutor(List<LiveVenue> venues, OrderJournal journal, Options options) {
    for (LiveVenue v : venues) {
      this.venues.put(v.name(), v);
    }
    this.journal = journal;
    this.options = options;
  }

  /** The exchanges this executor trades on. */
  public List<String> exchanges() {
    return List.copyOf(venues.keySet());
  }

  @Override
  public Fill execute(OrderRequest request) {
    Leg leg = request.leg();
    Market m = leg.market();
    LiveVenue v = venues.get(leg.exchange());
    if (v == null) {
      throw new VenueException(
          "live: no trading set up for exchange "
              + leg.exchange()
              + " (order "
              + request.clientOrderId()
              + " on "
              + m.id()
              + "); enable it with its API key and secret");
    }
    try {
      Retry.Outcome<Boolean> ready =
          v.reads()
              .call(
                  () -> {
                    v.orders().prepare();
                    return true;
                  });
      if (!ready.ok()) {
        return Fill.empty(
            leg,
            "",
            request.spend(),
            v.name() + " not reachable, order not sent: " + ready.fault().message());
      }
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      return Fill.empty(leg, "", request.spend(), "interrupted before sending");
    }
    BigDecimal base = size(request, v.orders().traits().buyFeeInBase());
    String tooSmall = tooSmall(m, base, request.limitPrice());
    if (tooSmall != null) {
      return Fill.empty(leg, "", request.spend(), tooSmall);
    }
    JournalEntry e =
        JournalEntry.intent(
            request.clientOrderId(),
            executionRef(request.clientOrderId()),
            leg.exchange(),
            m.base().code(),
            m.quote().code(),
            leg.side(),
            base,
            request.limitPrice(),
            options.clock().instant());
    journal.insert(e);
    try {
      return run(v, request, base, e);
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw unknown(e, journal.find(e.clientOrderId()).orElse(e), "interrupted", x);
    }
  }

  private Fill run(LiveVenue v, OrderRequest r, BigDecimal base, JournalEntry e)
      throws InterruptedException {
    Leg leg = r.leg();
    Market m = leg.market();
    VenueOrders orders = v.orders();
    String venueId = null;
    VenueOrder adopted = null;
    for (int attempt = 1; venueId == null; attempt++) {
      Retry.Outcome<String> o =
          v.once().call(() -> orders.place(m, leg.side(), base, r.limitPrice(), r.clientOrderId()));
      if (o.ok()) {
        venueId = o.value();
        break;
      }
      Fault f = o.fault();
      if (!unknownOutcome(f)) {
        String msg = orders.name() + " rejected the order: " + f.message();
        journal.update(e.with(OrderState.REJECTED, null, msg, now()));
        LOG.info("{} {}: {}", r.clientOrderId(), m.id(), msg);
        return Fill.empty(leg, "", r.spend(), msg);
      }
      String why = "placement not answered: " + f.message();
      if (!orders.traits().findsByClientId()) {
        throw unknown(
            e, e, why + "; " + orders.name() + " cannot look orders up by client id", null);
      }
      Retry.Outcome<Optional<VenueOrder>> found =
          v.reads().call(() -> orders.findByClientId(m, leg.side(), r.clientOrderId()));
      if (!found.ok()) {
        throw unknown(
            e, e, why + "; the lookup by client id failed: " + found.fault().message(), null);
      }
      if (found.value().isPresent()) {
        adopted = found.value().get();
        venueId = adopted.venueOrderId();
        LOG.info("{}: the unanswered placement landed as {}", r.clientOrderId(), venueId);
        break;
      }
      if (attempt >= options.placeAttempts()) {
        // not found now; it may still land late: reconciliation looks it up again
        throw unknown(e, e, why + "; not found by client id after " + attempt + " sends", null);
      }
      LOG.info(
          "{}: placement not answered and not found by client id; sending again",
          r.clientOrderId());
    }
    JournalEntry sent = e.with(OrderState.SENT, venueId, null, now());
    journal.update(sent);
    VenueOrder s = track(v, m, leg.side(), venueId, adopted, sent);
    return settle(r, base, s, sent, journal, options.clock());
  }

  /** Queries until closed, cancelling after the timeout (at once without a native IOC flag). */
  private VenueOrder track(
      LiveVenue v, Market m, Side side, String venueId, VenueOrder first, JournalEntry sent)
      throws InterruptedException {
    VenueOrders orders = v.orders();
    long timeout = options.orderTimeout().toNanos();
    long start = options.nanoTime().getAsLong();
    boolean cancelled = false;
    long cancelledAt = 0;
    VenueOrder s = first;
    while (true) {
      if (!cancelled && !orders.traits().nativeImmediateOrCancel()) {
        cancel(v, m, venueId, sent, "immediate-or-cancel");
        cancelled = true;
        cancelledAt = options.nanoTime().getAsLong();
      }
      if (s == null || s.open()) {
        Retry.Outcome<VenueOrder> q = v.reads().call(() -> orders.query(m, side, venueId));
        if (!q.ok()) {
          throw unknown(
              sent, sent, "cannot query order " + venueId + ": " + q.fault().message(), null);
        }
        s = q.value();
      }
      if (!s.open()) {
        return s;
      }
      long now = options.nanoTime().getAsLong();
      if (!cancelled && now - start >= timeout) {
        cancel(
            v, m, venueId, sent, "still open after " + options.orderTimeout().toMillis() + " ms");
        cancelled = true;
        cancelledAt = now;
        s = null;
        continue;
      }
      if (cancelled && now - cancelledAt >= Math.max(timeout, options.pollInterval().toNanos())) {
        throw unknown(sent, sent, "order " + venueId + " still open after it was cancelled", null);
      }
      options.sleeper().sleepNanos(options.pollInterval().toNanos());
      s = null;
    }
  }

  private void cancel(LiveVenue v, Market m, String venueId, JournalEntry sent, String why)
      throws InterruptedException {
    Retry.Outcome<Boolean> c = v.reads().call(() -> v.orders().cancel(m, venueId));
    if (!c.ok()) {
      throw unknown(
          sent,
          sent,
          "cannot cancel order " + venueId + " (" + why + "): " + c.fault().message(),
          null);
    }
    LOG.info(
        "{}: cancelled {} ({}){}",
        sent.clientOrderId(),
        venueId,
        why,
        c.value() ? "" : ", already closed");
  }

  /** The fill of a closed order, journaled with its final state. */
  static Fill settle(
      OrderRequest r,
      BigDecimal ordered,
      VenueOrder s,
      JournalEntry sent,
      OrderJournal journal,
      Clock clock) {
    Leg leg = r.leg();
    Market m = leg.market();
    Settlement t = Settlement.of(leg.side(), m.base().code(), m.quote().code(), ordered, s);
    BigDecimal base = s.baseFilled();
    String note = "";
    if (t.state() != OrderState.FILLED) {
      note =
          "immediate-or-cancel: "
              + base.stripTrailingZeros().toPlainString()
              + " of "
              + ordered.toPlainString()
              + " "
              + m.base()
              + " filled"
              + (s.note().isEmpty() ? "" : " (" + s.note() + ")");
    }
    journal.update(
        sent.filled(
                t.state(),
                base,
                t.spent(),
                t.received(),
                t.journalFee(),
                t.journalFeeAsset(),
                clock.instant())
            .with(t.state(), s.venueOrderId(), note.isEmpty() ? null : note, clock.instant()));
    BigDecimal requested = r.spend().max(t.spent());
    return new Fill(
        leg,
        s.venueOrderId(),
        requested,
        t.spent(),
        t.received(),
        base,
        Settlement.price(base, s.quoteFilled()),
        t.feeInReceived(),
        note,
        s.otherFee());
  }

  /** Base amount the request can buy or sell, rounded down to the lot size. */
  static BigDecimal size(OrderRequest r, boolean buyFeeInBase) {
    Market m = r.leg().market();
    BigDecimal raw;
    if (r.leg().side() == Side.SELL) {
      raw = r.spend();
    } else {
      BigDecimal perBase =
          buyFeeInBase ? r.limitPrice() : r.limitPrice().multiply(BigDecimal.ONE.add(m.takerFee()));
      raw = r.spend().divide(perBase, SCALE, RoundingMode.DOWN);
    }
    if (m.lotSize().signum() > 0) {
      return raw.divideToIntegralValue(m.lotSize()).multiply(m.lotSize()).stripTrailingZeros();
    }
    return raw.setScale(8, RoundingMode.DOWN).stripTrailingZeros();
  }

  private static String tooSmall(Market m, BigDecimal base, BigDecimal price) {
    if (base.signum() <= 0) {
      return "amount rounds to zero at lot size " + m.lotSize().toPlainString() + "; not sent";
    }
    if (m.minAmount().signum() > 0 && base.compareTo(m.minAmount()) < 0) {
      return "amount "
          + base.toPlainString()
          + " "
          + m.base()
          + " below the minimum "
          + m.minAmount().toPlainString()
          + "; not sent";
    }
    if (m.minNotional().signum() > 0 && base.multiply(price).compareTo(m.minNotional()) < 0) {
      return "value below the minimum "
          + m.minNotional().toPlainString()
          + " "
          + m.quote()
          + "; not sent";
    }
    return null;
  }

  /** No answer at all, or one that says the exchange could not handle it: the order may exist. */
  static boolean unknownOutcome(Fault f) {
    if (f.kind().retryable() || f.kind() == Fault.Kind.MALFORMED) {
      return true;
    }
    // Kraken's EService:Unavailable / EService:Busy, Bitstamp's "Internal server error" in a 200
    String m = f.message();
    return m.contains("EService:") || m.contains("Internal server error");
  }

  private OrderOutcomeUnknownException unknown(
      JournalEntry intent, JournalEntry current, String why, Throwable cause) {
    String msg =
        intent.exchange()
            + " "
            + intent.symbol()
            + " "
            + intent.side().name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + intent.amount().toPlainString()
            + " @ "
            + intent.limitPrice().toPlainString()
            + " (client order id "
            + intent.clientOrderId()
            + current.venueOrderId().map(id -> ", order " + id).orElse("")
            + "): outcome unknown, "
            + why
            + "; arb resolves it against the exchange before it trades again";
    journal.update(current.with(OrderState.UNKNOWN, null, why, now()));
    LOG.warn("{}", msg);
    return new OrderOutcomeUnknownException(intent.clientOrderId(), msg, cause);
  }

  private java.time.Instant now() {
    return options.clock().instant();
  }

  /** The execution an order belongs to: its client id without the last {@code -<n>} part. */
  static String executionRef(String clientOrderId) {
    int i = clientOrderId.lastIndexOf('-');
    return i > 0 ? clientOrderId.substring(0, i) : clientOrderId;
  }

  /**
   * Cancels every journaled order that may still be open ({@code sent}), for the kill switch.
   *
   * @return what happened to each, for people
   */
  public List<String> cancelOpen() {
    List<String> out = new ArrayList<>();
    for (JournalEntry e : journal.unresolved()) {
      if (e.state() != OrderState.SENT || e.venueOrderId().isEmpty()) {
        continue;
      }
      LiveVenue v = venues.get(e.exchange());
      if (v == null) {
        out.add(e.clientOrderId() + ": no trading set up for " + e.exchange());
        continue;
      }
      Market m = Reconciler.market(e);
      try {
        Retry.Outcome<Boolean> c =
            v.reads().call(() -> v.orders().cancel(m, e.venueOrderId().get()));
        out.add(
            e.clientOrderId()
                + " ("
                + e.exchange()
                + " "
                + e.venueOrderId().get()
                + "): "
                + (c.ok()
                    ? (c.value() ? "cancelled" : "already closed")
                    : "cancel failed: " + c.fault().message()));
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        out.add(e.clientOrderId() + ": interrupted");
        break;
      }
    }
    return out;
  }
}
