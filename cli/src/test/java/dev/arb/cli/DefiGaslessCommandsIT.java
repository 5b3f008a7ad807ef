package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.gasless.GaslessCounterContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.local.LocalMarket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * {@code arb defi sign} by a user without ether and {@code arb defi relay} by a relayer paying the
 * gas, end to end on anvil.
 */
class DefiGaslessCommandsIT {
  @TempDir Path dir;
  private DefiChain net;
  private ChainClient chain;
  private GaslessForwarder forwarder;
  private GaslessCounterContract counter;
  private Path userConfig;
  private Path relayerConfig;
  private String userKey;
  private String user;
  private String relayer;
  private Map<String, String> env;
  private final InputStream realStdin = DefiRelayCommand.stdin;

  @BeforeEach
  void chainContractsAndTwoKeystores() throws Exception {
    net = DefiChain.start();
    chain = net.chain();
    DefiChain.Gasless gasless = net.deployGasless();
    forwarder = gasless.forwarder();
    counter = gasless.counter();

    userKey = Numeric.toHexStringNoPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
    Keystore.Imported u =
        Keystore.importKey(userKey, "user-pw", dir.resolve("user"), Keystore.Kdf.LIGHT);
    Keystore.Imported r =
        Keystore.importKey(
            DefiChain.RELAYER_KEY, "relayer-pw", dir.resolve("relayer"), Keystore.Kdf.LIGHT);
    user = u.address();
    relayer = r.address();
    userConfig = config("user.conf", u.file(), "USER_PW");
    relayerConfig = config("relayer.conf", r.file(), "RELAYER_PW");
    env = Map.of("HOME", "/nonexistent-home", "USER_PW", "user-pw", "RELAYER_PW", "relayer-pw");
  }

