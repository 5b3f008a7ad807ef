package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Version-2 snapshots: the example of issue 13 (the real USDC/WETH Uniswap V2 pair at block
 * 11,000,000), bad pools reported and left out, addresses in any case, the writer's round trip, and
 * version-1 files unchanged.
 */
class ChainJsonTest {
  private static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
  private static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  private static final String PAIR = "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";

  static MarketSnapshot resource(String name) {
    try (InputStream in = ChainJsonTest.class.getResourceAsStream(name)) {
      return SnapshotJson.read(in, name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsTheIssueExample() {
    MarketSnapshot s = resource("issue13-example-v2.json");

    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).isEmpty();
    ChainSnapshot c = s.chains().get(0);
    assertThat(c.name()).isEqualTo("ethereum");
    assertThat(c.chainId()).isEqualTo(1);
    assertThat(c.block()).hasValue(11_000_000);
    assertThat(c.observedAt()).isEqualTo(Instant.parse("2020-10-03T00:00:00Z"));
    assertThat(c.nativeToken()).hasValue(WETH.toLowerCase());
    assertThat(c.tokens())
        .extracting(t -> t.symbol() + "/" + t.decimals())
        .containsExactly("USDC/6", "WETH/18");
    ConstantProductPool p = (ConstantProductPool) c.pools().get(0);
    assertThat(p.address()).isEqualTo(PAIR.toLowerCase());
    assertThat(p.dex()).isEqualTo("uniswap-v2");
    assertThat(p.fee()).isEqualByComparingTo("0.003");
    assertThat(p.token0().symbol()).isEqualTo("USDC");
    assertThat(p.reserve0()).isEqualTo(new BigInteger("176560092727090"));
    assertThat(p.reserve1()).isEqualTo(new BigInteger("524595304157729979983018"));
    assertThat(s.newestObservation()).hasValue(Instant.parse("2020-10-03T00:00:00Z"));
    assertThat(SnapshotReaders.detect(SnapshotJson.toJson(s))).hasValue(InputFormat.SNAPSHOT);
  }

  private static String chain(String tokens, String pools) {
    return "{\"format_version\": 2, \"chains\": [{\"name\": \"Ethereum\", \"chain_id\": 1,"
        + " \"observed_at\": \"2020-10-03T00:00:00Z\", \"tokens\": ["
        + tokens
        + "], \"pools\": ["
        + pools
        + "]}]}";
  }

  private static final String TOKENS =
      "{\"address\": \""
          + USDC.toLowerCase()
          + "\", \"symbol\": \"USDC\", \"decimals\": 6},"
          + "{\"address\": \""
          + WETH.toUpperCase().replace("0X", "0x")
          + "\", \"symbol\": \"WETH\", \"decimals\": \"18\"}";

  private static String pool(String address, String fee, String t0, String r0, String extra) {
    return "{\"address\": \""
        + address
        + "\", \"dex\": \"uniswap-v2\", \"kind\": \"constant-product\", \"fee\": "
        + fee
        + ", \"token0\": \""
        + t0
        + "\", \"token1\": \""
        + WETH
        + "\", \"reserve0\": "
        + r0
        + ", \"reserve1\": \"524595304157729979983018\""
        + extra
        + "}";
  }

  private static String addr(int n) {
    return String.format("0x%040x", n);
  }

  @Test
  void reportsBadPoolsAndLeavesThemOut() {
    String pools =
        String.join(
            ",",
            pool(PAIR, "\"0.003\"", USDC, "\"176560092727090\"", ""),
            pool(addr(1), "\"0.003\"", USDC, "\"0\"", ""),
            pool(addr(2), "\"0.003\"", addr(99), "\"1\"", ""),
            pool(addr(3), "\"1\"", USDC, "\"1\"", ""),
            pool(addr(4), "\"-0.001\"", USDC, "\"1\"", ""),
            pool(addr(5), "\"0.003\"", USDC, "\"1.5\"", ""),
            pool(addr(5), "\"0.003\"", USDC, "\"7\"", ""),
            pool(addr(6), "\"0.003\"", USDC, "\"5192296858534827628530496329220096\"", ""),
            pool(addr(7), "0.0025", USDC, "1000", ""),
            pool("0x12", "\"0.003\"", USDC, "\"1\"", ""),
            pool(addr(8), "\"0.003\"", USDC, "\"1\"", "").replace("constant-product", "weighted"),
            pool(addr(9), "\"0.003\"", WETH, "\"1\"", ""));

    MarketSnapshot s = SnapshotJson.parse(chain(TOKENS, pools), "bad.json");

    assertThat(s.pools()).extracting(Pool::address).containsExactly(PAIR.toLowerCase(), addr(7));
    assertThat(((ConstantProductPool) s.pools().get(1)).fee()).isEqualByComparingTo("0.0025");
    assertThat(s.problems())
        .anySatisfy(p -> assertThat(p).startsWith("ethereum:0x0000…: zero reserve0; pool left out"))
        .anySatisfy(p -> assertThat(p).contains("token0 0x0000… is not in the chain's tokens"))
        .anySatisfy(p -> assertThat(p).contains("fee must be in [0, 1) (0.003 is 0.3 %), got 1"))
        .anySatisfy(p -> assertThat(p).contains("got -0.001"))
        .anySatisfy(p -> assertThat(p).contains("duplicate pool (2 entries); pool left out"))
        .anySatisfy(p -> assertThat(p).contains("does not fit a uint112"))
        .anySatisfy(p -> assertThat(p).contains("'1.5' is not a whole number of smallest units"))
        .anySatisfy(p -> assertThat(p).contains("address '0x12' is not an address"))
        .anySatisfy(p -> assertThat(p).contains("kind 'weighted' is not supported"))
        .anySatisfy(p -> assertThat(p).contains("token0 and token1 are the same token"));
    assertThat(s.problems()).hasSize(10);
  }

  @Test
  void refusesHostileNumbersAndTimesInPools() {
    // Arabic-Indic digits in a fee and a reserve, a fee with an absurd exponent: each pool left out
    String pools =
        String.join(
            ",",
            pool(PAIR, "\"0.003\"", USDC, "\"176560092727090\"", ""),
            pool(addr(1), "\"\u0660.\u0660\u0660\u0663\"", USDC, "\"1000\"", ""),
            pool(addr(2), "\"0.003\"", USDC, "\"\u0661\u0662\"", ""),
            pool(addr(3), "\"1e-999999999\"", USDC, "\"1000\"", ""));
    MarketSnapshot s = SnapshotJson.parse(chain(TOKENS, pools), "hostile.json");
    assertThat(s.pools()).extracting(Pool::address).containsExactly(PAIR.toLowerCase());
    assertThat(s.problems()).hasSize(3).allSatisfy(p -> assertThat(p).endsWith("pool left out"));

    // a chain stamped far in the future (it would make every book stale under --max-age)
    String future =
        chain(TOKENS, pool(PAIR, "\"0.003\"", USDC, "\"176560092727090\"", ""))
            .replace("2020-10-03T00:00:00Z", "+999999999-01-01T00:00:00Z");
    MarketSnapshot f = SnapshotJson.parse(future, "future.json");
    assertThat(f.chains()).isEmpty();
    assertThat(f.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("ethereum: observed at").contains("future"));
  }

  @Test
  void namesAPoolByChainAndShortAddress() {
    String pools = pool(PAIR, "\"0.003\"", USDC, "\"0\"", "");
    MarketSnapshot s = SnapshotJson.parse(chain(TOKENS, pools), "bad.json");
    assertThat(s.problems()).containsExactly("ethereum:0xB4e1…: zero reserve0; pool left out");
  }

  @Test
  void reportsBadTokensAndChains() {
    String tokens =
        TOKENS
            + ",{\"address\": \"0x1234\", \"symbol\": \"X\", \"decimals\": 18}"
            + ",{\"address\": \""
            + addr(5)
            + "\", \"symbol\": \"Y\", \"decimals\": 90}"
            + ",{\"address\": \""
            + addr(6)
            + "\", \"symbol\": \"Z\", \"decimals\": 6}"
            + ",{\"address\": \""
            + addr(6)
            + "\", \"symbol\": \"Z2\", \"decimals\": 6}";
    String json =
        chain(tokens, "")
            .replace(
                "]}]}", "]}, {\"name\": \"polygon\", \"observed_at\": \"2020-10-03T00:00:00Z\"}]}");

    MarketSnapshot s = SnapshotJson.parse(json, "tokens.json");

    assertThat(s.chains()).hasSize(1);
    assertThat(s.chains().get(0).tokens()).hasSize(2);
    assertThat(s.problems())
        .containsExactlyInAnyOrder(
            "ethereum: tokens[2]: address '0x1234' is not an address (0x and 40 hex digits); token"
                + " left out",
            "ethereum: tokens[3]: decimals must be 0 to 77, got 90; token left out",
            "ethereum: token 0x0000… listed 2 times; token left out",
            "polygon: \"chain_id\" is missing; chain left out");
  }

  @Test
  void writesVersionTwoAndReadsItBack() {
    MarketSnapshot s = resource("books-and-pools-v2.json");
    assertThat(s.problems()).isEmpty();

    String json = SnapshotJson.toJson(s);
    MarketSnapshot back = SnapshotJson.parse(json, "round-trip");

    assertThat(json).contains("\"format_version\": 2").contains("\"address\": \"" + PAIR + "\"");
    assertThat(back.chains()).isEqualTo(s.chains());
    assertThat(back.books()).isEqualTo(s.books());
    assertThat(back.problems()).isEmpty();
    String booksOnly = SnapshotJson.toJson(s.withChains(java.util.List.of()));
    assertThat(booksOnly).contains("\"format_version\": 1").doesNotContain("chains");
  }

  @Test
  void versionOneFilesKeepWorkingAndCannotHoldChains() {
    MarketSnapshot v1 =
        SnapshotJson.parse(
            "{\"format_version\": 1, \"exchanges\": [], \"chains\": []}", "old.json");
    assertThat(v1.chains()).isEmpty();
    assertThat(v1.problems())
        .containsExactly("chains: a version-1 snapshot has no chains; set format_version to 2");
    assertThatThrownBy(() -> SnapshotJson.parse("{\"format_version\": 3}", "new.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reads 1 to 2");
    assertThatThrownBy(() -> SnapshotJson.parse("{\"format_version\": 2, \"chains\": {}}", "x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"chains\" must be an array");
    assertThat(SnapshotJson.parse("{\"format_version\": 2, \"exchanges\": []}", "x").chains())
        .isEmpty();
  }
}
