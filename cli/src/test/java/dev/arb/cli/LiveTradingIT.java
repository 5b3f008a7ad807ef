package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb.trading.mode = live}: refused without keys; {@code --dry-run} still trades on paper.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveTradingIT {
  @TempDir Path dir;

  private Path config() throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.http.enabled = false\n"
            + "arb.trading.mode = live\n"
            + "arb.exchanges.kraken { base-url = \"http://127.0.0.1:9\","
            + " api-key = { env = \"ARB_KRAKEN_API_KEY\" },"
            + " api-secret = { env = \"ARB_KRAKEN_API_SECRET\" } }\n"
            + "arb.paper.balances { binanceus { USD = \"100000\" } }\n");
    return conf;
  }

  private CliRun run(Path conf, String... more) throws Exception {
    String[] base = {
      "--config",
      conf.toString(),
      "--data-dir",
      dir.resolve("data").toString(),
      "run",
      "--input",
      RunCommandIT.sampleFile(dir).toString(),
      "--exit-at-end"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(Map.of("HOME", dir.toString()), args);
  }

  @Test
  void liveModeWithoutApiKeysRefusesToStartAndSaysWhichKeysAndPermissions() throws Exception {
    CliRun r = run(config());

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("live trading on kraken needs an API key and secret")
        .contains("arb.exchanges.kraken.api-key")
        .contains("never withdrawal");
    assertThat(dir.resolve("data").resolve("arb.db")).doesNotExist();
  }

  @Test
  void dryRunTradesOnPaperEvenWhenLiveIsConfigured() throws Exception {
    CliRun r = run(config(), "--dry-run");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).doesNotContain("API key");
    CliRun h =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--config",
            config().toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "history",
            "--executed",
            "--json");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    assertThat(h.out()).contains("\"expected_profit\"");
  }
}
