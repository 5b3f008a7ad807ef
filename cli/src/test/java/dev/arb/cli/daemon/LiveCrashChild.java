package dev.arb.cli.daemon;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.ProfitThreshold;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.sizing.PlanPricer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.xchange.live.LiveOrderExecutor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link LiveCrashReconcileIT}: trades the cycle USDT → BTC → ETH → USDT live on
 * the Kraken stand-in at {@code args[1]}, journaling in {@code args[0]}, with a 10-minute order
 * timeout so that it waits on leg 2 (which the stand-in keeps open) until it is killed.
 */
public final class LiveCrashChild {
  static final BigDecimal FEE = new BigDecimal("0.0026");
  static final BigDecimal LOT = new BigDecimal("0.00000001");

  private LiveCrashChild() {}

  static Market market(String base, String quote) {
    return new Market(
        "kraken",
        Asset.of(base),
        Asset.of(quote),
        FEE,
        LOT,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO);
  }

  static OrderBook book(Market m, String bid, String ask) {
    return new OrderBook(
        m,
        List.of(BookLevel.of(bid, "50")),
        List.of(BookLevel.of(ask, "50")),
        Instant.parse("2026-11-24T08:00:00Z"));
  }

  /** Kraken with test keys (never real ones) and the stand-in's URL. */
  static ExchangeConfig kraken(String url) {
    return ExchangeConfig.builder("kraken")
        .baseUrl(url)
        .keys(new SecretRef.Env("ARB_KRAKEN_API_KEY"), new SecretRef.Env("ARB_KRAKEN_API_SECRET"))
        .build();
  }

  static SecretResolver secrets() {
    return new SecretResolver(
        Map.of("ARB_KRAKEN_API_KEY", "test-key", "ARB_KRAKEN_API_SECRET", "dGVzdC1zZWNyZXQ="));
  }

  public static void main(String[] args) throws Exception {
    LiveOrderExecutor executor =
        CrashChildren.journaledExecutor(Path.of(args[0]), kraken(args[1]), secrets());
    Market btcUsdt = market("BTC", "USDT");
    Market ethBtc = market("ETH", "BTC");
    Market ethUsdt = market("ETH", "USDT");
    List<OrderBook> books =
        List.of(
            book(btcUsdt, "109990", "110000"),
            book(ethBtc, "0.0399", "0.0400"),
            book(ethUsdt, "4462.53", "4470"));
    Cycle c =
        new Cycle(
            List.of(
                new Leg(btcUsdt, Side.BUY), new Leg(ethBtc, Side.BUY), new Leg(ethUsdt, Side.SELL)),
            1.006);
    TradePlan plan =
        ((SizingOutcome.Sized) PlanPricer.price(c, books, 1000, 0, new BigDecimal("1000"))).plan();
    CrashChildren.started();
    ExecutionPolicy.execute(
        plan, () -> Books.of(books), executor, ProfitThreshold.anyProfit(), "c1");
    System.out.println("finished");
  }
}
