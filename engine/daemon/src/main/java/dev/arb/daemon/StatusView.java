package dev.arb.daemon;

import dev.arb.config.ArbConfig;
import dev.arb.daemon.chain.ChainFollower;
import dev.arb.daemon.chain.ChainStatus;
import dev.arb.daemon.chat.ChatStatus;
import dev.arb.daemon.chat.TelegramBot;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.port.VenueHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /status} document ({@link StatusJson}): state, uptime, the data seen per exchange
 * (with the live exchanges' health and streams), the streaming runner (events, decisions,
 * tick-to-decision latency of the last minute), the records written and queued, the reloadable
 * settings in force and how the last reload went, and what trading is blocked by or still holds.
 */
final class StatusView {
  private final ArbConfig config;
  private final Lifecycle lifecycle;
  private final DaemonStats stats;
  private final StreamStatus stream;
  private final SnapshotFeed feed;
  private final Running running;
  private final Clock clock;
  private final ConfigReload reload;

  StatusView(
      ArbConfig config,
      Lifecycle lifecycle,
      DaemonStats stats,
      StreamStatus stream,
      SnapshotFeed feed,
      Running running,
      Clock clock,
      ConfigReload reload) {
    this.config = config;
    this.lifecycle = lifecycle;
    this.stats = stats;
    this.stream = stream;
    this.feed = feed;
    this.running = running;
    this.clock = clock;
    this.reload = reload;
  }

  private Map<String, ChainStatus> chains(Instant now) {
    List<ChainFollower> followed = running.chains;
    if (followed.isEmpty()) {
      return null;
    }
    Map<String, ChainStatus> out = new LinkedHashMap<>();
    followed.forEach(f -> out.put(f.chain(), f.status(now)));
    return out;
  }

  /**
   * The age now of an exchange's newest book, in seconds, exactly as {@code /status} gives it
   * ({@code data.exchanges.NAME.age_seconds}); null when it has given none.
   */
  Double bookAgeSeconds(String exchange) {
    Instant now = clock.instant();
    StatusJson.Exchange e =
        withLiveExchanges(stats.view(now, feed.describe()).data().exchanges(), now).get(exchange);
    return e == null ? null : e.ageSeconds();
  }

  /** The {@code /status} document now. */
  StatusJson json() {
    Instant now = clock.instant();
    Instant startedAt = running.startedAt;
    DaemonStats.View v = stats.view(now, feed.describe());
    StatusJson.Data d = v.data();
    StatusJson.Data data =
        new StatusJson.Data(
            d.source(),
            d.snapshots(),
            d.lastInput(),
            d.receivedAt(),
            d.asOf(),
            d.ageSeconds(),
            d.books(),
            d.ended(),
            withLiveExchanges(d.exchanges(), now));
    TradeStep t = running.trader;
    TelegramBot bot = running.chat;
    return new StatusJson(
        lifecycle.state().code(),
        lifecycle.killSwitch(),
        startedAt,
        startedAt == null ? 0 : seconds(Duration.between(startedAt, now)),
        now,
        data,
        v.lastScan(),
        v.scans(),
        v.opportunitiesFound(),
        v.opportunitiesNotRecorded(),
        v.errors(),
        v.recovery(),
        stream.status(System.nanoTime()),
        new StatusJson.Records(
            running.accepted(),
            running.written(),
            running.queued(),
            running.spilled(),
            running.storageFailure().orElse(null),
            config.storage().postgres().isPresent() ? "postgresql" : "sqlite",
            database(config)),
        reload.status(),
        t == null ? null : new StatusJson.Trading(t.blocked().orElse(null), t.holdings()),
        chains(now),
        bot == null ? ChatStatus.off() : bot.status(),
        publishers());
  }

  private java.util.List<StatusJson.Publisher> publishers() {
    java.util.List<PublisherStatus> all = feed.publishers();
    if (all.isEmpty()) {
      return null;
    }
    return all.stream()
        .map(
            p ->
                new StatusJson.Publisher(
                    p.name(),
                    p.channel(),
                    p.connected(),
                    p.lastMessageAgeMillis().orElse(null),
                    p.markets(),
                    p.staleMarkets(),
                    p.messages(),
                    p.gaps(),
                    p.resyncs()))
        .toList();
  }

  /**
   * Where records go, for people: the SQLite file, or the PostgreSQL URL without a user or password
   * (neither in a {@code user:password@} part nor as {@code user=} / {@code password=} parameters).
   */
  static String database(ArbConfig config) {
    return config
        .storage()
        .postgres()
        .map(p -> withoutCredentials(p.url()))
        .orElseGet(() -> config.databaseFile().toString());
  }

  static String withoutCredentials(String url) {
    String u = url.replaceFirst("^(jdbc:postgresql://)[^/@?]*@", "$1");
    int q = u.indexOf('?');
    if (q < 0) {
      return u;
    }
    java.util.List<String> kept = new java.util.ArrayList<>();
    for (String param : u.substring(q + 1).split("&")) {
      String key = param.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
      if (!key.equals("user") && !key.equals("password")) {
        kept.add(param);
      }
    }
    return u.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  /**
   * The per-exchange data of the last snapshot with the live exchanges' health added (a live
   * exchange missing from the snapshot comes after those in it). A live exchange that is down, or
   * not in the snapshot, is as old as its last usable book.
   */
  private Map<String, StatusJson.Exchange> withLiveExchanges(
      Map<String, StatusJson.Exchange> fromSnapshot, Instant now) {
    Map<String, StatusJson.Exchange> out = new LinkedHashMap<>(fromSnapshot);
    for (ExchangeStatus e : feed.exchanges()) {
      StatusJson.Exchange seen = out.get(e.name());
      Double age = seen == null ? null : seen.ageSeconds();
      if (seen == null || e.noDataSince().isPresent()) {
        age = e.lastDataAt().map(t -> seconds(Duration.between(t, now))).orElse(null);
      }
      StatusJson.Live live =
          new StatusJson.Live(
              e.health().map(h -> h.state().code()).orElse("unknown"),
              e.health().map(h -> h.feed().code()).orElse("poll"),
              e.noDataSince().isPresent(),
              e.lastDataAt().orElse(null),
              e.noDataSince().orElse(null),
              e.health().map(VenueHealth::problems).orElse(0),
              e.health().flatMap(VenueHealth::lastError).orElse(null),
              e.health().flatMap(VenueHealth::retryAt).orElse(null),
              e.problems(),
              e.retries(),
              e.health().flatMap(VenueHealth::stream).map(st -> stream(st, now)).orElse(null));
      out.put(
          e.name(),
          new StatusJson.Exchange(
              seen == null ? 0 : seen.books(), seen == null ? null : seen.newestBook(), age, live));
    }
    return out;
  }

  /** The order-book stream's counters of one exchange. */
  private static StatusJson.Stream stream(VenueHealth.Stream st, Instant now) {
    return new StatusJson.Stream(
        st.connected(),
        st.reconnects(),
        st.gaps(),
        st.lastMessageAt().orElse(null),
        st.lastMessageAt().map(t -> seconds(Duration.between(t, now))).orElse(null));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
