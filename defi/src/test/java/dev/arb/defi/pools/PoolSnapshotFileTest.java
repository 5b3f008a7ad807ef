package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.pools.ChainPoolState.Counts;
import dev.arb.defi.pools.ChainPoolState.Pool;
import dev.arb.defi.pools.ChainPoolState.Token;
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

class PoolSnapshotFileTest {
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
  void writesTheFormatOfIssue13() {
    String json = PoolSnapshotFile.json(PoolSnapshotFile.of("free text", List.of(ethereum())));
    assertThat(json)
        .isEqualTo(
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
            """);
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
    assertThat(PoolSnapshotFile.json(PoolSnapshotFile.of("x", List.of(none))))
        .doesNotContain("native_token");
  }

  @Test
  void readsBackWhatItWrote(@TempDir Path dir) {
    PoolSnapshotFile.Document d = PoolSnapshotFile.of("round trip", List.of(ethereum()));
    Path f = dir.resolve("sub/snap.json");
    PoolSnapshotFile.write(d, f);
    assertThat(PoolSnapshotFile.read(f)).isEqualTo(d);
  }
}
