package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.error.ChainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Record, scan, execute: {@code arb record --chain local} reads two real Uniswap V2 factories on
 * anvil with a seeded mispricing (WETH at 2,000 USDC on one DEX, 2,200 on the other), {@code arb
 * scan --input} finds the DEX cycles in the file, best first, and every re-priced integer amount it
 * reports is what the real pair contracts pay when the swaps are sent on anvil, to the smallest
 * unit: each pair pays the reported {@code amount_out} for the reported {@code amount_in} and
 * refuses one unit more ({@code UniswapV2: K}). {@code arb scan --chain local} live finds the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainScanIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");
  private static final BigInteger E6 = BigInteger.TEN.pow(6);
  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final RevertDecoder DECODER = new RevertDecoder();

  private DefiChain chain;
  private Wallet w;
  private String uni;
  private String sushi;
  private String weth;
  private String usdc;
  private String dai;

  @TempDir Path dir;

  @BeforeAll
  void deploy() {
    chain = DefiChain.start();
    w = chain.wallet(DefiChain.DEPLOYER_KEY);
    Path contracts = ContractsDir.locate();
    uni = UniswapV2.deployFactory(w, contracts);
    sushi = UniswapV2.deployFactory(w, contracts);
    BigInteger supply = BigInteger.TEN.pow(40);
    weth = Erc20.deployTestToken(w, "Wrapped Ether", "WETH", supply);
    dai = Erc20.deployTestToken(w, "Dai", "DAI", supply);
    usdc = sixDecimals(w, "USDC", supply);
    seed(uni, weth, E18.multiply(BigInteger.valueOf(100)), usdc, usd(200_000));
    seed(sushi, weth, E18.multiply(BigInteger.valueOf(50)), usdc, usd(110_000));
    seed(uni, dai, E18.multiply(BigInteger.valueOf(500_000)), usdc, usd(500_000));
    seed(
        sushi,
        dai,
        E18.multiply(BigInteger.valueOf(84_000)),
        weth,
        E18.multiply(BigInteger.TEN.multiply(BigInteger.valueOf(4))));
  }

  private static BigInteger usd(long dollars) {
    return E6.multiply(BigInteger.valueOf(dollars));
  }

  /** A standard ERC-20 with 6 decimals (the test MetadataToken without quirks). */
  private static String sixDecimals(Wallet w, String symbol, BigInteger supply) {
    ContractArtifact art =
        ContractArtifact.fromFile(ContractsDir.locate().resolve("build/test/MetadataToken.json"));
    return w.deploy(
        art.bytecode()
            + FunctionEncoder.encodeConstructor(
                Arrays.asList(
                    new Utf8String("Token " + symbol),
                    new Utf8String(symbol),
                    new Uint8(6),
                    new Uint8(0),
                    new Uint256(supply))),
        art.revertDecoder());
  }

  private void seed(String factory, String a, BigInteger ra, String b, BigInteger rb) {
    String pair = UniswapV2.createPair(w, factory, a, b);
    UniswapV2.addLiquidity(w, pair, a, ra, b, rb);
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  private String[] chainArgs() {
    return new String[] {
      "--chain",
      "local",
      "--rpc-url",
      chain.anvil().rpcUrl(),
      "--dex",
      "uniswap-v2=" + uni,
      "--dex",
      "sushiswap=" + sushi
    };
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
    all.addAll(List.of(args));
    return CliRun.run(ENV, all.toArray(String[]::new));
  }

  private CliRun cli(String[] first, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(first));
    all.addAll(List.of(more));
    return cli(all.toArray(String[]::new));
  }

  private JsonNode record(Path file) throws Exception {
    List<String> args = new ArrayList<>(List.of("record"));
    args.addAll(List.of(chainArgs()));
    args.addAll(List.of("--output", file.toString()));
    CliRun r = cli(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains(": 4 pools, 3 tokens, 0 left out");
    CliRun s =
        cli("scan", "--input", file.toString(), "--max-length", "3", "--json", "--no-record");
    assertThat(s.exitCode()).as(s.err()).isEqualTo(ExitCode.OK);
    return JSON.readTree(s.out());
  }

  @Test
  void theRecordedFileScansToCyclesThatTheRealPairsPayToTheWei() throws Exception {
    JsonNode doc = record(dir.resolve("f.json"));

    assertThat(doc.get("markets").asInt()).isEqualTo(4);
    assertThat(doc.get("problems").size()).isZero();
    assertThat(doc.get("notes").toString()).contains("before gas");
    JsonNode ops = doc.get("opportunities");
    assertThat(ops.size()).isGreaterThanOrEqualTo(2);
    double previous = Double.MAX_VALUE;
    int twoLegs = 0;
    int threeLegs = 0;
    int executed = 0;
    for (JsonNode o : ops) {
      assertThat(o.get("return_bp").asDouble()).isLessThanOrEqualTo(previous);
      previous = o.get("return_bp").asDouble();
      if (!o.get("status").asText().equals("sized")) {
        continue;
      }
      twoLegs += o.get("legs").size() == 2 ? 1 : 0;
      threeLegs += o.get("legs").size() == 3 ? 1 : 0;
      executeAndCompare(o);
      executed++;
    }
    // the seeded mispricing: buy WETH for USDC on Uniswap at 2,000, sell it on Sushi at 2,200
    JsonNode best = ops.get(0);
    assertThat(best.get("status").asText()).isEqualTo("sized");
    assertThat(best.get("return_bp").asDouble()).isGreaterThan(300);
    assertThat(best.get("legs").get(0).get("dex").asText())
        .isNotEqualTo(best.get("legs").get(1).get("dex").asText());
    assertThat(twoLegs).isPositive();
    assertThat(threeLegs).isPositive();
    assertThat(executed).isGreaterThanOrEqualTo(2);
  }

  /**
   * Sends the opportunity's swaps through the pairs (each paying straight into the next pool, the
   * last one back to the wallet), on a chain snapshot that is reverted afterwards: every pair
   * refuses one unit more than the reported amount out and pays exactly the reported amount.
   */
  private void executeAndCompare(JsonNode o) {
    Object snapshot = chain.chain().rpc("evm_snapshot", List.of());
    // a new wallet reads its nonce from the chain: the previous execution was reverted
    Wallet w = chain.wallet(DefiChain.DEPLOYER_KEY);
    try {
      JsonNode legs = o.get("legs");
      String startToken = legs.get(0).get("token_in").asText();
      BigInteger walletBefore = Erc20.balanceOf(chain.chain(), startToken, w.address());
      BigInteger amountIn = new BigInteger(legs.get(0).get("amount_in").asText());
      Erc20.transfer(w, startToken, legs.get(0).get("pool").asText(), amountIn);
      for (int i = 0; i < legs.size(); i++) {
        JsonNode leg = legs.get(i);
        String pool = leg.get("pool").asText();
        String tokenOut = leg.get("token_out").asText();
        BigInteger out = new BigInteger(leg.get("amount_out").asText());
        String to = i + 1 < legs.size() ? legs.get(i + 1).get("pool").asText() : w.address();
        if (i > 0) {
          // what this leg spends is exactly what the previous pool paid into it
          assertThat(new BigInteger(leg.get("amount_in").asText()))
              .isEqualTo(new BigInteger(legs.get(i - 1).get("amount_out").asText()));
        }
        assertThatThrownBy(() -> swap(w, pool, tokenOut, out.add(BigInteger.ONE), to))
            .as("leg %d pays no more than reported", i)
            .isInstanceOf(ChainException.class)
            .hasMessageContaining("UniswapV2: K");
        BigInteger before = Erc20.balanceOf(chain.chain(), tokenOut, to);
        swap(w, pool, tokenOut, out, to);
        assertThat(Erc20.balanceOf(chain.chain(), tokenOut, to).subtract(before))
            .as("leg %d pays exactly what the scan reported", i)
            .isEqualTo(out);
      }
      BigInteger end = new BigInteger(legs.get(legs.size() - 1).get("amount_out").asText());
      BigInteger profit =
          Erc20.balanceOf(chain.chain(), startToken, w.address()).subtract(walletBefore);
      assertThat(profit).isEqualTo(end.subtract(amountIn)).isPositive();
      int decimals = startToken.equalsIgnoreCase(usdc) ? 6 : 18;
      assertThat(new BigDecimal(o.get("profit").asText()))
          .isEqualByComparingTo(new BigDecimal(profit, decimals));
      assertThat(new BigDecimal(o.get("start_amount").asText()))
          .isEqualByComparingTo(new BigDecimal(amountIn, decimals));
    } finally {
      assertThat(chain.chain().rpc("evm_revert", List.of(snapshot))).isEqualTo(Boolean.TRUE);
    }
  }

  /** {@code pair.swap} asking for {@code amountOut} of {@code tokenOut}, paid to {@code to}. */
  private void swap(Wallet w, String pair, String tokenOut, BigInteger amountOut, String to) {
    boolean outIs0 = UniswapV2.reserves(chain.chain(), pair).token0().equalsIgnoreCase(tokenOut);
    w.transact(
        pair,
        FunctionEncoder.encode(
            new Function(
                "swap",
                List.of(
                    new Uint256(outIs0 ? amountOut : BigInteger.ZERO),
                    new Uint256(outIs0 ? BigInteger.ZERO : amountOut),
                    new Address(to),
                    new DynamicBytes(new byte[0])),
                List.of())),
        DECODER);
  }

  @Test
  void scanChainLiveFindsWhatTheRecordedFileHolds() throws Exception {
    JsonNode fromFile = record(dir.resolve("same.json"));
    CliRun live = cli(new String[] {"scan"}, concat(chainArgs(), "--max-length", "3", "--json"));
    assertThat(live.exitCode()).as(live.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(live.out());
    assertThat(doc.get("source").asText()).startsWith("chain local (http://127.0.0.1:");
    assertThat(doc.get("opportunities")).isEqualTo(fromFile.get("opportunities"));
    // the live scan records what it found
    CliRun h = cli("history", "--json");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    assertThat(JSON.readTree(h.out()).size()).isEqualTo(doc.get("opportunities").size());
  }

  @Test
  void sameAsAndGasApplyToALiveChain() throws Exception {
    CliRun r =
        cli(
            new String[] {"scan"},
            concat(
                chainArgs(),
                "--max-length",
                "3",
                "--gas-price",
                "2.5",
                "--start",
                "USDC",
                "--json",
                "--no-record"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    JsonNode first = doc.get("opportunities").get(0);
    assertThat(first.get("cycle").get(0).asText()).isEqualTo("USDC");
    // no native token is configured for a chain given on the command line: gas cannot be valued
    assertThat(first.get("status").asText()).isEqualTo("rejected");
    assertThat(first.get("reason").asText()).startsWith("gas not valued");
  }

  @Test
  void aChainAndAnExchangeTogetherAreOneGraphJoinedBySameAs() throws Exception {
    // Bitstamp's real ETH/USD book (2022-01-05, ETH near 3,800 USD) served on 127.0.0.1
    WireMockServer bitstamp = LiveScanIT.server();
    try {
      LiveScanIT.json(
          bitstamp, "/api/v2/trading-pairs-info/", LiveScanIT.fixture("trading-pairs-info.json"));
      LiveScanIT.json(
          bitstamp, "/api/v2/order_book/ethusd/", LiveScanIT.fixture("order_book_ethusd.json"));
      Path conf = dir.resolve("bitstamp.conf");
      Files.writeString(conf, "arb.exchanges.bitstamp { markets = [\"ETH/USD\"] }\n");
      List<String> args = new ArrayList<>(List.of("--config", conf.toString(), "scan"));
      args.addAll(List.of(chainArgs()));
      args.addAll(
          List.of(
              "--exchange",
              "bitstamp",
              "--exchange-url",
              "bitstamp=" + bitstamp.baseUrl(),
              "--max-book-age",
              "100000d",
              "--same-as",
              "WETH=ETH,USDC=USD",
              "--max-length",
              "3",
              "--json",
              "--no-record"));
      CliRun r = cli(args.toArray(String[]::new));
      JsonNode doc = JSON.readTree(r.out());
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
      assertThat(doc.get("markets").asInt()).isEqualTo(1 + 4);
      assertThat(doc.get("source").asText()).contains("bitstamp").contains("chain local");
      JsonNode mixed = null;
      for (JsonNode o : doc.get("opportunities")) {
        if (o.get("exchanges").toString().contains("bitstamp")
            && o.get("exchanges").toString().contains("local")
            && o.get("status").asText().equals("sized")) {
          mixed = o;
          break;
        }
      }
      assertThat(mixed).as(doc.toPrettyString()).isNotNull();
      // WETH bought in a pool (about 2,000 USDC) is sold as ETH on Bitstamp (about 3,800 USD)
      assertThat(mixed.get("cycle").toString()).contains("WETH=ETH").contains("USD=USDC");
    } finally {
      bitstamp.stop();
    }
  }

  @Test
  void badChainOptionsOfScanAreUsageErrorsNamingScan() {
    CliRun noDex = cli("scan", "--chain", "local", "--rpc-url", chain.anvil().rpcUrl());
    assertThat(noDex.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noDex.err())
        .isEqualTo(
            "scan: chain local is not configured in arb.chains; give its DEXes with --dex"
                + " NAME=FACTORY[:FEE] (and --rpc-url URL), or configure arb.chains.local\n");
    CliRun withInput =
        cli(
            new String[] {"scan"},
            concat(chainArgs(), "--input", dir.resolve("x.json").toString()));
    assertThat(withInput.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(withInput.err()).startsWith("scan: --chain reads a chain live and cannot be");
    CliRun dexAlone = cli("scan", "--dex", "uni=" + uni);
    assertThat(dexAlone.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(dexAlone.err())
        .isEqualTo(
            "scan: --rpc-url, --dex, --pool, --max-pools, --chain-id and --block need --chain"
                + " NAME\n");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