  private Path config(String name, Path keystore, String passwordEnv) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, net.defiConfig(keystore, passwordEnv, ""));
    return file;
  }

  @AfterEach
  void stop() {
    DefiRelayCommand.stdin = realStdin;
    if (net != null) {
      net.close();
    }
  }

  private CliRun defi(Path config, String... args) {
    return DefiChain.defi(env, config, dir, args);
  }

  /** {@code arb defi sign} of {@code increment()} on the counter by the user. */
  private CliRun signIncrement(String... extra) {
    String[] args = {
      "sign",
      "--forwarder",
      forwarder.address(),
      "--to",
      counter.address(),
      "--data",
      GaslessCounterContract.INCREMENT
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return defi(userConfig, all);
  }

  @Test
  void userWithoutEtherSignsAndTheRelayerExecutesItAsTheUserThenRefusesTheReplay()
      throws Exception {
    assertThat(chain.etherBalance(user)).isZero();
    CliRun signed = signIncrement("--deadline", "10m");
    assertThat(signed.exitCode()).as(signed.err()).isEqualTo(ExitCode.OK);
    JsonNode request = new ObjectMapper().readTree(signed.out());
    assertThat(request.path("request").path("from").asText()).isEqualTo(user);
    assertThat(request.path("forwarder").path("address").asText()).isEqualTo(forwarder.address());
    Path file = dir.resolve("signed.json");
    Files.writeString(file, signed.out());
    BigInteger relayerBefore = chain.etherBalance(relayer);

    CliRun relayed =
        defi(
            relayerConfig,
            "relay",
            "--request",
            file.toString(),
            "--allow",
            counter.address(),
            "--json");

    assertThat(relayed.exitCode()).as(relayed.err() + relayed.out()).isEqualTo(ExitCode.OK);
    JsonNode outcome = new ObjectMapper().readTree(relayed.out());
    assertThat(outcome.path("status").asText()).isEqualTo("mined");
    BigInteger cost = new BigInteger(outcome.path("cost_wei").asText());
    assertThat(cost).isPositive();
    assertThat(counter.count(user)).isEqualTo(BigInteger.ONE);
    assertThat(counter.lastSender()).isEqualTo(user);
    assertThat(chain.etherBalance(user)).isZero();
    assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore.subtract(cost));

    // the same request again, from stdin: a replay, refused before anything is sent
    DefiRelayCommand.stdin =
        new ByteArrayInputStream(signed.out().getBytes(StandardCharsets.UTF_8));
    CliRun replay = defi(relayerConfig, "relay", "--request", "-", "--allow", counter.address());

    assertThat(replay.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(replay.out()).contains("rejected " + user + " nonce 0: NONCE");
    assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore.subtract(cost));
    assertThat(counter.count(user)).isEqualTo(BigInteger.ONE);
    assertThat(signed.out() + signed.err() + relayed.out() + relayed.err() + replay.err())
        .doesNotContain(userKey)
        .doesNotContain(DefiChain.RELAYER_KEY)
        .doesNotContain("user-pw")
        .doesNotContain("relayer-pw");
  }

  @Test
  void everyRelayIsRecordedAndTheDailyQuotaHoldsAcrossRuns() throws Exception {
    Path first = dir.resolve("first.json");
    Files.writeString(first, signIncrement().out());
    CliRun mined =
        defi(
            relayerConfig,
            "relay",
            "--request",
            first.toString(),
            "--allow",
            counter.address(),
            "--max-requests-per-signer",
            "1",
            "--json");
    assertThat(mined.exitCode()).as(mined.err() + mined.out()).isEqualTo(ExitCode.OK);
    String cost = new ObjectMapper().readTree(mined.out()).path("cost_wei").asText();
    Path second = dir.resolve("second.json");
    Files.writeString(second, signIncrement().out());
    BigInteger relayerBefore = chain.etherBalance(relayer);

    // a new process: the quota of 1 request per day was used by the first run
    CliRun refused =
        defi(
            relayerConfig,
            "relay",
            "--request",
            second.toString(),
            "--allow",
            counter.address(),
            "--max-requests-per-signer",
            "1");

    assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(refused.out()).contains("rejected " + user + " nonce 1: SIGNER_QUOTA");
    assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore);
    assertThat(counter.count(user)).isEqualTo(BigInteger.ONE);

    CliRun listed = defi(relayerConfig, "relays", "--json");

    assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(listed.out());
    JsonNode rows = j.path("requests");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("outcome").asText()).isEqualTo("rejected");
    assertThat(rows.get(0).path("reason_code").asText()).isEqualTo("SIGNER_QUOTA");
    assertThat(rows.get(0).path("nonce").asText()).isEqualTo("1");
    assertThat(rows.get(1).path("outcome").asText()).isEqualTo("mined");
    assertThat(rows.get(1).path("signer").asText()).isEqualTo(user);
    assertThat(rows.get(1).path("target").asText()).isEqualTo(counter.address());
    assertThat(rows.get(1).path("selector").asText()).isEqualTo(GaslessCounterContract.INCREMENT);
    assertThat(rows.get(1).path("wei_paid").asText()).isEqualTo(cost);
    assertThat(rows.get(1).path("tx_hash").asText()).startsWith("0x");
    assertThat(j.path("today").path("total_wei").asText()).isEqualTo(cost);
    assertThat(j.path("today").path("by_signer").path(user).path("requests").asInt()).isEqualTo(1);

    CliRun table = defi(relayerConfig, "relays", "--signer", user);

    assertThat(table.out())
        .contains("mined")
        .contains("SIGNER_QUOTA")
        .contains("today (")
        .contains(cost + " wei counted against the limits, 1 request(s) from 1 signer(s)");
  }

  @Test
  void executorWithoutEtherSignsAFlashLoanThatTheRelayerSubmitsAndTheOwnerProfits()
      throws Exception {
    Wallet owner = net.wallet(DefiChain.DEPLOYER_KEY);
    LocalMarket market = LocalMarket.deploy(owner, ContractsDir.locate());
    FlashLoanArbitrageContract arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            user,
            market.balancerVault(),
            market.aavePool(),
            forwarder.address(),
            market.factories());
    String[] route =
        DefiChain.balancerFlashloan(arb.address(), market, "--sign-for", forwarder.address());
    assertThat(chain.etherBalance(user)).isZero();

    CliRun signed = defi(userConfig, route);

    assertThat(signed.exitCode()).as(signed.err()).isEqualTo(ExitCode.OK);
    JsonNode request = new ObjectMapper().readTree(signed.out()).path("request");
    assertThat(request.path("from").asText()).isEqualTo(user);
    assertThat(request.path("to").asText()).isEqualTo(arb.address());
    assertThat(request.path("data").asText()).startsWith("0xfc86edc4");
    Path file = dir.resolve("flashloan.json");
    Files.writeString(file, signed.out());
    BigInteger ownerWeth = Erc20.balanceOf(chain, market.weth(), owner.address());

    CliRun relayed =
        defi(
            relayerConfig,
            "relay",
            "--request",
            file.toString(),
            "--allow",
            arb.address() + ":0xfc86edc4",
            "--json");

    assertThat(relayed.exitCode()).as(relayed.err() + relayed.out()).isEqualTo(ExitCode.OK);
    assertThat(new ObjectMapper().readTree(relayed.out()).path("status").asText())
        .isEqualTo("mined");
    assertThat(arb.executions()).isEqualTo(BigInteger.ONE);
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address())).isGreaterThan(ownerWeth);
    assertThat(chain.etherBalance(user)).isZero();

    // someone who is neither owner nor executor: simulated first, nothing signed
    CliRun stranger = defi(relayerConfig, java.util.Arrays.copyOf(route, route.length));
    assertThat(stranger.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(stranger.out())
        .contains("not signed: as " + relayer + " the route would revert: NotOwnerOrExecutor");
    // a version-1 contract trusts no forwarder: refused before anything is signed
    FlashLoanArbitrageContract v1 =
        FlashLoanArbitrageContract.deploy(owner, user, market.balancerVault(), market.aavePool());
    route[2] = v1.address();
    CliRun old = defi(userConfig, route);
    assertThat(old.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(old.err())
        .contains("is version 1 and trusts no forwarder")
        .contains("arb defi upgrade --contract " + v1.address());
  }

  @Test
  void relayRefusesATargetOffTheAllowListAndAMalformedRequest() throws Exception {
    CliRun signed = signIncrement();
    Path file = dir.resolve("signed.json");
    Files.writeString(file, signed.out());
    BigInteger relayerBefore = chain.etherBalance(relayer);

    CliRun offList =
        defi(relayerConfig, "relay", "--request", file.toString(), "--allow", forwarder.address());

    assertThat(offList.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(offList.out()).contains("TARGET_NOT_ALLOWED");
    assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore);

    Files.writeString(file, signed.out().replace("\"signature\"", "\"sig\""));
    CliRun malformed =
        defi(relayerConfig, "relay", "--request", file.toString(), "--allow", counter.address());

    assertThat(malformed.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(malformed.err()).contains("missing text field signature");
  }

  @Test
  void gaslessDemoShowsTheUsersRequestExecutedWithTheRelayerPaying() throws Exception {
    CliRun r = CliRun.run(env, "defi", "gasless-demo", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("user_balance_before").asText()).isEqualTo("0");
    assertThat(j.path("user_balance_after").asText()).isEqualTo("0");
    assertThat(j.path("msg_sender").asText()).isEqualTo(j.path("user").asText());
    assertThat(j.path("user_count").asText()).isEqualTo("1");
    assertThat(j.path("relayed").asText()).startsWith("mined in 0x");
    assertThat(j.path("replayed").asText()).startsWith("rejected NONCE");
    assertThat(new BigInteger(j.path("relayer_balance_before").asText()))
        .isGreaterThan(new BigInteger(j.path("relayer_balance_after").asText()));
  }
}
