package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.local.LocalMarket;
import dev.arb.defi.pool.ConstantProduct;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * {@code arb defi deploy}, {@code flashloan} and {@code withdraw} against a configured chain (anvil
 * here).
 */
class DefiNetworkCommandsIT {
  /** anvil's public dev account 0; holds value on no real chain. */
  private static final String DEV_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String VAULT = "0xba12222222228d8ba445958a75a0704d566bf2c8";
  private static final String EXECUTOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String AAVE_POOL = "0x794a61358d6845594f94dc1db02a252b5b4814ad";

  @TempDir Path dir;
  private AnvilProcess anvil;
  private Path config;
  private Map<String, String> env;

  @BeforeEach
  void chainKeystoreAndConfig() throws Exception {
    anvil = AnvilProcess.start(ContractsDir.locate());
    Keystore.Imported wallet = Keystore.importKey(DEV_KEY, "pw-for-test", dir, Keystore.Kdf.LIGHT);
    config = dir.resolve("arb.conf");
    Files.writeString(
        config,
        "arb.defi {\n"
            + "  rpc-url = \""
            + anvil.rpcUrl()
            + "\"\n"
            + "  chain-id = 31337\n"
            + "  keystore = \""
            + wallet.file()
            + "\"\n"
            + "  keystore-password = { env = \"TEST_KEYSTORE_PW\" }\n"
            + "}\n");
    env = Map.of("HOME", "/nonexistent-home", "TEST_KEYSTORE_PW", "pw-for-test");
  }

  @AfterEach
  void stopChain() {
    anvil.close();
  }

  /** Runs {@code arb --config <config> --data-dir <dir> defi <args>}. */
  private CliRun defi(String... args) {
    String[] all = new String[5 + args.length];
    all[0] = "--config";
    all[1] = config.toString();
    all[2] = "--data-dir";
    all[3] = dir.toString();
    all[4] = "defi";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.run(env, all);
  }

  @Test
  void deploysBehindAProxyOwnedByTheKeystoreAccountAndWithdraws() throws Exception {
    CliRun deployed =
        defi(
            "deploy",
            "--executor",
            EXECUTOR,
            "--balancer-vault",
            VAULT,
            "--aave-pool",
            AAVE_POOL,
            "--json");

    assertThat(deployed.exitCode()).as(deployed.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(deployed.out());
    String proxy = j.path("proxy").asText();
    assertThat(j.path("owner").asText()).isEqualTo(DEV_ADDRESS);
    assertThat(j.path("executor").asText()).isEqualTo(EXECUTOR);
    assertThat(j.path("balancerVault").asText()).isEqualTo(VAULT);
    assertThat(j.path("aavePool").asText()).isEqualTo(AAVE_POOL);
    try (ChainClient chain =
        ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID))) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(chain, proxy);
      assertThat(arb.owner()).isEqualTo(DEV_ADDRESS);
      assertThat(arb.implementation())
          .isEqualTo(j.path("implementation").asText())
          .isNotEqualTo(proxy);
      assertThat(arb.version()).isEqualTo(BigInteger.ONE);

      // some tokens end up in the contract; the owner takes them out
      Wallet owner = new Wallet(chain, Credentials.create(DEV_KEY), FeeHistoryGasOracle.local());
      String token = Erc20.deployTestToken(owner, "Test", "TST", BigInteger.valueOf(1_000));
      Erc20.transfer(owner, token, proxy, BigInteger.valueOf(400));

      CliRun withdrawn =
          defi(
              "withdraw",
              "--contract",
              proxy,
              "--token",
              token,
              "--amount",
              "all",
              "--to",
              EXECUTOR);

      assertThat(withdrawn.exitCode()).as(withdrawn.err()).isEqualTo(ExitCode.OK);
      assertThat(withdrawn.out()).contains("withdrew 400 of " + token + " to " + EXECUTOR);
      assertThat(Erc20.balanceOf(chain, token, EXECUTOR)).isEqualTo(BigInteger.valueOf(400));
      assertThat(Erc20.balanceOf(chain, token, proxy)).isZero();
    }
    assertThat(deployed.out() + deployed.err())
        .doesNotContain(DEV_KEY)
        .doesNotContain("pw-for-test");
  }

  @Test
  void flashloanSimulatesWithDryRunThenExecutesAndNeverSendsALosingRoute() throws Exception {
    try (ChainClient chain =
        ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID))) {
      Wallet owner = new Wallet(chain, Credentials.create(DEV_KEY), FeeHistoryGasOracle.local());
      LocalMarket market = LocalMarket.deploy(owner, ContractsDir.locate());
      FlashLoanArbitrageContract arb =
          FlashLoanArbitrageContract.deploy(
              owner, ChainClient.ZERO_ADDRESS, market.balancerVault(), market.aavePool());
      BigInteger one = LocalMarket.ONE;
      BigInteger expected =
          ConstantProduct.price(
                  UniswapV2.hop(chain, market.pairB(), market.weth(), 30),
                  UniswapV2.hop(chain, market.pairA(), market.usdc(), 30),
                  ConstantProduct.LoanCost.BALANCER_ZERO_FEE,
                  one)
              .orElseThrow()
              .profit();
      String[] route = {
        "flashloan",
        "--contract",
        arb.address(),
        "--lender",
        "balancer:" + market.balancerVault(),
        "--token",
        market.weth(),
        "--amount",
        one.toString(),
        "--hop",
        market.pairB() + ":" + market.usdc(),
        "--hop",
        market.pairA() + ":" + market.weth(),
        "--json"
      };
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);

      CliRun dry = defi(append(route, "--dry-run"));

      assertThat(dry.exitCode()).as(dry.err()).isEqualTo(ExitCode.OK);
      JsonNode d = new ObjectMapper().readTree(dry.out());
      assertThat(d.path("outcome").asText()).isEqualTo("simulated");
      assertThat(d.path("simulatedProfit").asText()).isEqualTo(expected.toString());
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);

      BigInteger before = Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS);
      CliRun run = defi(route);

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
      JsonNode e = new ObjectMapper().readTree(run.out());
      assertThat(e.path("outcome").asText()).isEqualTo("executed");
      assertThat(e.path("profit").asText()).isEqualTo(expected.toString());
      assertThat(e.path("premium").asText()).isEqualTo("0");
      assertThat(Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS).subtract(before))
          .isEqualTo(expected);

      BigInteger nonceAfter = chain.pendingNonce(DEV_ADDRESS);
      String[] losing = route.clone();
      losing[10] = market.pairA() + ":" + market.usdc();
      losing[12] = market.pairB() + ":" + market.weth();
      CliRun lost = defi(losing);

      assertThat(lost.exitCode()).isEqualTo(ExitCode.FAILURE);
      JsonNode l = new ObjectMapper().readTree(lost.out());
      assertThat(l.path("outcome").asText()).isEqualTo("not-sent");
      assertThat(l.path("reason").asText()).startsWith("InsufficientToRepay(balance=");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonceAfter);
    }
  }

  private static String[] append(String[] args, String extra) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = extra;
    return all;
  }

  @Test
  void refusesAChainWithAnotherIdBeforeSendingAnything() throws Exception {
    Files.writeString(
        config, Files.readString(config).replace("chain-id = 31337", "chain-id = 137"));

    CliRun r = defi("deploy");

    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("serves chain id 31337, expected 137");
  }
}
