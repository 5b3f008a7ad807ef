package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.local.LocalMarket;
import dev.arb.defi.local.RouteMarket;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String VAULT = "0xba12222222228d8ba445958a75a0704d566bf2c8";
  private static final String EXECUTOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String AAVE_POOL = "0x794a61358d6845594f94dc1db02a252b5b4814ad";

  /** The version today's build reports. */
  private static final BigInteger CURRENT =
      BigInteger.valueOf(FlashLoanArbitrageContract.CURRENT_VERSION);

  /** Any address: the contract only stores which forwarder it trusts. */
  private static final String FORWARDER = "0xb2ee8a1a0c1f1d3fbb4c2a2d6e2f3d0c9e1f2a3b";

  @TempDir Path dir;
  private DefiChain net;
  private Path config;
  private Map<String, String> env;

  @BeforeEach
  void chainKeystoreAndConfig() throws Exception {
    net = DefiChain.start();
    Keystore.Imported wallet =
        Keystore.importKey(DefiChain.DEPLOYER_KEY, "pw-for-test", dir, Keystore.Kdf.LIGHT);
    config = dir.resolve("arb.conf");
    Files.writeString(config, net.defiConfig(wallet.file(), "TEST_KEYSTORE_PW", ""));
    env = Map.of("HOME", "/nonexistent-home", "TEST_KEYSTORE_PW", "pw-for-test");
  }

  @AfterEach
  void stopChain() {
    if (net != null) {
      net.close();
    }
  }

  /** Runs {@code arb --config <config> --data-dir <dir> defi <args>}. */
  private CliRun defi(String... args) {
    return DefiChain.defi(env, config, dir, args);
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
            "--forwarder",
            FORWARDER,
            "--json");

    assertThat(deployed.exitCode()).as(deployed.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(deployed.out());
    String proxy = j.path("proxy").asText();
    assertThat(j.path("owner").asText()).isEqualTo(DEV_ADDRESS);
    assertThat(j.path("executor").asText()).isEqualTo(EXECUTOR);
    assertThat(j.path("balancer_vault").asText()).isEqualTo(VAULT);
    assertThat(j.path("aave_pool").asText()).isEqualTo(AAVE_POOL);
    try (ChainClient chain = net.connect()) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(chain, proxy);
      assertThat(arb.owner()).isEqualTo(DEV_ADDRESS);
      assertThat(arb.implementation())
          .isEqualTo(j.path("implementation").asText())
          .isNotEqualTo(proxy);
      assertThat(arb.version()).isEqualTo(CURRENT);
      assertThat(j.path("version").asInt()).isEqualTo(CURRENT.intValue());
      assertThat(arb.trustedForwarder()).contains(FORWARDER);
      assertThat(j.path("trusted_forwarder").asText()).isEqualTo(FORWARDER);
      assertThat(j.path("allowed_factories").isArray()).isTrue();
      assertThat(j.path("allowed_factories")).isEmpty();
      assertThat(deployed.err())
          .contains("no --factory given: flash swaps (--lender uniswap-v2:PAIR) are refused");

      // some tokens end up in the contract; the owner takes them out
      Wallet owner =
          new Wallet(
              chain, Credentials.create(DefiChain.DEPLOYER_KEY), FeeHistoryGasOracle.local());
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
        .doesNotContain(DefiChain.DEPLOYER_KEY)
        .doesNotContain("pw-for-test");
  }

  @Test
  void upgradeMovesAVersion1ProxyToVersion2KeepingItsStateAndRefusesANonOwner() throws Exception {
    try (ChainClient chain = net.connect()) {
      Wallet owner =
          new Wallet(
              chain, Credentials.create(DefiChain.DEPLOYER_KEY), FeeHistoryGasOracle.local());
      FlashLoanArbitrageContract arb =
          FlashLoanArbitrageContract.deploy(owner, EXECUTOR, VAULT, AAVE_POOL);
      String v1 = arb.implementation();
      String factory =
          UniswapV2.deployFactory(owner, ContractsDir.locate()).toLowerCase(Locale.ROOT);
      Wallet other =
          new Wallet(chain, Credentials.create(DefiChain.OTHER_KEY), FeeHistoryGasOracle.local());
      FlashLoanArbitrageContract notOurs =
          FlashLoanArbitrageContract.deploy(other, EXECUTOR, VAULT, AAVE_POOL);
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);

      CliRun refused = defi("upgrade", "--contract", notOurs.address(), "--forwarder", FORWARDER);

      assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(refused.err())
          .contains("is owned by " + other.address())
          .contains("not by the keystore account " + DEV_ADDRESS)
          .contains("nothing was sent");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);
      assertThat(notOurs.version()).isEqualTo(BigInteger.ONE);

      CliRun notAFactory =
          defi(
              "upgrade", "--contract", arb.address(), "--forwarder", FORWARDER, "--factory", VAULT);

      assertThat(notAFactory.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(notAFactory.err())
          .contains("--factory " + VAULT + " is not a Uniswap V2 factory on chain 31337");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);

      CliRun upgraded =
          defi(
              "upgrade",
              "--contract",
              arb.address(),
              "--forwarder",
              FORWARDER,
              "--factory",
              factory,
              "--json");

      assertThat(upgraded.exitCode()).as(upgraded.err()).isEqualTo(ExitCode.OK);
      JsonNode j = new ObjectMapper().readTree(upgraded.out());
      assertThat(j.path("upgraded").asBoolean()).isTrue();
      assertThat(j.path("previous_version").asInt()).isEqualTo(1);
      assertThat(j.path("previous_implementation").asText()).isEqualTo(v1);
      assertThat(j.path("version").asInt()).isEqualTo(CURRENT.intValue());
      assertThat(j.path("implementation").asText())
          .isEqualTo(arb.implementation())
          .isNotEqualTo(v1);
      assertThat(j.path("allowed_factories").toString()).isEqualTo("[\"" + factory + "\"]");
      assertThat(arb.version()).isEqualTo(CURRENT);
      assertThat(arb.allowedFactories()).containsExactly(factory);
      assertThat(arb.trustedForwarder()).contains(FORWARDER);
      assertThat(arb.owner()).isEqualTo(DEV_ADDRESS);
      assertThat(arb.executor()).isEqualTo(EXECUTOR);
      assertThat(arb.balancerVault()).isEqualTo(VAULT);
      assertThat(arb.aavePool()).isEqualTo(AAVE_POOL);

      CliRun again = defi("upgrade", "--contract", arb.address(), "--forwarder", FORWARDER);

      assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.OK);
      assertThat(again.err()).contains("already trusts " + FORWARDER + "; nothing was sent");
      assertThat(arb.implementation()).isEqualTo(j.path("implementation").asText());
    }
  }

  @Test
  void flashloanSimulatesWithDryRunThenExecutesAndNeverSendsALosingRoute() throws Exception {
    try (ChainClient chain = net.connect()) {
      DefiChain.Arbitrage deployed = net.deployArbitrage();
      LocalMarket market = deployed.market();
      FlashLoanArbitrageContract arb = deployed.arb();
      BigInteger expected = net.balancerFlashloanProfit(market);
      String[] route = DefiChain.balancerFlashloan(arb.address(), market, "--json");
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);

      CliRun dry = defi(append(route, "--dry-run"));

      assertThat(dry.exitCode()).as(dry.err()).isEqualTo(ExitCode.OK);
      JsonNode d = new ObjectMapper().readTree(dry.out());
      assertThat(d.path("outcome").asText()).isEqualTo("simulated");
      assertThat(d.path("simulated_profit").asText()).isEqualTo(expected.toString());
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);

      BigInteger before = Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS);
      CliRun run = defi(route);

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
      JsonNode e = new ObjectMapper().readTree(run.out());
      assertThat(e.path("outcome").asText()).isEqualTo("executed");
      assertThat(e.path("profit").asText()).isEqualTo(expected.toString());
      assertThat(e.path("premium").asText()).isEqualTo("0");
      BigInteger gain = Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS).subtract(before);
      assertThat(gain).isEqualTo(expected);
      assertThat(e.path("recorded").asText()).isEqualTo(dir.resolve("arb.db").toString());

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

      // arb history has both attempts (the dry run records nothing), newest first
      JsonNode h = history();
      assertThat(h).hasSize(2);
      JsonNode rejected = h.get(0);
      assertThat(rejected.path("status").asText()).isEqualTo("rejected");
      assertThat(rejected.path("reason").asText())
          .isEqualTo("not sent: " + l.path("reason").asText());
      assertThat(rejected.path("realized_profit").isNull()).isTrue();
      JsonNode executed = h.get(1);
      assertThat(executed.path("status").asText()).isEqualTo("executed");
      // the owner's balance gain, as an exact decimal string of WETH (18 decimals, read on chain)
      assertThat(executed.path("realized_profit").asText()).isEqualTo(weth(gain));
      assertThat(executed.path("estimated_profit").asText()).isEqualTo(weth(expected));
      assertThat(executed.path("start_asset").asText()).isEqualTo("WETH");
      assertThat(executed.path("assets").toString()).isEqualTo("[\"WETH\",\"USDC\"]");
      String factoryB = UniswapV2.factory(chain, market.pairB());
      String factoryA = UniswapV2.factory(chain, market.pairA());
      assertThat(executed.path("exchanges").toString())
          .isEqualTo("[\"uniswap-v2:" + factoryB + "\",\"uniswap-v2:" + factoryA + "\"]");
      assertThat(executed.path("path").path("lender").asText())
          .isEqualTo("balancer:" + market.balancerVault().toLowerCase(java.util.Locale.ROOT));
      assertThat(executed.path("solution").path("tx_hash").asText())
          .isEqualTo(e.path("tx_hash").asText());
      assertThat(executed.path("solution").path("borrowed").asText()).isEqualTo("1");
      assertThat(executed.path("reason").isNull()).isTrue();
    }
  }

  @Test
  void flashSwapsBorrowOnlyFromPairsOfFactoriesTheOwnerAllowsWithArbDefiFactories()
      throws Exception {
    try (ChainClient chain = net.connect()) {
      DefiChain.Arbitrage deployed = net.deployArbitrage(false);
      LocalMarket market = deployed.market();
      String proxy = deployed.arb().address();
      String dexA = market.dexA().toLowerCase(Locale.ROOT);
      String[] flashSwap = DefiChain.balancerFlashloan(proxy, market, "--json");
      flashSwap[4] = "uniswap-v2:" + market.loanPair();
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);

      CliRun refused = defi(flashSwap);

      assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(refused.err())
          .contains(
              "--lender "
                  + market.loanPair().toLowerCase(Locale.ROOT)
                  + " is a pair of factory "
                  + dexA
                  + ", which "
                  + proxy
                  + " does not allow (it allows none); its owner can allow it with 'arb defi"
                  + " factories --contract "
                  + proxy
                  + " --allow "
                  + dexA
                  + "'");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);
      assertThat(history()).isEmpty();

      CliRun pairAsFactory = defi("factories", "--contract", proxy, "--allow", market.pairA());
      assertThat(pairAsFactory.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(pairAsFactory.err()).contains("is not a Uniswap V2 factory");

      CliRun allowed = defi("factories", "--contract", proxy, "--allow", dexA, "--json");

      assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(ExitCode.OK);
      assertThat(new ObjectMapper().readTree(allowed.out()).path("allowed_factories").toString())
          .isEqualTo("[\"" + dexA + "\"]");
      // the route's first hop is a pair of DEX B: hops go only through pairs of allowed factories
      String dexB = market.dexB().toLowerCase(Locale.ROOT);
      assertThat(defi("factories", "--contract", proxy, "--allow", dexB).exitCode())
          .isEqualTo(ExitCode.OK);
      CliRun run = defi(flashSwap);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
      JsonNode e = new ObjectMapper().readTree(run.out());
      assertThat(e.path("outcome").asText()).isEqualTo("executed");
      assertThat(new BigInteger(e.path("profit").asText())).isPositive();

      CliRun disallowed =
          defi("factories", "--contract", proxy, "--disallow", dexA, "--disallow", dexB, "--json");

      assertThat(disallowed.exitCode()).as(disallowed.err()).isEqualTo(ExitCode.OK);
      assertThat(new ObjectMapper().readTree(disallowed.out()).path("allowed_factories")).isEmpty();
      assertThat(deployed.arb().allowedFactories()).isEmpty();
      assertThat(defi(flashSwap).exitCode()).isEqualTo(ExitCode.USAGE);
    }
  }

  /**
   * A proxy deployed allowing the three V2-style DEXes and the V3 factory of the multi-hop market
   * runs a route of two V3 pools given on the command line; the owner gains exactly the profit the
   * command reports, and the record names the V3 factory. A V2 factory given as a V3 one is refused
   * before anything is sent.
   */
  @Test
  void deploysAllowingV3FactoriesAndRunsARouteThroughV3PoolsFromTheCommandLine() throws Exception {
    try (ChainClient chain = net.connect()) {
      RouteMarket market =
          RouteMarket.deploy(net.wallet(DefiChain.DEPLOYER_KEY), ContractsDir.locate());
      String v3 = market.v3Factory().toLowerCase(Locale.ROOT);
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);
      CliRun wrongKind = defi("deploy", "--v3-factory", market.dexA(), "--json");
      assertThat(wrongKind.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(wrongKind.err())
          .contains("--v3-factory " + market.dexA().toLowerCase(Locale.ROOT))
          .contains("is not a Uniswap V3 factory");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);

      CliRun deployed =
          defi(
              "deploy",
              "--balancer-vault",
              market.balancerVault(),
              "--aave-pool",
              market.aavePool(),
              "--factory",
              market.dexA(),
              "--v3-factory",
              market.v3Factory(),
              "--json");

      assertThat(deployed.exitCode()).as(deployed.err()).isEqualTo(ExitCode.OK);
      JsonNode j = new ObjectMapper().readTree(deployed.out());
      assertThat(j.path("allowed_v3_factories").toString()).isEqualTo("[\"" + v3 + "\"]");
      String proxy = j.path("proxy").asText();
      BigInteger before = Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS);

      CliRun run =
          defi(
              "flashloan",
              "--contract",
              proxy,
              "--lender",
              "balancer:" + market.balancerVault(),
              "--token",
              market.weth(),
              "--amount",
              LocalMarket.ONE.toString(),
              "--hop",
              "v3:" + market.v3WethUsdc500() + ":" + market.usdc(),
              "--hop",
              "v3:" + market.v3WethUsdc3000() + ":" + market.weth(),
              "--json");

      assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCode.OK);
      JsonNode e = new ObjectMapper().readTree(run.out());
      assertThat(e.path("outcome").asText()).isEqualTo("executed");
      BigInteger profit = new BigInteger(e.path("profit").asText());
      assertThat(profit).isPositive();
      assertThat(Erc20.balanceOf(chain, market.weth(), DEV_ADDRESS).subtract(before))
          .isEqualTo(profit);
      JsonNode executed = history().get(0);
      assertThat(executed.path("realized_profit").asText()).isEqualTo(weth(profit));
      assertThat(executed.path("exchanges").toString()).isEqualTo("[\"uniswap-v3:" + v3 + "\"]");
      assertThat(executed.path("path").path("hops").get(0).path("kind").asText())
          .isEqualTo("uniswap-v3");
    }
  }

  /** {@code amount} base units of an 18-decimal token as arb history writes it. */
  private static String weth(BigInteger amount) {
    return new java.math.BigDecimal(amount).movePointLeft(18).stripTrailingZeros().toPlainString();
  }

  private JsonNode history() throws Exception {
    CliRun h = CliRun.run(env, "--data-dir", dir.toString(), "history", "--json");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    return new ObjectMapper().readTree(h.out());
  }

  @Test
  void nodeKilledWhileWaitingForTheReceiptGivesAClearErrorAndTheFailedRecordIsStored()
      throws Exception {
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "chain-id = 31337",
                "chain-id = 31337\n  receipt-timeout = 60s\n  replace-after = null"));
    String[] route;
    BigInteger expected;
    BigInteger nonce;
    try (ChainClient chain = net.connect()) {
      DefiChain.Arbitrage deployed = net.deployArbitrage();
      LocalMarket market = deployed.market();
      FlashLoanArbitrageContract arb = deployed.arb();
      expected = net.balancerFlashloanProfit(market);
      route = DefiChain.balancerFlashloan(arb.address(), market, "--json");
      nonce = chain.pendingNonce(DEV_ADDRESS);
      // blocks are no longer mined: the transaction waits in the pool for a receipt
      chain.rpc("evm_setAutomine", List.of(false));
    }

    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> defi(route));
    try (ChainClient watcher = net.connect()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (watcher.pendingNonce(DEV_ADDRESS).equals(nonce)) {
        assertThat(System.nanoTime() - deadline).as("transaction reached the pool").isNegative();
        assertThat(run).as("flashloan still waiting").isNotDone();
        Thread.sleep(20);
      }
    }
    net.anvil().close(); // the node dies while the command waits for the receipt

    CliRun r = run.get(60, TimeUnit.SECONDS);

    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    Matcher m =
        Pattern.compile(
                "arb: chain: transaction nonce "
                    + nonce
                    + " from "
                    + DEV_ADDRESS
                    + " was sent as (0x[0-9a-f]{64}), but waiting for its receipt failed: chain:"
                    + " eth_getTransactionReceipt to "
                    + Pattern.quote(net.anvil().rpcUrl())
                    + " failed \\(.*\\); is the node running and the URL right\\?; it may still be"
                    + " mined, check before resending")
            .matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    String tx = m.group(1);
    assertThat(r.err())
        .contains(
            "flashloan: recorded as failed in " + dir.resolve("arb.db") + " (see 'arb history')");

    JsonNode h = history();
    assertThat(h).hasSize(1);
    JsonNode failed = h.get(0);
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("reason").asText())
        .startsWith("chain failed after sending: chain: transaction nonce " + nonce)
        .contains(tx)
        .contains("is the node running")
        .endsWith("it may still be mined, check before resending");
    assertThat(failed.path("solution").path("sent_as").toString()).isEqualTo("[\"" + tx + "\"]");
    assertThat(failed.path("solution").path("mined").asText()).isEqualTo("unknown");
    assertThat(failed.path("realized_profit").isNull()).isTrue();
    // simulated before sending, so the record keeps what was expected
    assertThat(failed.path("estimated_profit").asText()).isEqualTo(weth(expected));
    assertThat(failed.path("start_asset").asText()).isEqualTo("WETH");
  }

  @Test
  void gasCapComesFromTheConfigAndTheCommandLineOverridesIt() throws Exception {
    // a cap of 1 wei per gas is below anvil's base fee: nothing may be sent
    Files.writeString(
        config,
        Files.readString(config)
            .replace("chain-id = 31337", "chain-id = 31337\n  max-fee-gwei = 0.000000001"));
    try (ChainClient chain = net.connect()) {
      BigInteger nonce = chain.pendingNonce(DEV_ADDRESS);

      CliRun capped = defi("deploy");

      assertThat(capped.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(capped.err())
          .contains("wei/gas is above the cap 1; not sending (raise the gas cap or wait)");
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isEqualTo(nonce);

      CliRun overridden = defi("deploy", "--max-fee-gwei", "300", "--json");

      assertThat(overridden.exitCode()).as(overridden.err()).isEqualTo(ExitCode.OK);
      assertThat(chain.pendingNonce(DEV_ADDRESS)).isGreaterThan(nonce);

      CliRun bad = defi("deploy", "--max-fee-gwei", "0.0000000001");
      assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(bad.err()).contains("--max-fee-gwei: a gas cap must be a whole number of wei");
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
