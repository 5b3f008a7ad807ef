package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.config.ChainConfig.DexConfig;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainConfigTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");
  private static final String UNI = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";
  private static final String SUSHI = "0xC0AEe478e3658e2610c5F7A4A2E1777cE9e4f2Ac";
  private static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  private static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return p;
  }

  private static ArbConfig load(Path f) {
    return ConfigLoader.load(Optional.of(f), ENV, Map.of()).config();
  }

  private static List<String> problems(Path f) {
    return catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(f), ENV, Map.of()))
        .problems();
  }

  @Test
  void noChainsByDefault() {
    assertThat(ConfigLoader.load(Optional.empty(), ENV, Map.of()).config().chains()).isEmpty();
  }

  @Test
  void parsesAChainWithTwoDexesAndDefaults() throws IOException {
    Path f =
        file(
            """
            arb.chains {
              ethereum {
                rpc-url = { env = "ARB_ETHEREUM_RPC_URL" }
                chain-id = 1
                native-token = "%s"
                dexes {
                  uniswap-v2 { factory = "%s", fee = 0.003, max-pools = 200 }
                  pancake { factory = "%s", fee = "0.0025" }
                }
                tokens = ["%s", "%s"]
                same-as { WETH = "ETH", "USDC.e" = "usdc", "%s" = "BTC" }
                batch-size = 50
                request-timeout = 3s
              }
              local { rpc-url = "http://127.0.0.1:8545", chain-id = 31337 }
            }
            """
                .formatted(WETH, UNI, SUSHI, WETH, USDC, USDC));
    Map<String, ChainConfig> chains = load(f).chains();
    assertThat(chains).containsOnlyKeys("ethereum", "local");
    ChainConfig eth = chains.get("ethereum");
    assertThat(eth.rpcUrl())
        .contains(new ChainConfig.RpcUrl.Kept(new SecretRef.Env("ARB_ETHEREUM_RPC_URL")));
    assertThat(eth.chainId()).isEqualTo(1);
    assertThat(eth.nativeToken()).contains(WETH.toLowerCase());
    assertThat(eth.dexes().keySet()).containsExactly("pancake", "uniswap-v2");
    assertThat(eth.dexes().get("uniswap-v2"))
        .isEqualTo(new DexConfig("uniswap-v2", UNI.toLowerCase(), new BigDecimal("0.003"), 200));
    assertThat(eth.dexes().get("pancake"))
        .isEqualTo(
            new DexConfig(
                "pancake",
                SUSHI.toLowerCase(),
                new BigDecimal("0.0025"),
                DexConfig.DEFAULT_MAX_POOLS));
    assertThat(eth.tokens()).containsExactly(WETH.toLowerCase(), USDC.toLowerCase());
    assertThat(eth.pools()).isEmpty();
    assertThat(eth.sameAs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("WETH", "ETH", "USDC.e", "USDC", USDC.toLowerCase(), "BTC"));
    assertThat(eth.batchSize()).isEqualTo(50);
    assertThat(eth.requestTimeout()).isEqualTo(Duration.ofSeconds(3));

    ChainConfig local = chains.get("local");
    assertThat(local.rpcUrl()).contains(new ChainConfig.RpcUrl.Plain("http://127.0.0.1:8545"));
    assertThat(local.dexes()).isEmpty();
    assertThat(local.batchSize()).isEqualTo(ChainConfig.DEFAULT_BATCH_SIZE);
    assertThat(local.requestTimeout()).isEqualTo(ChainConfig.DEFAULT_REQUEST_TIMEOUT);
    assertThat(local.nativeToken()).isEmpty();
  }

  @Test
  void aSubmitUrlAndAWebSocketUrlAreReadAndCheckedForTheirSchemes() throws IOException {
    Path f =
        file(
            """
            arb.chains.local {
              chain-id = 31337
              rpc-url = "http://127.0.0.1:8545"
              submit-url = { env = "ARB_LOCAL_SUBMIT_URL" }
              ws-url = "ws://127.0.0.1:8545"
            }
            """);
    ChainConfig local = load(f).chains().get("local");
    assertThat(local.submitUrl())
        .contains(new ChainConfig.RpcUrl.Kept(new SecretRef.Env("ARB_LOCAL_SUBMIT_URL")));
    assertThat(local.wsUrl()).contains(new ChainConfig.RpcUrl.Plain("ws://127.0.0.1:8545"));
    assertThat(load(file("arb.chains.x { chain-id = 5 }")).chains().get("x").submitUrl()).isEmpty();

    Path bad =
        file(
            """
            arb.chains.local {
              chain-id = 31337
              submit-url = "ws://127.0.0.1:8545"
              ws-url = "http://127.0.0.1:8545"
            }
            """);
    String where = " (in " + bad + " line ";
    assertThat(problems(bad))
        .containsExactlyInAnyOrder(
            "config: arb.chains.local.submit-url must be a URL starting with http://, https://,"
                + " got \"ws://127.0.0.1:8545\""
                + where
                + "3)",
            "config: arb.chains.local.ws-url must be a URL starting with ws://, wss://, got"
                + " \"http://127.0.0.1:8545\""
                + where
                + "4)");
  }

  @Test
  void aDexWithoutFeeTakesUniswapV2sFee() throws IOException {
    Path f = file("arb.chains.x { chain-id = 5, dexes.uni { factory = \"%s\" } }".formatted(UNI));
    assertThat(load(f).chains().get("x").dexes().get("uni").fee())
        .isEqualByComparingTo(DexConfig.DEFAULT_FEE);
  }

  @Test
  void everyBadValueIsAProblemWithFileAndLine() throws IOException {
    Path f =
        file(
            """
            arb.chains {
              ethereum {
                rpc-url = "ws://127.0.0.1:8546"
                native-token = "WETH"
                dexes {
                  uniswap-v2 { factory = "0x1234", fee = 1.5, max-pools = 0 }
                  sushi { fee = 0.003 }
                  Bad_Name { factory = "%s" }
                }
                tokens = ["WETH"]
                same-as { WETH = 5 }
                batch-size = 5000
              }
            }
            """
                .formatted(SUSHI));
    String where = " (in " + f + " line ";
    assertThat(problems(f))
        .containsExactlyInAnyOrder(
            "config: arb.chains.ethereum.rpc-url must be a URL starting with http://, https://,"
                + " got \"ws://127.0.0.1:8546\""
                + where
                + "3)",
            "config: arb.chains.ethereum.chain-id is missing; give the chain id the node must"
                + " report (1 Ethereum, 137 Polygon, 31337 anvil)"
                + where
                + "2)",
            "config: arb.chains.ethereum.native-token must be an address (0x and 40 hex digits),"
                + " got \"WETH\""
                + where
                + "4)",
            "config: arb.chains.ethereum.dexes.uniswap-v2.factory must be an address (0x and 40"
                + " hex digits), got \"0x1234\""
                + where
                + "6)",
            "config: arb.chains.ethereum.dexes.uniswap-v2.fee must be a fraction from 0 to below 1"
                + " (0.003 is 0.3 %), got 1.5"
                + where
                + "6)",
            "config: arb.chains.ethereum.dexes.uniswap-v2.max-pools must be a whole number from 1"
                + " to 1000000, got 0"
                + where
                + "6)",
            "config: arb.chains.ethereum.dexes.sushi.factory is missing; give the DEX's factory"
                + " address"
                + where
                + "7)",
            "config: arb.chains.ethereum.dexes.Bad_Name is not a valid DEX name: use lower-case"
                + " letters, digits and -, such as uniswap-v2"
                + where
                + "8)",
            "config: arb.chains.ethereum.tokens must be a list of token addresses (symbols are not"
                + " unique on a chain, so not symbols), got \"WETH\""
                + where
                + "10)",
            "config: arb.chains.ethereum.same-as.\"WETH\" must be an exchange asset code such as"
                + " \"ETH\", got 5"
                + where
                + "11)",
            "config: arb.chains.ethereum.batch-size must be a whole number from 1 to 1000, got"
                + " 5000"
                + where
                + "12)");
  }

  @Test
  void aTypoInAChainKeyIsReportedWithASuggestion() throws IOException {
    Path f =
        file(
            """
            arb.chains.ethereum {
              chain-id = 1
              dexes.uniswap-v2 { factroy = "%s" }
              max-pool = 10
            }
            """
                .formatted(UNI));
    assertThat(problems(f))
        .contains(
            "config: arb.chains.ethereum.dexes.uniswap-v2.factroy is not a known key; did you mean"
                + " arb.chains.ethereum.dexes.uniswap-v2.factory? (in "
                + f
                + " line 3)")
        .anySatisfy(p -> assertThat(p).startsWith("config: arb.chains.ethereum.max-pool is not"));
  }

  @Test
  void poolsNeedDexesToNameThem() throws IOException {
    Path f = file("arb.chains.ethereum {\n  chain-id = 1\n  pools = [\"%s\"]\n}".formatted(UNI));
    assertThat(problems(f))
        .containsExactly(
            "config: arb.chains.ethereum.dexes is missing while arb.chains.ethereum.pools is set;"
                + " each pool's factory must be a configured DEX (its name and fee) (in "
                + f
                + " line 3)");
  }

  @Test
  void anRpcUrlWrittenAsSecretObjectNeverEchoesWhatWasPasted() throws IOException {
    Path f =
        file(
            "arb.chains.ethereum {\n  chain-id = 1\n"
                + "  rpc-url = { url = \"https://eth.example/v3/SECRETKEY\" }\n}");
    List<String> problems = problems(f);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("config: arb.chains.ethereum.rpc-url must be { env = \"VARIABLE\" }")
        .doesNotContain("SECRETKEY");
  }

  @Test
  void configShowListsTheChainWithTheRpcUrlReferenceOnly() throws IOException {
    Path f =
        file(
            """
            arb.chains.ethereum {
              rpc-url = { env = "ARB_ETHEREUM_RPC_URL" }
              chain-id = 1
              dexes.uniswap-v2 { factory = "%s" }
            }
            """
                .formatted(UNI));
    LoadedConfig loaded = ConfigLoader.load(Optional.of(f), Map.of("HOME", "/h"), Map.of());
    List<EffectiveConfig.Setting> settings =
        EffectiveConfig.settings(
            loaded, Map.of("HOME", "/h", "ARB_ETHEREUM_RPC_URL", "https://x.example/v3/KEY"));
    assertThat(settings)
        .filteredOn(s -> s.key().startsWith("arb.chains."))
        .extracting(EffectiveConfig.Setting::key)
        .containsExactly(
            "arb.chains.ethereum.rpc-url",
            "arb.chains.ethereum.chain-id",
            "arb.chains.ethereum.native-token",
            "arb.chains.ethereum.dexes.uniswap-v2.factory",
            "arb.chains.ethereum.dexes.uniswap-v2.fee",
            "arb.chains.ethereum.dexes.uniswap-v2.max-pools",
            "arb.chains.ethereum.pools",
            "arb.chains.ethereum.tokens",
            "arb.chains.ethereum.batch-size",
            "arb.chains.ethereum.request-timeout");
    EffectiveConfig.Setting rpc =
        settings.stream()
            .filter(s -> s.key().equals("arb.chains.ethereum.rpc-url"))
            .findFirst()
            .orElseThrow();
    assertThat(rpc.value()).isEqualTo(Map.of("env", "ARB_ETHEREUM_RPC_URL"));
    assertThat(rpc.note()).contains("ARB_ETHEREUM_RPC_URL is set (value redacted)");
    assertThat(settings.toString()).doesNotContain("KEY\"").doesNotContain("/v3/KEY");
  }

  private static final String VAULT = "0xBA12222222228d8Ba445958a75a0704d566BF2C8";
  private static final String PROXY = "0x1111111111111111111111111111111111111111";

  @Test
  void parsesFollowWithItsDefaultsAndTheMarginOfArbDefi() throws IOException {
    Path f =
        file(
            """
            arb.defi.min-profit-margin = 0.0025
            arb.chains.ethereum {
              chain-id = 1
              native-token = "%s"
              dexes { uniswap-v2 { factory = "%s" } }
              follow { contract = "%s", balancer-vault = "%s" }
            }
            """
                .formatted(WETH, UNI, PROXY, VAULT));

    ArbConfig cfg = load(f);

    ChainConfig.Follow follow = cfg.chains().get("ethereum").follow().orElseThrow();
    assertThat(follow.contract()).isEqualTo(PROXY);
    assertThat(follow.balancerVault()).contains(VAULT.toLowerCase(java.util.Locale.ROOT));
    assertThat(follow.aavePool()).isEmpty();
    assertThat(follow.startTokens()).isEmpty();
    assertThat(follow.maxHops()).isEqualTo(3);
    assertThat(follow.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(follow.replaceAfterBlocks()).isEqualTo(3);
    assertThat(follow.inventory()).isFalse();
    assertThat(cfg.defi().minProfitMargin()).isEqualByComparingTo("0.0025");
  }

  @Test
  void aChainWithoutFollowIsNotFollowedAndTheMarginDefaultsTo0001() throws IOException {
    ArbConfig cfg =
        load(
            file(
                "arb.chains.ethereum { chain-id = 1, dexes { uniswap-v2 { factory = \"%s\" } } }"
                    .formatted(UNI)));

    assertThat(cfg.chains().get("ethereum").follow()).isEmpty();
    assertThat(cfg.defi().minProfitMargin()).isEqualByComparingTo("0.001");
  }

  @Test
  void everyBadFollowSettingIsAProblemNamingItsKey() throws IOException {
    Path f =
        file(
            """
            arb.defi.min-profit-margin = -1
            arb.chains.ethereum {
              chain-id = 1
              dexes { uniswap-v2 { factory = "%s" } }
              follow { max-hops = 7, poll-interval = 0s, replace-after-blocks = 0 }
            }
            """
                .formatted(UNI));

    List<String> problems = problems(f);

    assertThat(String.join("\n", problems))
        .contains("arb.defi.min-profit-margin must be a decimal of the chain's native token")
        .contains("arb.chains.ethereum.follow.contract is missing; give the address of the")
        .contains("arb.chains.ethereum.follow has no lender; set arb.chains.ethereum.follow.bal")
        .contains("arb.chains.ethereum.native-token is missing; arb.chains.ethereum.follow needs")
        .contains("arb.chains.ethereum.follow.max-hops must be a whole number from 2 to 6")
        .contains("arb.chains.ethereum.follow.poll-interval must be a positive duration")
        .contains("arb.chains.ethereum.follow.replace-after-blocks must be a whole number");
    assertThat(problems).allMatch(p -> p.contains("arb.conf"));
  }

  private Path inventory(String sameAs, String value) throws IOException {
    return file(
        """
        arb.chains.ethereum {
          chain-id = 1
          native-token = "%s"
          dexes { uniswap-v2 { factory = "%s" } }
          same-as { %s }
          follow { contract = "%s", balancer-vault = "%s", inventory = %s }
        }
        """
            .formatted(WETH, UNI, sameAs, PROXY, VAULT, value));
  }

  @Test
  void inventoryIsReadAndNeedsASameAsJoinByAddressOrSymbol() throws IOException {
    Path f = inventory("\"%s\" = ETH, \"%s\" = USDC".formatted(WETH, USDC), "true");
    ArbConfig on = load(f);
    assertThat(on.chains().get("ethereum").follow().orElseThrow().inventory()).isTrue();
    assertThat(on.chains().get("ethereum").sameAs()).hasSize(2);
    assertThat(EffectiveConfig.settings(ConfigLoader.load(Optional.of(f), ENV, Map.of()), ENV))
        .filteredOn(s -> s.key().equals("arb.chains.ethereum.follow.inventory"))
        .extracting(EffectiveConfig.Setting::value)
        .containsExactly(true);

    String empty = String.join("\n", problems(inventory("", "true")));
    assertThat(empty)
        .contains("arb.chains.ethereum.follow.inventory is true but arb.chains.ethereum.same-as is")
        .contains("arb.conf");

    // a join keyed by the token's symbol: the follower resolves it among its pools' tokens
    assertThat(
            load(inventory("WETH = ETH, \"%s\" = USDC".formatted(USDC), "true"))
                .chains()
                .get("ethereum")
                .sameAs())
        .containsEntry("WETH", "ETH")
        .hasSize(2);

    // a symbol join is fine without inventory trading (arb scan --chain resolves it)
    assertThat(
            load(inventory("WETH = ETH", "false"))
                .chains()
                .get("ethereum")
                .follow()
                .orElseThrow()
                .inventory())
        .isFalse();
    assertThat(String.join("\n", problems(inventory("WETH = ETH", "maybe"))))
        .contains("arb.chains.ethereum.follow.inventory must be true or false");
  }
}
