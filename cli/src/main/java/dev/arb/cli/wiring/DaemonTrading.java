package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.TradingConfig;
import dev.arb.daemon.Daemon;
import dev.arb.daemon.ReplayFeed;
import dev.arb.daemon.SnapshotFeed;
import dev.arb.daemon.trade.PaperTrader;
import dev.arb.daemon.trade.TradingService;
import dev.arb.engine.port.RecordStore;
import dev.arb.error.ConfigException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trading of {@code arb run}'s daemon: paper orders with {@code --dry-run}, live orders with
 * {@code arb.trading.mode = live} (on the polled exchanges, else on every enabled one), else none
 * (opportunities are recorded only); and the trading service the followed chains' inventory trades
 * share with it.
 */
public final class DaemonTrading {
  private final ArbConfig cfg;
  private final Clock clock;
  // opened by the daemon's trading step once its store is open
  private final AtomicReference<TradingService> service = new AtomicReference<>();

  private DaemonTrading(ArbConfig cfg, Clock clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /**
   * Sets {@code daemon}'s trading step.
   *
   * @param live the exchanges polled ({@code --exchange}), empty when none is
   * @param feed the daemon's market data: a replay's books fill paper orders later by {@code
   *     arb.paper.latency}
   * @throws ConfigException before anything starts, for live trading without an exchange, a
   *     followed chain or an exchange's keys
   */
  public static DaemonTrading attach(
      Daemon daemon,
      ArbConfig cfg,
      List<ExchangeConfig> live,
      boolean dryRun,
      SnapshotFeed feed,
      Map<String, String> env,
      Clock clock) {
    DaemonTrading t = new DaemonTrading(cfg, clock);
    if (dryRun) {
      daemon.trading(
          store -> {
            PaperTrader paper = t.open(store).paper();
            if (feed instanceof ReplayFeed replay) {
              // arb.paper.latency: orders fill on the replay's books that follow by it
              paper.fillLater(replay::after);
            }
            return paper;
          });
    } else if (cfg.trading().mode() == TradingConfig.Mode.LIVE) {
      // the exchanges polled (with --exchange/--exchange-url), else every enabled one
      List<ExchangeConfig> tradeOn =
          (!live.isEmpty() ? live : List.copyOf(cfg.exchanges().values()))
              .stream().filter(ExchangeConfig::enabled).toList();
      if (tradeOn.isEmpty() && ChainFollowers.followed(cfg).isEmpty()) {
        throw new ConfigException(
            "config: arb.trading.mode = live needs at least one exchange under arb.exchanges, with"
                + " its api-key and api-secret");
      }
      // refuse before anything starts when a key is missing (exit 2, nothing done)
      Exchanges.requireKeys(tradeOn, env);
      // follow.inventory trades its book legs through the live trader below: it needs exchanges
      ChainFollowers.requireLiveExchanges(cfg, !tradeOn.isEmpty());
      // no exchange but followed chains: live applies to the chains only
      if (!tradeOn.isEmpty()) {
        daemon.trading(
            store ->
                t.open(store)
                    .live(
                        Exchanges.trading(
                            cfg, tradeOn, env, clock, store.orderJournalOfHeldAccounts()),
                        tradeOn.stream().map(ExchangeConfig::name).toList()));
      }
    }
    return t;
  }

  private TradingService open(RecordStore store) {
    TradingService s = TradingService.open(store, cfg, clock);
    service.set(s);
    return s;
  }

  /**
   * The daemon's trading service once its trading step opened it (the live trader: the same orders,
   * journal, limits and kill switch; or the paper trader), else a stored paper ledger of its own on
   * {@code store}.
   */
  public TradingService service(RecordStore store) {
    TradingService s = service.get();
    return s != null ? s : TradingService.open(store, cfg, clock);
  }
}
