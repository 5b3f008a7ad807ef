package dev.arb.cli.daemon;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.OrderRequest;
import dev.arb.xchange.live.LiveOrderExecutor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Child process of {@link BinanceCrashReconcileIT}: places one live Binance order (buy BTCUSDT for
 * 1000 USDT at 110000, client order id {@code b1-1}) on the stand-in at {@code args[1]}, journaling
 * in {@code args[0]}; the stand-in holds the placement's answer back, so the child waits on it
 * until it is killed.
 */
public final class BinanceCrashChild {
  private BinanceCrashChild() {}

  static final Market BTC_USDT =
      new Market(
          "binance",
          Asset.of("BTC"),
          Asset.of("USDT"),
          new BigDecimal("0.001"),
          new BigDecimal("0.00001"),
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          BigDecimal.ZERO);

  /** Binance with test keys (never real ones), the stand-in's URL and a long read timeout. */
  static ExchangeConfig binance(String url) {
    return ExchangeConfig.builder("binance")
        .baseUrl(url)
        .keys(new SecretRef.Env("ARB_BINANCE_API_KEY"), new SecretRef.Env("ARB_BINANCE_API_SECRET"))
        .rateLimit(new BigDecimal("1000"))
        .requestTimeout(Duration.ofMinutes(5))
        .build();
  }

  static SecretResolver secrets() {
    return new SecretResolver(
        Map.of("ARB_BINANCE_API_KEY", "test-key", "ARB_BINANCE_API_SECRET", "test-secret"));
  }

  public static void main(String[] args) throws Exception {
    LiveOrderExecutor executor =
        CrashChildren.journaledExecutor(Path.of(args[0]), binance(args[1]), secrets());
    CrashChildren.started();
    executor.execute(
        new OrderRequest(
            "b1-1", new Leg(BTC_USDT, Side.BUY), new BigDecimal("1000"), new BigDecimal("110000")));
    System.out.println("finished");
  }
}
