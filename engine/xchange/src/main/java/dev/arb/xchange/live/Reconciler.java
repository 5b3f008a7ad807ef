package dev.arb.xchange.live;

import dev.arb.engine.model.Market;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.Reconciliation;
import dev.arb.engine.resilience.Retry;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash reconciliation: before live trading starts, every journal row not in a terminal state (an
 * order that was in flight when arb stopped) is resolved against its exchange: found by its
 * exchange order id (or by client id when it has none yet), cancelled if still open, and its final
 * fill written to the journal. A row whose exchange cannot be reached (or that cannot be found, on
 * an exchange without client-id lookup) stays unresolved and is reported as a problem: trading must
 * stay paused until a later attempt resolves it.
 *
 * <p>For every execution touched, what it holds in assets other than its start asset (the asset its
 * first order spent) is reported, computed from all its journaled fills.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private Reconciler() {}

  /** Resolves every unresolved journal row through {@code venues}. */
  public static Reconciliation reconcile(
      OrderJournal journal, List<LiveVenue> venues, Clock clock) {
    Map<String, LiveVenue> byName = new LinkedHashMap<>();
    venues.forEach(v -> byName.put(v.name(), v));
    List<JournalEntry> resolved = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> executions = new LinkedHashSet<>();
    for (JournalEntry e : journal.unresolved()) {
      executions.add(e.executionRef());
      LiveVenue v = byName.get(e.exchange());
      String what = describe(e);
      if (v == null) {
        problems.add(what + ": no trading set up for " + e.exchange() + "; cannot resolve it");
        continue;
      }
      try {
        Optional<String> problem = resolve(journal, v, e, clock, resolved);
        problem.ifPresent(p -> problems.add(what + ": " + p));
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        problems.add(what + ": interrupted");
        break;
      }
    }
    List<Holding> holdings = new ArrayList<>();
    for (String ref : executions) {
      holdings.addAll(Reconciliation.holdings(journal.forExecution(ref)));
    }
    for (JournalEntry r : resolved) {
      LOG.info("reconciled {}: {}", describe(r), r.state().code());
    }
    for (String p : problems) {
      LOG.warn("reconciliation: {}", p);
    }
    for (Holding h : holdings) {
      LOG.warn(
          "after reconciliation {} holds {} {} (not its start asset)",
          h.exchange(),
          h.amount().toPlainString(),
          h.asset());
    }
    return new Reconciliation(resolved, problems, holdings);
  }

  private static Optional<String> resolve(
      OrderJournal journal, LiveVenue v, JournalEntry e, Clock clock, List<JournalEntry> resolved)
      throws InterruptedException {
    VenueOrders orders = v.orders();
    Market m = market(e);
    VenueOrder s;
    if (e.venueOrderId().isPresent()) {
      Retry.Outcome<VenueOrder> q =
          v.reads().call(() -> orders.query(m, e.side(), e.venueOrderId().get()));
      if (!q.ok()) {
        return Optional.of("cannot reach " + e.exchange() + ": " + q.fault().message());
      }
      s = q.value();
    } else if (orders.traits().findsByClientId()) {
      Retry.Outcome<Optional<VenueOrder>> f =
          v.reads().call(() -> orders.findByClientId(m, e.side(), e.clientOrderId()));
      if (!f.ok()) {
        return Optional.of("cannot reach " + e.exchange() + ": " + f.fault().message());
      }
      if (f.value().isEmpty()) {
        JournalEntry r =
            e.with(
                OrderState.REJECTED,
                null,
                "not found on " + e.exchange() + " by client id: it never reached the exchange",
                clock.instant());
        journal.update(r);
        resolved.add(r);
        return Optional.empty();
      }
      s = f.value().get();
    } else {
      return Optional.of(
          e.exchange()
              + " cannot look orders up by client id and no order id was received; check the"
              + " exchange's open orders and trade history by hand");
    }
    if (s.open()) {
      String id = s.venueOrderId();
      Retry.Outcome<Boolean> c = v.reads().call(() -> orders.cancel(m, id));
      if (!c.ok()) {
        return Optional.of("still open and cannot be cancelled: " + c.fault().message());
      }
      Retry.Outcome<VenueOrder> q = v.reads().call(() -> orders.query(m, e.side(), id));
      if (!q.ok()) {
        return Optional.of("cancelled, then cannot be queried: " + q.fault().message());
      }
      s = q.value();
      if (s.open()) {
        return Optional.of("still open after it was cancelled");
      }
    }
    JournalEntry withId = e.with(e.state(), s.venueOrderId(), null, clock.instant());
    Settlement t = Settlement.of(e.side(), e.base(), e.quote(), e.amount(), s);
    JournalEntry r =
        withId
            .filled(
                t.state(),
                s.baseFilled(),
                t.spent(),
                t.received(),
                t.journalFee(),
                t.journalFeeAsset(),
                clock.instant())
            .with(t.state(), null, "reconciled after restart", clock.instant());
    journal.update(r);
    resolved.add(r);
    return Optional.empty();
  }

  /** The market of a journal row (rules are not needed to query or cancel). */
  static Market market(JournalEntry e) {
    return Market.of(e.exchange(), e.base(), e.quote(), BigDecimal.ZERO);
  }

  private static String describe(JournalEntry e) {
    return e.exchange()
        + " "
        + e.symbol()
        + " "
        + e.side().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + e.amount().toPlainString()
        + " (client order id "
        + e.clientOrderId()
        + e.venueOrderId().map(id -> ", order " + id).orElse("")
        + ", was "
        + e.state().code()
        + ")";
  }
}
