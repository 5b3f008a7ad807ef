package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb.paper} and {@code arb.risk}: read exactly, validated with the key named. */
class ExecutionConfigTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return p;
  }

  @Test
  void defaultsHaveNoBalancesAndOnlyTheSlippageBuffer() {
    ArbConfig c = ConfigLoader.load(Optional.empty(), ENV, Map.of()).config();
    assertThat(c.paper().balances()).isEmpty();
    assertThat(c.risk().maxTradeNotional()).isEmpty();
    assertThat(c.risk().dailyLossLimit()).isEmpty();
    assertThat(c.risk().slippageBufferBp()).isEqualByComparingTo("5");
    assertThat(c.risk().maxOpenCycles()).isEqualTo(1);
    assertThat(c.trading().legs()).isEqualTo(TradingConfig.Legs.SEQUENTIAL);
    assertThat(c.paper().latency()).isZero();
    assertThat(c.paper().slippageBp()).isZero();
  }

  @Test
  void readsLegsModeAndThePaperModel() throws IOException {
    Path f =
        file(
            "arb.trading.legs = Concurrent\n"
                + "arb.paper { latency = 250ms, slippage-bp = \"2.5\" }\n");
    ArbConfig c = ConfigLoader.load(Optional.of(f), ENV, Map.of()).config();
    assertThat(c.trading().legs()).isEqualTo(TradingConfig.Legs.CONCURRENT);
    assertThat(c.paper().latency()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.paper().slippageBp()).isEqualByComparingTo("2.5");
  }

  @Test
  void rejectsAnUnknownLegsModeAndANegativePaperModelWithFileAndLine() throws IOException {
    Path f =
        file(
            "arb.trading.legs = parallel\n"
                + "arb.paper.latency = -1s\n"
                + "arb.paper.slippage-bp = -3\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(f), ENV, Map.of()));
    assertThat(e.getMessage())
        .contains("arb.trading.legs")
        .contains("sequential or concurrent")
        .contains("line 1")
        .contains("arb.paper.latency")
        .contains("line 2")
        .contains("arb.paper.slippage-bp")
        .contains("line 3");
  }

  @Test
  void readsMaxOpenCyclesAndRejectsZeroWithFileAndLine() throws IOException {
    Path ok = file("arb.risk.max-open-cycles = 3\n");
    assertThat(ConfigLoader.load(Optional.of(ok), ENV, Map.of()).config().risk().maxOpenCycles())
        .isEqualTo(3);
    Path bad = file("# limits\narb.risk.max-open-cycles = 0\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(bad), ENV, Map.of()));
    assertThat(e.getMessage())
        .contains("arb.risk.max-open-cycles")
        .contains("a whole number of at least 1")
        .contains("arb.conf")
        .contains("line 2");
  }

  @Test
  void readsBalancesAndLimitsExactly() throws IOException {
    Path f =
        file(
            "arb.paper.balances { kraken { USD = \"10000.000000000000000001\", btc = 0.5 } }\n"
                + "arb.risk { max-trade-notional = \"250\", max-daily-notional = 1000,"
                + " min-profit = \"0.01\", slippage-buffer-bp = 2.5, max-data-age = 3s,"
                + " daily-loss-limit = \"20\" }\n");
    ArbConfig c = ConfigLoader.load(Optional.of(f), ENV, Map.of()).config();
    assertThat(c.paper().balances().get("kraken"))
        .containsEntry("USD", new BigDecimal("10000.000000000000000001"))
        .containsEntry("BTC", new BigDecimal("0.5"));
    assertThat(c.risk().maxTradeNotional()).contains(new BigDecimal("250"));
    assertThat(c.risk().maxDailyNotional()).contains(new BigDecimal("1000"));
    assertThat(c.risk().minProfit()).isEqualByComparingTo("0.01");
    assertThat(c.risk().slippageBufferBp()).isEqualByComparingTo("2.5");
    assertThat(c.risk().maxDataAge()).contains(Duration.ofSeconds(3));
    assertThat(c.risk().dailyLossLimit()).contains(new BigDecimal("20"));
  }

  @Test
  void rejectsNegativeLimitsAndBalancesNamingTheKey() throws IOException {
    Path f =
        file(
            "arb.paper.balances { kraken { USD = \"-5\" } }\n"
                + "arb.risk { max-trade-notional = 0, daily-loss-limit = \"-1\" }\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(f), ENV, Map.of()));
    assertThat(e.getMessage())
        .contains("arb.paper.balances.kraken.USD")
        .contains("arb.risk.max-trade-notional")
        .contains("arb.risk.daily-loss-limit");
  }

  @Test
  void tradingIsPaperByDefaultAndLiveWhenAsked() throws IOException {
    ArbConfig d = ConfigLoader.load(Optional.empty(), ENV, Map.of()).config();
    assertThat(d.trading().mode()).isEqualTo(TradingConfig.Mode.PAPER);
    assertThat(d.trading().orderTimeout()).isEqualTo(Duration.ofSeconds(10));

    Path f = file("arb.trading { mode = live, order-timeout = 3s, poll-interval = 100ms }");
    ArbConfig c = ConfigLoader.load(Optional.of(f), ENV, Map.of()).config();

    assertThat(c.trading().mode()).isEqualTo(TradingConfig.Mode.LIVE);
    assertThat(c.trading().orderTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.trading().pollInterval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void anUnknownTradingModeIsRefusedNamingTheKey() throws IOException {
    Path f = file("arb.trading.mode = yolo");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(f), ENV, Map.of()));

    assertThat(e.problems())
        .anyMatch(p -> p.contains("arb.trading.mode") && p.contains("paper or live"));
  }
}
