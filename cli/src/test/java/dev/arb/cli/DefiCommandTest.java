package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.daemon.ProcessHooks;
import dev.arb.defi.keystore.Keystore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefiCommandTest {
  /** anvil's public dev account 4; holds value on no real chain. */
  private static final String DEV_KEY =
      "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a";

  private static final String DEV_ADDRESS = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  /** Runs {@code arb defi keystore import} in-process with {@code stdin} as its standard input. */
  private CliRun importWithStdin(Map<String, String> env, String stdin, String... extra) {
    String[] args = new String[5 + extra.length];
    args[0] = "defi";
    args[1] = "keystore";
    args[2] = "import";
    args[3] = "--data-dir=" + dataDir;
    args[4] = "--kdf=light";
    System.arraycopy(extra, 0, args, 5, extra.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code =
        new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), ProcessHooks.NONE, in)
            .run(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void keystoreImportEncryptsTheKeyFromStdinAndNeverPrintsIt() throws Exception {
    CliRun r =
        importWithStdin(
            Map.of("HOME", "/nonexistent-home", "ARB_KEYSTORE_PASSWORD", PASSWORD),
            "0x" + DEV_KEY + "\n",
            "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    Path file = dataDir.resolve("keystore").resolve("arb-" + DEV_ADDRESS + ".json");
    assertThat(r.out().strip())
        .isEqualTo("{\"address\":\"" + DEV_ADDRESS + "\",\"file\":\"" + file + "\"}");
    assertThat(r.out() + r.err()).doesNotContain(DEV_KEY).doesNotContain(PASSWORD);
    assertThat(Files.readString(file)).doesNotContain(DEV_KEY);
    assertThat(Keystore.load(file, PASSWORD).getAddress()).isEqualTo(DEV_ADDRESS);
  }

  @Test
  void keystoreImportRefusesInputThatIsNotAKeyWithoutEchoingIt() {
    String notAKey = "my seed phrase words here";
    CliRun r =
        importWithStdin(
            Map.of("HOME", "/nonexistent-home", "ARB_KEYSTORE_PASSWORD", PASSWORD), notAKey);

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("not a private key").doesNotContain(notAKey);
    assertThat(dataDir.resolve("keystore")).doesNotExist();
  }

  @Test
  void keystoreImportWithNothingOnStdinSaysSoAndWritesNothing() {
    CliRun r =
        importWithStdin(Map.of("HOME", "/nonexistent-home", "ARB_KEYSTORE_PASSWORD", PASSWORD), "");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("keystore: no private key on stdin");
    assertThat(dataDir.resolve("keystore")).doesNotExist();
  }

  @Test
  void keystoreImportWithoutPasswordSaysWhereItLooked() {
    CliRun r = importWithStdin(Map.of("HOME", "/nonexistent-home"), DEV_KEY);

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("ARB_KEYSTORE_PASSWORD is not set").doesNotContain(DEV_KEY);
  }

  @Test
  void flashloanReportsEveryBadRouteOptionBeforeConnecting() {
    CliRun r =
        CliRun.run(
            Map.of("HOME", "/nonexistent-home"),
            "defi",
            "flashloan",
            "--contract=0x123",
            "--lender=aave:0x" + "1".repeat(40),
            "--token=0x" + "2".repeat(40),
            "--amount=1000",
            "--hop=0x" + "3".repeat(40) + ":nope");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("--contract must be an address (0x and 40 hex digits), got 0x123")
        .contains(
            "--lender must be uniswap-v2:<pair>, balancer:<vault> or aave-v3:<pool>, got aave:0x")
        .contains("--hop token must be an address (0x and 40 hex digits), got nope")
        .contains("3 problems; nothing was done.");
  }

  @Test
  void flashloanTakesV3HopsAndRefusesRoutesTheContractWouldBeforeConnecting() {
    String weth = "0x" + "2".repeat(40);
    String usdc = "0x" + "4".repeat(40);
    String[] base = {
      "defi",
      "flashloan",
      "--contract=0x" + "9".repeat(40),
      "--lender=balancer:0x" + "1".repeat(40),
      "--token=" + weth,
      "--amount=1000"
    };
    CliRun badV3 =
        CliRun.run(
            Map.of("HOME", "/nonexistent-home"),
            concat(
                base,
                "--hop=v3:0x" + "3".repeat(40) + ":" + usdc + ":30",
                "--hop=v3:0x" + "5".repeat(40) + ":" + weth));
    CliRun oneHop =
        CliRun.run(
            Map.of("HOME", "/nonexistent-home"),
            concat(base, "--hop=v3:0x" + "3".repeat(40) + ":" + weth));

    assertThat(badV3.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badV3.err())
        .contains(
            "--hop must be <pair>:<token out>[:<fee bps>] or v3:<pool>:<token out>, got v3:0x");
    assertThat(oneHop.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(oneHop.err()).contains("route: a route has 2 to 6 hops, got 1");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void factoriesReportsEveryBadOptionBeforeConnecting() {
    String both = "0x" + "a".repeat(40);
    CliRun r =
        CliRun.run(
            Map.of("HOME", "/nonexistent-home"),
            "defi",
            "factories",
            "--contract=0x" + "1".repeat(40),
            "--allow=0xnope",
            "--allow=" + both,
            "--disallow=" + both);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("--allow must be an address (0x and 40 hex digits), got 0xnope")
        .contains("--allow and --disallow both name " + both + "; give it once")
        .contains("2 problems; nothing was done.");
  }

  @Test
  void defiAloneIsAUsageErrorListingItsVerbs() {
    CliRun r = CliRun.run(Map.of("HOME", "/nonexistent-home"), "defi");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("a defi subcommand is required")
        .contains("keystore", "demo", "deploy", "flashloan", "withdraw");
  }

  @Test
  void deployWithoutNetworkSettingsListsEveryMissingOne() {
    CliRun r =
        CliRun.run(Map.of("HOME", "/nonexistent-home"), "defi", "deploy", "--data-dir=" + dataDir);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("config: arb.defi.rpc-url is not set")
        .contains("config: arb.defi.keystore is not set")
        .contains("2 problems; nothing was done.");
  }

  @Test
  void defiHelpListsItsVerbs() {
    CliRun r = CliRun.run(Map.of("HOME", "/nonexistent-home"), "defi", "--help");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("keystore", "demo", "deploy", "factories", "flashloan", "withdraw");
  }
}
