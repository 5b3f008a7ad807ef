package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.PoolKind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concentrated-liquidity pools in version-2 snapshots: the fields read into the model, written back
 * identically, and bad pools reported ({@code chain:0xAbCd…: what}) and left out.
 */
class ConcentratedChainJsonTest {
  private static final String V3 = "0x00000000000000000000000000000000000C0FFE";

  @Test
  void readsAConcentratedPoolBesideAConstantProductOne() {
    MarketSnapshot s = ChainJsonTest.resource("v2-and-v3-pools.json");

    assertThat(s.problems()).isEmpty();
    List<Pool> pools = s.chains().get(0).pools();
    assertThat(pools)
        .extracting(Pool::kind)
        .containsExactly(PoolKind.CONSTANT_PRODUCT, PoolKind.CONCENTRATED);
    ConcentratedPool p = (ConcentratedPool) pools.get(1);
    assertThat(p.address()).isEqualTo(V3.toLowerCase());
    assertThat(p.dex()).isEqualTo("uniswap-v3");
    assertThat(p.fee()).isEqualByComparingTo("0.0005");
    assertThat(p.feePips()).isEqualTo(500);
    assertThat(p.tickSpacing()).isEqualTo(10);
    assertThat(p.sqrtPriceX96()).isEqualTo(new BigInteger("4290445545356979662115370349241379"));
    assertThat(p.tick()).isEqualTo(218002);
    assertThat(p.liquidity()).isEqualTo(new BigInteger("500000000000000000"));
    assertThat(p.tickRange()).isEqualTo(new ConcentratedPool.TickRange(215040, 222710));
    assertThat(p.ticks()).hasSize(8);
    assertThat(p.ticks().get(3))
        .isEqualTo(new ConcentratedPool.Tick(218050, new BigInteger("-300000000000000000")));
    // 341 USDC per WETH: token1 (WETH) per token0 (USDC) in token units
    assertThat(1 / p.price()).isCloseTo(341.0, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void writesItBackAsItWasRead() {
    MarketSnapshot s = ChainJsonTest.resource("v2-and-v3-pools.json");
    String json = SnapshotJson.toJson(s);
    MarketSnapshot back = SnapshotJson.parse(json, "round-trip");

    assertThat(back.problems()).isEmpty();
    assertThat(back.chains()).isEqualTo(s.chains());
    assertThat(json)
        .contains("\"kind\": \"concentrated\"")
        .contains("\"fee\": \"0.0005\"")
        .contains("\"tick_spacing\": 10")
        .contains("\"sqrt_price_x96\": \"4290445545356979662115370349241379\"")
        .contains("\"tick_range\": [215040, 222710]")
        .contains("{\"index\": 218050, \"liquidity_net\": \"-300000000000000000\"}");
  }

  private static String v3(int n, String fields) {
    return "{\"address\": \""
        + String.format("0x%040x", 0xc0ffee00L + n)
        + "\", \"dex\": \"uniswap-v3\", \"kind\": \"concentrated\", \"fee\": \"0.003\","
        + " \"token0\": \"0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48\","
        + " \"token1\": \"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\", "
        + fields
        + "}";
  }

  /** Price at tick 0 (√P = 2^96), liquidity 1e18, ticks as given, range ±15360. */
  private static String fields(String ticks, String extra) {
    return "\"tick_spacing\": 60, \"sqrt_price_x96\": \"79228162514264337593543950336\","
        + " \"tick\": 0, \"liquidity\": \"1000000000000000000\","
        + " \"tick_range\": [-15360, 15300], \"ticks\": ["
        + ticks
        + "]"
        + extra;
  }

  private static final String GOOD_TICKS =
      "{\"index\": -600, \"liquidity_net\": \"1000000000000000000\"},"
          + " {\"index\": 600, \"liquidity_net\": \"-1000000000000000000\"}";

  @Test
  void reportsBadConcentratedPoolsAndLeavesThemOut() {
    String pools =
        String.join(
            ",",
            v3(1, fields(GOOD_TICKS, "")),
            v3(
                2,
                fields(
                    "{\"index\": 600, \"liquidity_net\": \"-1\"}, {\"index\": -600, \"liquidity_net\": \"1\"}",
                    "")),
            v3(
                3,
                fields(
                    "{\"index\": 600, \"liquidity_net\": \"1\"}, {\"index\": 600, \"liquidity_net\": \"1\"}",
                    "")),
            v3(4, fields("{\"index\": 610, \"liquidity_net\": \"0\"}", "")),
            v3(5, fields("{\"index\": 15360, \"liquidity_net\": \"0\"}", "")),
            v3(6, fields("{\"index\": -600, \"liquidity_net\": \"2000000000000000000\"}", "")),
            v3(7, fields(GOOD_TICKS, "").replace("\"tick\": 0", "\"tick\": 5")),
            v3(8, fields(GOOD_TICKS, "")).replace("\"fee\": \"0.003\"", "\"fee\": \"0.0000005\""),
            v3(9, fields(GOOD_TICKS, "").replace("\"tick_range\": [-15360, 15300], ", "")),
            v3(
                10,
                fields(GOOD_TICKS, "")
                    .replace("\"1000000000000000000\", \"tick_range", "\"-5\", \"tick_range")),
            v3(11, fields(GOOD_TICKS, "").replace("\"tick_spacing\": 60", "\"tick_spacing\": 0")),
            v3(
                12,
                fields(GOOD_TICKS, "")
                    .replace(
                        "\"liquidity_net\": \"-1000000000000000000\"",
                        "\"liquidity_net\": \"1.5\"")));
    String json =
        "{\"format_version\": 2, \"chains\": [{\"name\": \"ethereum\", \"chain_id\": 1,"
            + " \"observed_at\": \"2020-10-03T00:00:00Z\", \"tokens\": ["
            + "{\"address\": \"0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48\", \"symbol\": \"USDC\","
            + " \"decimals\": 6},"
            + "{\"address\": \"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\", \"symbol\": \"WETH\","
            + " \"decimals\": 18}], \"pools\": ["
            + pools
            + "]}]}";

    MarketSnapshot s = SnapshotJson.parse(json, "bad-v3.json");

    assertThat(s.pools()).hasSize(1);
    assertThat(s.pools().get(0).address()).endsWith("c0ffee01");
    assertThat(s.problems())
        .allSatisfy(p -> assertThat(p).startsWith("ethereum:0x0000…").endsWith("; pool left out"))
        .anySatisfy(p -> assertThat(p).contains("ticks are not sorted by index: -600 after 600"))
        .anySatisfy(p -> assertThat(p).contains("tick 600 is listed twice"))
        .anySatisfy(p -> assertThat(p).contains("tick 610 is not a multiple of tick_spacing 60"))
        .anySatisfy(p -> assertThat(p).contains("tick 15360 is outside tick_range [-15360, 15300]"))
        .anySatisfy(p -> assertThat(p).contains("does not add up to liquidity 1000000000000000000"))
        .anySatisfy(p -> assertThat(p).contains("is not within tick 5"))
        .anySatisfy(p -> assertThat(p).contains("not a whole number of pips"))
        .anySatisfy(p -> assertThat(p).contains("tick_range must be [lowest, highest]"))
        .anySatisfy(
            p -> assertThat(p).contains("liquidity '-5' is not a whole number of at least 0"))
        .anySatisfy(p -> assertThat(p).contains("tick_spacing must be 1 to 16383, got 0"))
        .anySatisfy(
            p -> assertThat(p).contains("ticks[1].liquidity_net '1.5' is not a whole number"));
    assertThat(s.problems()).hasSize(11);
  }
}
