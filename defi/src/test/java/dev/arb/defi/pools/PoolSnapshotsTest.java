package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.pools.ChainPoolState.Counts;
import dev.arb.defi.pools.ChainPoolState.Pool;
import dev.arb.defi.pools.ChainPoolState.Token;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.SnapshotJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool reader's result written by the engine's snapshot writer: the document of the format of
 * issue 13, key by key and value by value, as {@code arb record --chain} has always written it;
 * what the engine's model refuses is reported, not fatal; the file reads back into the same pools.
 */
class PoolSnapshotsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
  private static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  private static final String PAIR = "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";

  /** The example of issue 13: the mainnet USDC/WETH pair at block 11,000,000. */
  private static ChainPoolState ethereum() {
    return new ChainPoolState(
        "ethereum",
        1,
        11_000_000,
        Instant.parse("2020-10-03T00:00:00Z"),
        Optional.of(WETH),
        List.of(new Token(USDC, "USDC", 6), new Token(WETH, "WETH", 18)),
        List.of(
            new Pool(
                PAIR,
                "uniswap-v2",
                new BigDecimal("0.003"),
                USDC,
                WETH,
                new BigInteger("176560092727090"),
                new BigInteger("524595304157729979983018"))),
        List.of(),
        new Counts(1, 0, Map.of(), 0, 10, 5, Duration.ofMillis(12)));
  }

  @Test
  void writesTheFormatOfIssue13() throws Exception {
    String json = SnapshotJson.toJson(PoolSnapshots.of("free text", List.of(ethereum())));
    // the same document the pool reader's own writer produced before the engine wrote the file
    assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(EXPECTED));
    // keys in the order of the format
    assertThat(json.indexOf("\"format_version\""))
        .isLessThan(json.indexOf("\"source\""))
        .isLessThan(json.indexOf("\"exchanges\""))
        .isLessThan(json.indexOf("\"chains\""));
    assertThat(json.indexOf("\"reserve0\"")).isLessThan(json.indexOf("\"reserve1\""));
  }

  @Test
  void aChainWithoutNativeTokenLeavesTheKeyOut() {
    ChainPoolState e = ethereum();
    ChainPoolState none =
        new ChainPoolState(
            e.name(),
            e.chainId(),
            e.block(),
            e.observedAt(),
            Optional.empty(),
            e.tokens(),
            e.pools(),
            e.problems(),
            e.counts());
    assertThat(SnapshotJson.toJson(PoolSnapshots.of("x", List.of(none))))
        .doesNotContain("native_token")
        .contains("\"block\": 11000000");
  }

  @Test
  void readsBackIntoTheSamePools(@TempDir Path dir) {
    MarketSnapshot written = PoolSnapshots.of("round trip", List.of(ethereum()));
    Path f = dir.resolve("sub/snap.json");
    SnapshotJson.write(written, f);
    MarketSnapshot back = SnapshotJson.read(f);
    assertThat(back.source()).isEqualTo("round trip");
    assertThat(back.problems()).isEmpty();
    assertThat(back.chains()).isEqualTo(written.chains());
    ConstantProductPool p = (ConstantProductPool) back.pools().get(0);
    assertThat(p.reserve0()).isEqualTo(new BigInteger("176560092727090"));
    assertThat(p.reserve1()).isEqualTo(new BigInteger("524595304157729979983018"));
    assertThat(p.token0().symbol()).isEqualTo("USDC");
    assertThat(p.token0().decimals()).isEqualTo(6);
    assertThat(p.fee()).isEqualByComparingTo("0.003");
    // no temporary file is left beside it
    assertThat(dir.resolve("sub").toFile().list()).containsExactly("snap.json");
  }

  @Test
  void whatTheModelRefusesIsReportedAndLeftOut() {
    ChainPoolState e = ethereum();
    String other = "0x0000000000000000000000000000000000000bad";
    Pool huge =
        new Pool(
            other,
            "uniswap-v2",
            new BigDecimal("0.003"),
            USDC,
            WETH,
            BigInteger.ONE.shiftLeft(112),
            BigInteger.ONE);
    ChainPoolState withBad =
        new ChainPoolState(
            e.name(),
            e.chainId(),
            e.block(),
            e.observedAt(),
            e.nativeToken(),
            e.tokens(),
            List.of(e.pools().get(0), huge, e.pools().get(0)),
            List.of("ethereum:0xAbCd…1234: a reader problem"),
            e.counts());
    MarketSnapshot s = PoolSnapshots.of("x", List.of(withBad));
    ChainSnapshot c = s.chains().get(0);
    assertThat(c.pools()).hasSize(1);
    assertThat(c.pools().get(0).address()).isEqualTo(PAIR.toLowerCase(java.util.Locale.ROOT));
    assertThat(s.problems())
        .containsExactly(
            "ethereum:0xAbCd…1234: a reader problem",
            "ethereum:0x0000…0Bad: reserve0 5192296858534827628530496329220096 does not fit a"
                + " uint112; pool left out",
            "ethereum:0xB4e1…C9Dc: read twice; the second is left out");
  }

  private static final String EXPECTED =
      """
            {
              "format_version" : 2,
              "source" : "free text",
              "exchanges" : [ ],
              "chains" : [
                {
                  "name" : "ethereum",
                  "chain_id" : 1,
                  "block" : 11000000,
                  "observed_at" : "2020-10-03T00:00:00Z",
                  "native_token" : "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                  "tokens" : [
                    {
                      "address" : "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
                      "symbol" : "USDC",
                      "decimals" : 6
                    },
                    {
                      "address" : "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                      "symbol" : "WETH",
                      "decimals" : 18
                    }
                  ],
                  "pools" : [
                    {
                      "address" : "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
                      "dex" : "uniswap-v2",
                      "kind" : "constant-product",
                      "fee" : "0.003",
                      "token0" : "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
                      "token1" : "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                      "reserve0" : "176560092727090",
                      "reserve1" : "524595304157729979983018"
                    }
                  ]
                }
              ]
            }
            """;
}
