package dev.arb.xchange.live;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.ProfitThreshold;
import dev.arb.engine.execution.UnknownOutcomeGuard;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.xchange.coinbase.advanced.TestCdpKeys;
import dev.arb.xchange.spi.VenueOrders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving each test the live executor on one exchange's stand-in: a WireMock
 * server on 127.0.0.1, the exchange configured against it with test keys, an in-memory journal, and
 * the executor (plain and behind an {@link UnknownOutcomeGuard}). Started before each test, stopped
 * after it. Use with {@code @RegisterExtension}; the test adds only its exchange's answers.
 */
final class LiveExchange implements BeforeEachCallback, AfterEachCallback {

  private final Function<WireMockServer, ExchangeConfig> config;
  private final SecretResolver secrets;
  private final Consumer<WireMockServer> publicData;

  private Path dir;
  private WireMockServer server;
  private MemoryJournal journal;
  private VenueOrders orders;
  private LiveOrderExecutor executor;
  private UnknownOutcomeGuard guarded;

  private LiveExchange(
      Function<WireMockServer, ExchangeConfig> config,
      SecretResolver secrets,
      Consumer<WireMockServer> publicData) {
    this.config = config;
    this.secrets = secrets;
    this.publicData = publicData;
  }

  /** Kraken, its public pair and asset lists served before the venue connects. */
  static LiveExchange kraken() {
    return new LiveExchange(
        s -> LiveTestSupport.exchange("kraken", s.baseUrl()),
        LiveTestSupport.secrets(),
        LiveTestSupport::krakenPairs);
  }

  /** Binance. */
  static LiveExchange binance() {
    return new LiveExchange(
        s -> LiveTestSupport.exchange("binance", s.baseUrl()), LiveTestSupport.secrets(), s -> {});
  }

  /** Coinbase Advanced Trade ({@code api = advanced-trade}), signing with {@code keys}. */
  static LiveExchange advancedTrade(KeyPair keys) {
    return new LiveExchange(
        s ->
            ExchangeConfig.builder("coinbase")
                .api("advanced-trade")
                .baseUrl(s.baseUrl())
                .keys(
                    new SecretRef.Env("ARB_COINBASE_API_KEY"),
                    new SecretRef.Env("ARB_COINBASE_API_SECRET"))
                .rateLimit(new BigDecimal("1000"))
                .requestTimeout(Duration.ofSeconds(2))
                .build(),
        new SecretResolver(
            Map.of(
                "ARB_COINBASE_API_KEY",
                TestCdpKeys.KEY_NAME,
                "ARB_COINBASE_API_SECRET",
                TestCdpKeys.sec1Pem(keys))),
        s -> {});
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("arb-live-test-");
    server = LiveTestSupport.server();
    publicData.accept(server);
    journal = new MemoryJournal();
    List<LiveVenue> venues =
        LiveVenues.create(List.of(config.apply(server)), secrets, LiveTestSupport.options(dir));
    orders = venues.get(0).orders();
    executor = new LiveOrderExecutor(venues, journal, LiveTestSupport.executorOptions());
    guarded = new UnknownOutcomeGuard(executor);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (server != null) {
      server.stop();
    }
    LiveTestSupport.deleteTree(dir);
  }

  /** The exchange's stand-in. */
  WireMockServer server() {
    return server;
  }

  MemoryJournal journal() {
    return journal;
  }

  /** The exchange's orders port, as the executor uses it. */
  VenueOrders orders() {
    return orders;
  }

  /** The live executor on its own. */
  LiveOrderExecutor executor() {
    return executor;
  }

  /** The executor behind the guard that stops trading after an unknown outcome. */
  UnknownOutcomeGuard guarded() {
    return guarded;
  }

  /** Runs {@code plan} as cycle {@code c1} through the execution policy, any profit accepted. */
  ExecutionResult run(TradePlan plan, Books books) {
    return ExecutionPolicy.execute(plan, () -> books, guarded, ProfitThreshold.anyProfit(), "c1");
  }
}
