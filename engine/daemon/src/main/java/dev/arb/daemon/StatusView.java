package dev.arb.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.ArbConfig;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.port.VenueHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code /status} document: state, uptime, the data seen per exchange (with the live exchanges'
 * health and streams), the streaming runner (events, decisions, tick-to-decision latency of the
 * last minute), the records written and queued, and what trading is blocked by or still holds.
 */
final class StatusView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArbConfig config;
  private final Lifecycle lifecycle;
  private final DaemonStats stats;
  private final StreamStatus stream;
  private final SnapshotFeed feed;
  private final Running running;
  private final Clock clock;

  StatusView(
      ArbConfig config,
      Lifecycle lifecycle,
      DaemonStats stats,
      StreamStatus stream,
      SnapshotFeed feed,
      Running running,
      Clock clock) {
    this.config = config;
    this.lifecycle = lifecycle;
    this.stats = stats;
    this.stream = stream;
    this.feed = feed;
    this.running = running;
    this.clock = clock;
  }

  /** The {@code /status} document now. */
  ObjectNode json() {
    Instant now = clock.instant();
    Instant startedAt = running.startedAt;
    ObjectNode n = JSON.createObjectNode();
    n.put("state", lifecycle.state().code());
    n.put("kill_switch", lifecycle.killSwitch());
    n.put("started_at", startedAt == null ? null : startedAt.toString());
    n.put(
        "uptime_seconds",
        startedAt == null ? 0 : Duration.between(startedAt, now).toMillis() / 1000.0);
    n.put("now", now.toString());
    stats.write(n, now, feed.describe());
    writeExchanges((ObjectNode) n.get("data").get("exchanges"), now);
    stream.write(n, System.nanoTime());
    ObjectNode rec = n.putObject("records");
    rec.put("written", running.written());
    rec.put("queued", running.queued());
    rec.put("database", config.databaseFile().toString());
    TradeStep t = running.trader;
    if (t != null) {
      ObjectNode tr = n.putObject("trading");
      tr.put("blocked", t.blocked().orElse(null));
      var held = tr.putArray("holdings");
      t.holdings().forEach(held::add);
    }
    return n;
  }

  /** Adds the live exchanges' health to the per-exchange data of the status. */
  private void writeExchanges(ObjectNode exchanges, Instant now) {
    for (ExchangeStatus e : feed.exchanges()) {
      ObjectNode x =
          exchanges.has(e.name())
              ? (ObjectNode) exchanges.get(e.name())
              : exchanges.putObject(e.name());
      x.put("health", e.health().map(h -> h.state().code()).orElse("unknown"));
      x.put("feed", e.health().map(h -> h.feed().code()).orElse("poll"));
      x.put("down", e.noDataSince().isPresent());
      if (!x.has("books")) {
        x.put("books", 0);
      }
      if (!x.has("age_seconds") || e.noDataSince().isPresent()) {
        if (e.lastDataAt().isPresent()) {
          x.put("age_seconds", Duration.between(e.lastDataAt().get(), now).toMillis() / 1000.0);
        } else {
          x.putNull("age_seconds");
        }
      }
      x.put("last_data_at", e.lastDataAt().map(Instant::toString).orElse(null));
      x.put("no_data_since", e.noDataSince().map(Instant::toString).orElse(null));
      x.put("problems", e.health().map(h -> h.problems()).orElse(0));
      x.put("last_error", e.health().flatMap(h -> h.lastError()).orElse(null));
      x.put("retry_at", e.health().flatMap(h -> h.retryAt()).map(Instant::toString).orElse(null));
      x.put("api_errors_total", e.problems());
      x.put("api_retries_total", e.retries());
      e.health()
          .flatMap(VenueHealth::stream)
          .ifPresent(st -> writeStream(x.putObject("stream"), st, now));
    }
  }

  /** The order-book stream's counters of one exchange, in the status. */
  private static void writeStream(ObjectNode x, VenueHealth.Stream st, Instant now) {
    x.put("connected", st.connected());
    x.put("reconnects", st.reconnects());
    x.put("gaps", st.gaps());
    x.put("last_message_at", st.lastMessageAt().map(Instant::toString).orElse(null));
    if (st.lastMessageAt().isPresent()) {
      x.put(
          "last_message_age_seconds",
          Duration.between(st.lastMessageAt().get(), now).toMillis() / 1000.0);
    } else {
      x.putNull("last_message_age_seconds");
    }
  }
}
