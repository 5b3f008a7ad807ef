package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import dev.arb.config.ExchangeConfig;
import dev.arb.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --exchange-url} and {@code --exchange-ws-url} change the exchanges' settings. */
class LiveMarketDataTest {
  @TempDir Path dir;

  private ArbConfig config(String text) throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(conf, text);
    return ConfigLoader.load(Optional.of(conf), Map.of("HOME", dir.toString()), Map.of()).config();
  }

  @Test
  void wsUrlOptionTurnsStreamingOnForThatExchangeOnly() throws Exception {
    ArbConfig cfg = config("arb.exchanges { kraken { }, bitstamp { } }");

    List<ExchangeConfig> out =
        LiveExchangeOptions.select(
            cfg,
            List.of("kraken", "bitstamp"),
            List.of("kraken=http://127.0.0.1:8089"),
            List.of("kraken=ws://127.0.0.1:9001/"),
            null,
            "scan");

    assertThat(out.get(0).streaming()).isTrue();
    assertThat(out.get(0).wsUrl()).contains("ws://127.0.0.1:9001/");
    assertThat(out.get(0).baseUrl()).contains("http://127.0.0.1:8089");
    assertThat(out.get(1).streaming()).isFalse();
    assertThat(out.get(1).wsUrl()).isEmpty();
  }

  @Test
  void configuredStreamingIsKept() throws Exception {
    ArbConfig cfg = config("arb.exchanges.kraken { streaming = true }");

    List<ExchangeConfig> out =
        LiveExchangeOptions.select(cfg, List.of(), List.of(), List.of(), null, "run");

    assertThat(out).hasSize(1);
    assertThat(out.get(0).streaming()).isTrue();
    assertThat(out.get(0).wsUrl()).isEmpty();
  }

  @Test
  void badWsUrlAndUnusedExchangeAreUsageProblems() throws Exception {
    ArbConfig cfg = config("");

    assertThatThrownBy(
            () ->
                LiveExchangeOptions.select(
                    cfg,
                    List.of("kraken"),
                    List.of(),
                    List.of("kraken=http://127.0.0.1:9001", "bitstamp=ws://127.0.0.1:9002"),
                    null,
                    "scan"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "scan: --exchange-ws-url must be NAME=URL with a ws:// or wss:// URL, got"
                + " 'kraken=http://127.0.0.1:9001'")
        .hasMessageContaining(
            "scan: --exchange-ws-url names bitstamp, which is not an exchange in use");
  }
}
