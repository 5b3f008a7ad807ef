package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.model.Addresses;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb scan} over pools, in-process, on version-2 files: {@code mainnet-pools-v2.json} (12
 * Ethereum mainnet Uniswap V2 and SushiSwap pairs with real reserves recorded by
 * dexbotdev/uniswap-v2-v3-arbitrage, MIT; see NOTICE) and {@code books-and-pools-v2.json} (the real
 * USDC/WETH pair at block 11,000,000 with synthetic books and pools). Amounts are checked against
 * the Uniswap V2 formula written out here, on the file's own reserves.
 */
class ScanPoolsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
  private static final BigInteger FEE_KEPT = BigInteger.valueOf(997);

  /** The thin SushiSwap pairs of the mainnet file: USDC/USDT, DAI/USDT, DAI/USDC. */
  private static final Set<String> THIN =
      Set.of(
          "0xd86a120a06255df8d4e2248ab04d4267e23adfaa",
          "0x055cedfe14bce33f985c41d9a1934b7654611aac",
          "0xaaf5110db6e744ff70fb339de037b990a20bdace");

  @TempDir Path dataDir;

  private CliRun scan(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "scan"));
    all.addAll(List.of(args));
    return CliRun.run(Map.of("HOME", dataDir.toString()), all.toArray(String[]::new));
  }

  private static String data(String name) {
    try {
      return Path.of(ScanPoolsIT.class.getResource("data/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode ok(CliRun r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    return JSON.readTree(r.out());
  }

  /** A pool of the file as written: its tokens and reserves by lower-case address. */
  private record FilePool(String token0, String token1, BigInteger reserve0, BigInteger reserve1) {}

  private static Map<String, FilePool> pools(String file) throws Exception {
    Map<String, FilePool> out = new HashMap<>();
    for (JsonNode c : JSON.readTree(Path.of(file).toFile()).get("chains")) {
      for (JsonNode p : c.get("pools")) {
        out.put(
            p.get("address").asText().toLowerCase(Locale.ROOT),
            new FilePool(
                p.get("token0").asText().toLowerCase(Locale.ROOT),
                p.get("token1").asText().toLowerCase(Locale.ROOT),
                new BigInteger(p.get("reserve0").asText()),
                new BigInteger(p.get("reserve1").asText())));
      }
    }
    return out;
  }

  /** Uniswap V2's getAmountOut at 0.3 %: in·997·R_out / (R_in·1000 + in·997), rounded down. */
  private static BigInteger v2(BigInteger in, FilePool p, String tokenIn) {
    boolean zeroIn = p.token0().equals(tokenIn.toLowerCase(Locale.ROOT));
    BigInteger rIn = zeroIn ? p.reserve0() : p.reserve1();
    BigInteger rOut = zeroIn ? p.reserve1() : p.reserve0();
    BigInteger inWithFee = in.multiply(FEE_KEPT);
    return inWithFee.multiply(rOut).divide(rIn.multiply(THOUSAND).add(inWithFee));
  }

  /** The cycle's end amount for {@code in}, leg after leg through the file's reserves. */
  private static BigInteger through(JsonNode legs, Map<String, FilePool> pools, BigInteger in) {
    BigInteger amount = in;
    for (JsonNode l : legs) {
      FilePool p = pools.get(l.get("pool").asText().toLowerCase(Locale.ROOT));
      amount = v2(amount, p, l.get("token_in").asText());
    }
    return amount;
  }

  /**
   * The profit-maximising input of a cycle of constant-product legs, in smallest units: leg {@code
   * i} pays {@code r_i·t/(1 + k_i·t)} with {@code r_i = γR_out/R_in}, {@code k_i = γ/R_in}, {@code
   * γ = 0.997}; the legs compose to {@code M·x/(1 + K·x)} with {@code M = Π r_i}, {@code K = Σ
   * k_i·Π_{j<i} r_j}, whose profit {@code M·x/(1 + K·x) − x} is largest at {@code x* = (√M − 1)/K}.
   */
  private static BigDecimal closedFormOptimum(JsonNode legs, Map<String, FilePool> pools) {
    MathContext mc = new MathContext(50);
    BigDecimal gamma = new BigDecimal("0.997");
    BigDecimal m = BigDecimal.ONE;
    BigDecimal k = BigDecimal.ZERO;
    for (JsonNode l : legs) {
      FilePool p = pools.get(l.get("pool").asText().toLowerCase(Locale.ROOT));
      boolean zeroIn = p.token0().equals(l.get("token_in").asText().toLowerCase(Locale.ROOT));
      BigDecimal rIn = new BigDecimal(zeroIn ? p.reserve0() : p.reserve1());
      BigDecimal rOut = new BigDecimal(zeroIn ? p.reserve1() : p.reserve0());
      k = k.add(gamma.divide(rIn, mc).multiply(m, mc), mc);
      m = m.multiply(gamma.multiply(rOut, mc).divide(rIn, mc), mc);
    }
    return m.sqrt(mc).subtract(BigDecimal.ONE).divide(k, mc);
  }

  @Test
  void dexCyclesOfAVersionTwoFileAreRankedBestFirstAndSizedToTheWei() throws Exception {
    String file = data("mainnet-pools-v2.json");
    Map<String, FilePool> pools = pools(file);
    JsonNode doc = ok(scan("--input", file, "--max-length", "3", "--json"));

    assertThat(doc.get("markets").asInt()).isEqualTo(12);
    assertThat(doc.get("notes").toString()).contains("before gas");
    JsonNode ops = doc.get("opportunities");
    assertThat(ops.size()).isGreaterThanOrEqualTo(5);
    double previous = Double.MAX_VALUE;
    int sized = 0;
    for (JsonNode o : ops) {
      assertThat(o.get("return_bp").asDouble()).isLessThanOrEqualTo(previous);
      previous = o.get("return_bp").asDouble();
      assertThat(o.get("exchanges").toString()).isEqualTo("[\"ethereum\"]");
      if (!o.get("status").asText().equals("sized")) {
        continue;
      }
      sized++;
      JsonNode legs = o.get("legs");
      List<String> cycle = new ArrayList<>();
      o.get("cycle").forEach(n -> cycle.add(n.asText()));
      assertThat(cycle)
          .hasSize(legs.size() + 1)
          .allMatch(Set.of("USDC", "USDT", "DAI", "WETH")::contains);
      BigInteger amountIn = new BigInteger(legs.get(0).get("amount_in").asText());
      for (int i = 0; i < legs.size(); i++) {
        JsonNode l = legs.get(i);
        String pool = l.get("pool").asText();
        assertThat(pool).isEqualTo(Addresses.checksum(pool));
        assertThat(l.get("dex").asText()).isIn("uniswap-v2", "sushiswap");
        assertThat(l.get("market").asText()).isEqualTo("ethereum:" + pool.toLowerCase(Locale.ROOT));
        assertThat(l.get("from").asText()).isEqualTo(cycle.get(i));
        FilePool p = pools.get(pool.toLowerCase(Locale.ROOT));
        BigInteger in = new BigInteger(l.get("amount_in").asText());
        BigInteger out = new BigInteger(l.get("amount_out").asText());
        // the integer swap is the pair's own arithmetic on the file's reserves
        assertThat(out).isEqualTo(v2(in, p, l.get("token_in").asText()));
        if (i > 0) {
          assertThat(in).isEqualTo(new BigInteger(legs.get(i - 1).get("amount_out").asText()));
        }
        // the decimals are the integers with the tokens' decimals applied
        assertThat(new BigDecimal(l.get("amount_in_decimal").asText()).unscaledValue().signum())
            .isPositive();
        assertThat(new BigDecimal(l.get("spent").asText()))
            .isEqualByComparingTo(l.get("amount_in_decimal").asText());
        assertThat(new BigDecimal(l.get("received").asText()))
            .isEqualByComparingTo(l.get("amount_out_decimal").asText());
      }
      BigInteger end = through(legs, pools, amountIn);
      assertThat(end)
          .isEqualTo(new BigInteger(legs.get(legs.size() - 1).get("amount_out").asText()));
      BigDecimal start = new BigDecimal(o.get("start_amount").asText());
      BigDecimal endAmount = new BigDecimal(o.get("end_amount").asText());
      assertThat(new BigDecimal(legs.get(0).get("amount_in_decimal").asText()))
          .isEqualByComparingTo(start);
      assertThat(new BigDecimal(o.get("profit").asText()))
          .isEqualByComparingTo(endAmount.subtract(start))
          .isPositive();
      // the size is the optimum of the cycle's composed curve, derived here in closed form
      BigDecimal optimum = closedFormOptimum(legs, pools);
      assertThat(new BigDecimal(amountIn).subtract(optimum).abs())
          .isLessThanOrEqualTo(optimum.multiply(new BigDecimal("1E-9")).max(BigDecimal.ONE));
    }
    assertThat(sized).isGreaterThanOrEqualTo(5);
    // the best cycles run through the thin SushiSwap pairs (a few hundred dollars deep)
    assertThat(poolsUsed(ops)).containsAnyElementsOf(THIN);
  }

  private static Set<String> poolsUsed(JsonNode ops) {
    Set<String> used = new HashSet<>();
    for (JsonNode o : ops) {
      for (JsonNode l : o.get("legs")) {
        if (l.has("pool")) {
          used.add(l.get("pool").asText().toLowerCase(Locale.ROOT));
        }
      }
    }
    return used;
  }

  @Test
  void minLiquidityWethTenKeepsOnlyPoolsWhoseReservesAreEachWorthTenWeth() throws Exception {
    String file = data("mainnet-pools-v2.json");
    // the deep pairs hold no arbitrage: list losing cycles too, to see which pools are left
    JsonNode doc =
        ok(
            scan(
                "--input",
                file,
                "--max-length",
                "3",
                "--min-liquidity",
                "WETH=10",
                "--min-profit-bp",
                "-100",
                "--json"));

    // by hand: a token's value in WETH is its price in its WETH pool holding the most WETH
    String weth = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    Map<String, Integer> decimals = new HashMap<>();
    for (JsonNode t : JSON.readTree(Path.of(file).toFile()).get("chains").get(0).get("tokens")) {
      decimals.put(t.get("address").asText().toLowerCase(Locale.ROOT), t.get("decimals").asInt());
    }
    Map<String, FilePool> pools = pools(file);
    Map<String, double[]> best = new HashMap<>(); // token -> {WETH held, price in WETH}
    best.put(weth, new double[] {Double.MAX_VALUE, 1.0});
    for (FilePool p : pools.values()) {
      double a0 = units(p.reserve0(), decimals.get(p.token0()));
      double a1 = units(p.reserve1(), decimals.get(p.token1()));
      if (p.token1().equals(weth) && best.getOrDefault(p.token0(), new double[] {-1})[0] < a1) {
        best.put(p.token0(), new double[] {a1, a1 / a0});
      } else if (p.token0().equals(weth)
          && best.getOrDefault(p.token1(), new double[] {-1})[0] < a0) {
        best.put(p.token1(), new double[] {a0, a0 / a1});
      }
    }
    Set<String> expected = new HashSet<>();
    for (Map.Entry<String, FilePool> e : pools.entrySet()) {
      FilePool p = e.getValue();
      double v0 = units(p.reserve0(), decimals.get(p.token0())) * best.get(p.token0())[1];
      double v1 = units(p.reserve1(), decimals.get(p.token1())) * best.get(p.token1())[1];
      if (v0 >= 10 && v1 >= 10) {
        expected.add(e.getKey());
      }
    }
    assertThat(expected).hasSize(9).doesNotContainAnyElementsOf(THIN);

    assertThat(doc.get("markets").asInt()).isEqualTo(expected.size());
    assertThat(doc.get("notes").toString())
        .contains("ethereum: min-liquidity WETH=10: kept 9 pools, left out 3");
    assertThat(doc.get("negative_cycle").asBoolean()).isFalse();
    assertThat(poolsUsed(doc.get("opportunities"))).hasSizeGreaterThan(4).isSubsetOf(expected);
  }

  private static double units(BigInteger amount, int decimals) {
    return new BigDecimal(amount, decimals).doubleValue();
  }

  @Test
  void aFileWithBooksAndPoolsYieldsMixedCyclesWhenTokensAreJoinedToAssets() throws Exception {
    String file = data("books-and-pools-v2.json");
    JsonNode apart = ok(scan("--input", file, "--max-length", "4", "--json", "--no-record"));
    assertThat(apart.get("opportunities")).noneMatch(ScanPoolsIT::mixed);

    JsonNode joined =
        ok(scan("--input", file, "--max-length", "4", "--same-as", "WETH=ETH,USDC=USDC", "--json"));
    assertThat(joined.get("notes").toString())
        .contains("same-as: WETH on ethereum = ETH on every exchange (--same-as)");
    JsonNode mixed = null;
    for (JsonNode o : joined.get("opportunities")) {
      if (mixed(o) && o.get("status").asText().equals("sized")) {
        mixed = o;
        break;
      }
    }
    assertThat(mixed).as(joined.toPrettyString()).isNotNull();
    assertThat(mixed.get("exchanges").toString()).contains("kraken").contains("ethereum");
    assertThat(mixed.get("cycle").toString()).containsAnyOf("ETH=WETH", "WETH=ETH");
    for (JsonNode l : mixed.get("legs")) {
      if (l.get("market").asText().startsWith("kraken:")) {
        // book legs as they always were: no pool fields
        assertThat(l.has("pool")).isFalse();
        assertThat(l.has("amount_in")).isFalse();
        assertThat(l.get("levels_used").asInt()).isPositive();
      } else {
        assertThat(l.get("pool").asText()).startsWith("0x");
        assertThat(new BigInteger(l.get("amount_out").asText())).isPositive();
      }
    }
    BigDecimal start = new BigDecimal(mixed.get("start_amount").asText());
    BigDecimal end = new BigDecimal(mixed.get("end_amount").asText());
    assertThat(new BigDecimal(mixed.get("profit").asText()))
        .isEqualByComparingTo(end.subtract(start));
  }

  private static boolean mixed(JsonNode o) {
    boolean pool = false;
    boolean book = false;
    for (JsonNode l : o.get("legs")) {
      pool |= l.has("pool");
      book |= !l.has("pool");
    }
    return pool && book;
  }

  @Test
  void theConfiguredSameAsOfAChainJoinsItsTokensInAFile() throws Exception {
    Path conf = dataDir.resolve("arb.conf");
    Files.writeString(
        conf,
        """
        arb.chains.ethereum {
          chain-id = 1
          dexes { uniswap-v2 { factory = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f" } }
          same-as { WETH = "ETH", USDC = "USDC" }
        }
        """);
    CliRun r =
        CliRun.run(
            Map.of("HOME", dataDir.toString()),
            "--config",
            conf.toString(),
            "--data-dir",
            dataDir.toString(),
            "scan",
            "--input",
            data("books-and-pools-v2.json"),
            "--max-length",
            "4",
            "--json",
            "--no-record");
    JsonNode doc = ok(r);
    assertThat(doc.get("notes").toString())
        .contains(
            "same-as: WETH on ethereum = ETH on every exchange (arb.chains.ethereum.same-as.WETH)");
    assertThat(doc.get("opportunities")).anyMatch(ScanPoolsIT::mixed);
  }

  @Test
  void aGasPriceChargesEachCycleItsGasAndTheProfitAfterIt() throws Exception {
    String file = data("books-and-pools-v2.json");
    JsonNode doc =
        ok(
            scan(
                "--input",
                file,
                "--max-length",
                "3",
                "--gas-price",
                "0.05",
                "--top",
                "20",
                "--json",
                "--no-record"));
    assertThat(doc.get("notes").toString())
        .contains("gas price: 0.05 gwei on every chain (--gas-price)")
        .contains("profits are after the gas of pool legs")
        .doesNotContain("before gas");
    int charged = 0;
    for (JsonNode o : doc.get("opportunities")) {
      int poolLegs = 0;
      for (JsonNode l : o.get("legs")) {
        poolLegs += l.has("pool") ? 1 : 0;
      }
      if (poolLegs == 0 || !o.has("gas_units")) {
        assertThat(o.has("profit_after_gas")).isFalse();
        continue;
      }
      charged++;
      long units = 60_000L * poolLegs + 190_000L;
      assertThat(o.get("gas_units").asLong()).isEqualTo(units);
      JsonNode part = o.get("gas_by_chain").get(0);
      assertThat(part.get("native_token").asText()).isEqualTo("WETH");
      assertThat(part.get("gas_price_gwei").asText()).isEqualTo("0.05");
      assertThat(new BigDecimal(part.get("cost_native").asText()))
          .isEqualByComparingTo(
              new BigDecimal("0.05").multiply(BigDecimal.valueOf(units)).movePointLeft(9));
      BigDecimal cost = new BigDecimal(o.get("gas_cost").asText());
      assertThat(cost).isPositive();
      assertThat(new BigDecimal(o.get("profit_after_gas").asText()))
          .isEqualByComparingTo(new BigDecimal(o.get("profit").asText()).subtract(cost));
    }
    assertThat(charged).isPositive();

    // at 25.5 gwei the same cycle's best profit (0.65 USDC) does not pay its gas
    JsonNode dear =
        ok(
            scan(
                "--input",
                file,
                "--max-length",
                "3",
                "--gas-price",
                "25.5",
                "--json",
                "--no-record"));
    JsonNode first = dear.get("opportunities").get(0);
    assertThat(first.get("status").asText()).isEqualTo("rejected");
    assertThat(first.get("reason").asText()).startsWith("unprofitable after gas: best profit");
  }

  @Test
  void startTakesATokenSymbolOrAnAddress() throws Exception {
    String file = data("mainnet-pools-v2.json");
    JsonNode bySymbol =
        ok(scan("--input", file, "--max-length", "3", "--start", "DAI", "--json", "--no-record"));
    JsonNode byAddress =
        ok(
            scan(
                "--input",
                file,
                "--max-length",
                "3",
                "--start",
                "0x6b175474e89094c44da98b954eedeac495271d0f",
                "--json",
                "--no-record"));
    assertThat(bySymbol.get("opportunities").size()).isPositive();
    for (JsonNode o : bySymbol.get("opportunities")) {
      assertThat(o.get("cycle").get(0).asText()).isEqualTo("DAI");
      assertThat(o.get("legs").get(0).get("token_in").asText())
          .isEqualTo("0x6B175474E89094C44Da98b954EedeAC495271d0F");
    }
    assertThat(byAddress.get("opportunities")).isEqualTo(bySymbol.get("opportunities"));
  }

  /** The mainnet file with a second token calling itself USDT and a pool of it with WETH. */
  private Path withCopyOfUsdt() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(Path.of(data("mainnet-pools-v2.json")).toFile());
    root.put("source", "the mainnet file plus a synthetic second USDT and its pool");
    ObjectNode chain = (ObjectNode) root.get("chains").get(0);
    ObjectNode token = ((ArrayNode) chain.get("tokens")).addObject();
    token.put("address", "0xdAC17F958D2ee523a2206206994597C13D831ec8");
    token.put("symbol", "USDT");
    token.put("decimals", 6);
    ObjectNode pool = ((ArrayNode) chain.get("pools")).addObject();
    pool.put("address", "0x00000000000000000000000000000000000d0003");
    pool.put("dex", "copycat");
    pool.put("kind", "constant-product");
    pool.put("fee", "0.003");
    pool.put("token0", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    pool.put("token1", "0xdAC17F958D2ee523a2206206994597C13D831ec8");
    pool.put("reserve0", "100000000000000000000");
    pool.put("reserve1", "150000000000");
    Path f = dataDir.resolve("copy.json");
    Files.writeString(f, root.toPrettyString());
    return f;
  }

  @Test
  void aSymbolTwoTokensShareIsNamedWithAShortAddressAndMustBeGivenByAddress() throws Exception {
    Path f = withCopyOfUsdt();
    JsonNode doc = ok(scan("--input", f.toString(), "--max-length", "3", "--json", "--no-record"));
    String cycles = doc.get("opportunities").toString();
    assertThat(cycles).contains("USDT(0xdAC17F958D2ee523a2206206994597C13D831ec7)");
    assertThat(cycles).doesNotContain("\"USDT\"");

    CliRun ambiguous = scan("--input", f.toString(), "--min-liquidity", "USDT=1000", "--no-record");
    assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(ambiguous.err())
        .isEqualTo(
            "scan: --min-liquidity: USDT names 2 tokens on ethereum; give the address of the one"
                + " you mean: 0xdAC17F958D2ee523a2206206994597C13D831ec7, "
                + Addresses.checksum("0xdac17f958d2ee523a2206206994597c13d831ec8")
                + "\n");
    JsonNode byAddress =
        ok(
            scan(
                "--input",
                f.toString(),
                "--min-liquidity",
                "0xdac17f958d2ee523a2206206994597c13d831ec7=1000",
                "--json",
                "--no-record"));
    assertThat(byAddress.get("notes").toString()).contains("min-liquidity USDT=1000: kept");
  }

  @Test
  void badPoolOptionsAreUsageErrorsNamingTheOption() {
    String file = data("mainnet-pools-v2.json");
    String books = data("rates.txt");
    Map<String[], String> cases = new java.util.LinkedHashMap<>();
    cases.put(
        new String[] {"--input", file, "--min-liquidity", "WETH"},
        "scan: --min-liquidity must be TOKEN=AMOUNT such as WETH=10, got WETH\n");
    cases.put(
        new String[] {"--input", file, "--min-liquidity", "WETH=-1"},
        "scan: --min-liquidity needs a positive amount of WETH, got -1\n");
    cases.put(
        new String[] {"--input", file, "--min-liquidity", "FOO=1"},
        "scan: --min-liquidity: no token FOO in the input (ethereum: DAI, USDC, WETH, USDT);"
            + " give a symbol or an address of one of them\n");
    cases.put(
        new String[] {"--input", books, "--min-liquidity", "WETH=10"},
        "scan: --min-liquidity filters pools, and the input has none\n");
    cases.put(
        new String[] {"--input", file, "--gas-price", "cheap"},
        "scan: --gas-price must be a gas price in gwei (0 or more) such as 30 or 0.5, got"
            + " cheap\n");
    cases.put(
        new String[] {"--input", file, "--gas-price", "0.0000000001"},
        "scan: --gas-price has at most 9 decimals (1 wei is 0.000000001 gwei), got"
            + " 0.0000000001\n");
    cases.put(
        new String[] {"--input", file, "--same-as", "WETH"},
        "scan: --same-as must be TOKEN=ASSET such as WETH=ETH, got WETH\n");
    cases.put(
        new String[] {"--input", file, "--same-as", "FOO=ETH"},
        "scan: --same-as: no token FOO in the input (ethereum: DAI, USDC, WETH, USDT)\n");
    cases.put(
        new String[] {
          "--input", file, "--same-as", "WETH=0x6b175474e89094c44da98b954eedeac495271d0f"
        },
        "scan: --same-as WETH=0x6b175474e89094c44da98b954eedeac495271d0f: a chain token is"
            + " joined to an exchange asset such as ETH, not to an address\n");
    cases.put(
        new String[] {"--input", file, "--start", "0x0000000000000000000000000000000000000001"},
        "scan: --start 0x0000000000000000000000000000000000000001: no token at this address in"
            + " the input\n");
    cases.put(
        new String[] {"--sample", "lots"}, "scan: --sample must be books or pools, got lots\n");
    cases.put(
        new String[] {"--sample", "pools", "--input", file},
        "scan: --sample scans the bundled data; leave out --input, --exchange and --chain\n");
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      List<String> args = new ArrayList<>(List.of(c.getKey()));
      args.add("--no-record");
      CliRun r = scan(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", c.getKey())).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).as(String.join(" ", c.getKey())).isEqualTo(c.getValue());
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void theBundledSampleWithPoolsHoldsBooksAndPools() throws Exception {
    JsonNode doc = ok(scan("--sample", "pools", "--max-length", "3", "--json", "--no-record"));
    assertThat(doc.get("markets").asInt()).isEqualTo(45 + 12);
    assertThat(doc.get("notes").toString())
        .contains("the bundled sample with pools")
        .contains("before gas");
    assertThat(poolsUsed(doc.get("opportunities"))).isNotEmpty();
  }
}
