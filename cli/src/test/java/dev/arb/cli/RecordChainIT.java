package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.defi.pools.JsonRpcPoolReader;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Token;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb record --chain} end to end against anvil with two real Uniswap V2 factories: with no
 * configuration at all ({@code --rpc-url} and {@code --dex}), and from {@code arb.chains}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordChainIT {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  private DefiChain chain;
  private String uni;
  private String sushi;
  private String weth;
  private String usdc;
  private String dai;

  /** Pools with liquidity: address, dex, token0, token1, reserve0, reserve1 (lower-case). */
  private List<Object[]> seeded;

  @TempDir Path dir;

  @BeforeAll
  void deploy() {
    chain = DefiChain.start();
    Wallet w = chain.wallet(DefiChain.DEPLOYER_KEY);
    Path contracts = ContractsDir.locate();
    uni = UniswapV2.deployFactory(w, contracts);
    sushi = UniswapV2.deployFactory(w, contracts);
    BigInteger supply = BigInteger.TEN.pow(40);
    weth = Erc20.deployTestToken(w, "Wrapped Ether", "WETH", supply);
    usdc = Erc20.deployTestToken(w, "USD Coin", "USDC", supply);
    dai = Erc20.deployTestToken(w, "Dai", "DAI", supply);
    seeded =
        List.of(
            seed(
                w,
                uni,
                "uniswap-v2",
                weth,
                E18.multiply(BigInteger.valueOf(100)),
                usdc,
                E18.multiply(BigInteger.valueOf(200_000))),
            seed(
                w,
                uni,
                "uniswap-v2",
                usdc,
                E18.multiply(BigInteger.valueOf(50_000)),
                dai,
                E18.multiply(BigInteger.valueOf(50_100))),
            seed(
                w,
                sushi,
                "sushiswap",
                weth,
                E18.multiply(BigInteger.valueOf(30)),
                usdc,
                E18.multiply(BigInteger.valueOf(66_000))),
            seed(
                w,
                sushi,
                "sushiswap",
                dai,
                new BigInteger("123456789012345678901"),
                weth,
                new BigInteger("61728394506172839")));
    UniswapV2.createPair(w, sushi, usdc, dai); // no liquidity: left out
  }

  private static Object[] seed(
      Wallet w, String factory, String dex, String a, BigInteger ra, String b, BigInteger rb) {
    String pair = UniswapV2.createPair(w, factory, a, b);
    UniswapV2.addLiquidity(w, pair, a, ra, b, rb);
    boolean aFirst = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)) < 0;
    return aFirst ? new Object[] {pair, dex, a, b, ra, rb} : new Object[] {pair, dex, b, a, rb, ra};
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  /** {@code record --chain local} with {@code --rpc-url} and both DEXes, data in {@code data}. */
  private String[] localArgs(String data, String... extra) {
    String[] base = {
      "--data-dir",
      dir.resolve(data).toString(),
      "record",
      "--chain",
      "local",
      "--rpc-url",
      chain.anvil().rpcUrl(),
      "--dex",
      "uniswap-v2=" + uni,
      "--dex",
      "sushiswap=" + sushi + ":0.0030"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void recordsALocalChainWithNoConfigurationAtAll() throws IOException {
    Path out = dir.resolve("f.json");
    CliRun r = CliRun.run(ENV, localArgs("first", "--output", out.toString()));

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    long head = chain.chain().blockNumber().longValueExact();
    assertThat(r.out())
        .matches(
            "local block "
                + head
                + " \\(\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\\): 4 pools, 3 tokens, 1 left out \\(1 zero"
                + " reserve\\) written to "
                + java.util.regex.Pattern.quote(out.toString())
                + "; \\d+ calls in 5 requests, \\d+\\.\\d{3} s\\n");
    assertThat(r.err()).isEmpty();

    assertThat(Files.readString(out)).startsWith("{\n  \"format_version\": 2,");
    MarketSnapshot d = SnapshotJson.read(out);
    assertThat(d.problems()).isEmpty();
    assertThat(d.books()).isEmpty();
    assertThat(d.chains()).hasSize(1);
    ChainSnapshot c = d.chains().get(0);
    assertThat(c.name()).isEqualTo("local");
    assertThat(c.chainId()).isEqualTo(31337);
    assertThat(c.block()).hasValue(head);
    assertThat(c.nativeToken()).isEmpty();
    assertThat(pools(c)).containsExactlyElementsOf(expectedPools());
    assertThat(c.tokens())
        .extracting(Token::symbol, Token::decimals)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("WETH", 18),
            org.assertj.core.groups.Tuple.tuple("USDC", 18),
            org.assertj.core.groups.Tuple.tuple("DAI", 18));
    assertThat(dir.resolve("first/chains/local-tokens.json")).exists();
  }

  @Test
  void printsASnakeCaseJsonSummary() throws IOException {
    Path out = dir.resolve("j.json");
    CliRun r = CliRun.run(ENV, localArgs("json", "--output", out.toString(), "--json"));

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("chain").asText()).isEqualTo("local");
    assertThat(j.get("chain_id").asLong()).isEqualTo(31337);
    assertThat(j.get("block").asLong()).isEqualTo(chain.chain().blockNumber().longValueExact());
    assertThat(j.get("output").asText()).isEqualTo(out.toString());
    assertThat(j.get("pools").asInt()).isEqualTo(4);
    assertThat(j.get("left_out").asInt()).isEqualTo(1);
    assertThat(j.get("left_out_by_reason").get(JsonRpcPoolReader.ZERO_RESERVE).asInt())
        .isEqualTo(1);
    assertThat(j.get("skipped").asLong()).isZero();
    assertThat(j.get("tokens").asInt()).isEqualTo(3);
    assertThat(j.get("seconds").isTextual()).isTrue();
    assertThat(j.get("seconds").asText()).matches("\\d+\\.\\d{3}");
    assertThat(j.get("problems").size()).isZero();
    assertThat(j.has("observed_at")).isTrue();
  }

  @Test
  void recordsAConfiguredChainWithItsUrlFromTheEnvironmentAndItsAllowList() throws IOException {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        """
        arb.chains.dev {
          rpc-url = { env = "DEV_RPC_URL" }
          chain-id = 31337
          native-token = "%s"
          dexes {
            uniswap-v2 { factory = "%s", fee = 0.003 }
            sushiswap { factory = "%s", max-pools = 1 }
          }
          tokens = ["%s", "%s"]
        }
        """
            .formatted(weth, uni, sushi, weth, usdc));
    Path out = dir.resolve("dev.json");
    CliRun r =
        CliRun.run(
            Map.of("HOME", "/nonexistent-home", "DEV_RPC_URL", chain.anvil().rpcUrl()),
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "record",
            "--chain",
            "dev",
            "--output",
            out.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    // sushiswap's first pair (WETH/USDC) only: its other two are skipped by max-pools 1
    assertThat(r.out())
        .contains(
            ": 2 pools, 2 tokens, 1 left out (1 not in allow list), 2"
                + " skipped over max-pools written to");
    assertThat(r.err())
        .isEqualTo(
            "warning: dev:"
                + JsonRpcPoolReader.shortAddress(sushi)
                + ": sushiswap lists 3 pairs; the first 1 are read, 2 skipped (max-pools 1)\n");
    ChainSnapshot c = SnapshotJson.read(out).chains().get(0);
    assertThat(c.name()).isEqualTo("dev");
    assertThat(c.nativeToken()).hasValue(weth.toLowerCase(Locale.ROOT));
    // configured DEXes are read in name order
    assertThat(pools(c)).containsExactly(expectedPools().get(2), expectedPools().get(0));
  }

  @Test
  void aPinnedBlockGivesTheSameFileAfterASwap() throws IOException {
    long pinned = chain.chain().blockNumber().longValueExact();
    Path before = dir.resolve("before.json");
    assertThat(
            CliRun.run(
                    ENV, localArgs("pinned", "--output", before.toString(), "--block", "" + pinned))
                .exitCode())
        .isEqualTo(ExitCode.OK);
    Object snapshot = chain.chain().rpc("evm_snapshot", List.of());
    try {
      Wallet w = chain.wallet(DefiChain.DEPLOYER_KEY);
      Object[] p = seeded.get(0);
      BigInteger in = E18;
      BigInteger outAmount =
          new ConstantProduct.Hop((BigInteger) p[4], (BigInteger) p[5], 30).amountOut(in);
      Erc20.transfer(w, (String) p[2], (String) p[0], in);
      w.transact(
          (String) p[0],
          org.web3j.abi.FunctionEncoder.encode(
              new org.web3j.abi.datatypes.Function(
                  "swap",
                  List.of(
                      new org.web3j.abi.datatypes.generated.Uint256(BigInteger.ZERO),
                      new org.web3j.abi.datatypes.generated.Uint256(outAmount),
                      new org.web3j.abi.datatypes.Address(w.address()),
                      new org.web3j.abi.datatypes.DynamicBytes(new byte[0])),
                  List.of())),
          new dev.arb.defi.chain.RevertDecoder());

      Path again = dir.resolve("again.json");
      Path latest = dir.resolve("latest.json");
      assertThat(
              CliRun.run(
                      ENV,
                      localArgs("pinned", "--output", again.toString(), "--block", "" + pinned))
                  .exitCode())
          .isEqualTo(ExitCode.OK);
      assertThat(CliRun.run(ENV, localArgs("pinned", "--output", latest.toString())).exitCode())
          .isEqualTo(ExitCode.OK);
      assertThat(Files.readString(again)).isEqualTo(Files.readString(before));
      ConstantProductPool swapped =
          (ConstantProductPool) SnapshotJson.read(latest).chains().get(0).pools().get(0);
      assertThat(swapped.reserve0()).isEqualTo(((BigInteger) p[4]).add(in));
      assertThat(swapped.reserve1()).isEqualTo(((BigInteger) p[5]).subtract(outAmount));
    } finally {
      assertThat(chain.chain().rpc("evm_revert", List.of(snapshot))).isEqualTo(Boolean.TRUE);
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    Path out = dir.resolve("never.json");
    CliRun noDex =
        CliRun.run(
            ENV,
            "record",
            "--chain",
            "local",
            "--rpc-url",
            chain.anvil().rpcUrl(),
            "--output",
            out.toString());
    assertThat(noDex.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noDex.err())
        .isEqualTo(
            "record: chain local is not configured in arb.chains; give its DEXes with --dex"
                + " NAME=FACTORY[:FEE] (and --rpc-url URL), or configure arb.chains.local\n");

    CliRun badDex =
        CliRun.run(
            ENV, "record", "--chain", "local", "--dex", "uni=0x12", "--output", out.toString());
    assertThat(badDex.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badDex.err()).startsWith("record: --dex must be NAME=FACTORY or NAME=FACTORY:FEE");

    CliRun maxPoolsAlone =
        CliRun.run(
            ENV,
            "record",
            "--chain",
            "local",
            "--max-pools",
            "3",
            "--rpc-url",
            chain.anvil().rpcUrl(),
            "--output",
            out.toString());
    assertThat(maxPoolsAlone.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(maxPoolsAlone.err())
        .isEqualTo(
            "record: --max-pools applies to --dex; for configured DEXes set"
                + " arb.chains.local.dexes.NAME.max-pools\n");

    CliRun noUrl =
        CliRun.run(
            ENV, "record", "--chain", "local", "--dex", "uni=" + uni, "--output", out.toString());
    assertThat(noUrl.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noUrl.err())
        .isEqualTo(
            "record: no RPC URL for chain local; give --rpc-url URL or set"
                + " arb.chains.local.rpc-url\n");

    CliRun wsUrl =
        CliRun.run(
            ENV,
            "record",
            "--chain",
            "local",
            "--dex",
            "uni=" + uni,
            "--rpc-url",
            "wss://eth.example/v3/SECRETKEY",
            "--output",
            out.toString());
    assertThat(wsUrl.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(wsUrl.err())
        .isEqualTo(
            "record: --rpc-url must be an http:// or https:// URL with a host, got"
                + " wss://eth.example/…\n");

    CliRun both =
        CliRun.run(
            ENV, "record", "--chain", "local", "--exchange", "kraken", "--output", out.toString());
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err())
        .isEqualTo("record: give either exchanges (--exchange) or a chain (--chain), not both\n");

    assertThat(out).doesNotExist();
  }

  @Test
  void theWrongChainOrADownNodeIsAFailureNamingTheRpc() throws IOException {
    Path out = dir.resolve("never.json");
    CliRun wrongId =
        CliRun.run(ENV, localArgs("wrong", "--chain-id", "1", "--output", out.toString()));
    assertThat(wrongId.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(wrongId.err())
        .isEqualTo(
            "arb: chain: the RPC at "
                + chain.anvil().rpcUrl()
                + " serves chain id 31337, but chain local is 1; check the RPC URL and the"
                + " configured chain-id\n");

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun down =
        CliRun.run(
            ENV,
            "--data-dir",
            dir.resolve("data").toString(),
            "record",
            "--chain",
            "local",
            "--rpc-url",
            "http://127.0.0.1:" + port + "/v3/SECRETKEY",
            "--dex",
            "uniswap-v2=" + uni,
            "--output",
            out.toString());
    assertThat(down.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(down.err())
        .isEqualTo(
            "arb: chain: the RPC at http://127.0.0.1:"
                + port
                + "/… failed while reading the block: cannot connect (3 attempts); check that"
                + " the node is up and the URL is right\n");
    assertThat(out).doesNotExist();
  }

  /** Address, DEX, kind, fee, token0, token1, reserve0, reserve1 of each pool, as written. */
  private List<List<String>> expectedPools() {
    return seeded.stream()
        .map(
            p ->
                List.of(
                    JsonRpcPoolReader.checksum((String) p[0]),
                    (String) p[1],
                    "constant-product",
                    "0.003",
                    JsonRpcPoolReader.checksum((String) p[2]),
                    JsonRpcPoolReader.checksum((String) p[3]),
                    p[4].toString(),
                    p[5].toString()))
        .toList();
  }

  /** The pools of a chain read back from a file, in the form of {@link #expectedPools}. */
  private static List<List<String>> pools(ChainSnapshot c) {
    return c.pools().stream()
        .map(
            p -> {
              ConstantProductPool cp = (ConstantProductPool) p;
              return List.of(
                  Addresses.checksum(cp.address()),
                  cp.dex(),
                  cp.kind().code(),
                  cp.fee().toPlainString(),
                  cp.token0().checksumAddress(),
                  cp.token1().checksumAddress(),
                  cp.reserve0().toString(),
                  cp.reserve1().toString());
            })
        .toList();
  }
}
