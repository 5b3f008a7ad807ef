package dev.arb.defi.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding the followed pool events from {@code eth_getLogs} entries. */
class PoolEventsTest {
  private static final String POOL = "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";
  private static final String HASH = "0x" + "ab".repeat(32);

  private static String word(BigInteger v) {
    BigInteger w = v.signum() < 0 ? BigInteger.ONE.shiftLeft(256).add(v) : v;
    String hex = w.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }

  private static Map<String, Object> log(List<String> topics, String data) {
    return Map.of(
        "address",
        POOL,
        "blockNumber",
        "0x10",
        "blockHash",
        HASH,
        "logIndex",
        "0x2",
        "topics",
        topics,
        "data",
        "0x" + data);
  }

  @Test
  void topicsAreTheKeccakOfTheSignatures() {
    // the well-known topic of Uniswap V2's Sync and V3's Swap
    assertThat(PoolEvents.SYNC)
        .isEqualTo("0x1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbbad1");
    assertThat(PoolEvents.V3_SWAP)
        .isEqualTo("0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67");
  }

  @Test
  void syncGivesBothReserves() {
    BigInteger r0 = new BigInteger("12345678901234567890");
    BigInteger r1 = new BigInteger("987654321");
    PoolEvents.Event e = PoolEvents.decode(log(List.of(PoolEvents.SYNC), word(r0) + word(r1)));

    assertThat(e).isEqualTo(new PoolEvents.Sync(POOL.toLowerCase(), 16, HASH, r0, r1));
  }

  @Test
  void v3SwapGivesPriceLiquidityAndANegativeTick() {
    BigInteger price = new BigInteger("4290445545356979662115370349241379");
    BigInteger liquidity = new BigInteger("500000000000000000");
    String data =
        word(BigInteger.valueOf(-5))
            + word(BigInteger.valueOf(7))
            + word(price)
            + word(liquidity)
            + word(BigInteger.valueOf(-201_234));
    PoolEvents.Event e =
        PoolEvents.decode(
            log(List.of(PoolEvents.V3_SWAP, "0x" + "0".repeat(64), "0x" + "0".repeat(64)), data));

    assertThat(e)
        .isEqualTo(new PoolEvents.Swap(POOL.toLowerCase(), 16, HASH, price, liquidity, -201_234));
  }

  @Test
  void v3MintTakesItsTicksFromTheTopics() {
    BigInteger amount = BigInteger.TEN.pow(18);
    String data =
        word(BigInteger.ZERO) + word(amount) + word(BigInteger.ONE) + word(BigInteger.TWO);
    PoolEvents.Event e =
        PoolEvents.decode(
            log(
                List.of(
                    PoolEvents.V3_MINT,
                    "0x" + "0".repeat(64),
                    "0x" + word(BigInteger.valueOf(-600)),
                    "0x" + word(BigInteger.valueOf(1200))),
                data));

    assertThat(e).isEqualTo(new PoolEvents.Mint(POOL.toLowerCase(), 16, HASH, -600, 1200, amount));
  }

  @Test
  void burnAndUnknownEventsAreReadAgainNotApplied() {
    assertThat(PoolEvents.decode(log(List.of(PoolEvents.V3_BURN), "")))
        .isInstanceOf(PoolEvents.Burn.class);
    assertThat(PoolEvents.decode(log(List.of("0x" + "12".repeat(32)), "")))
        .isInstanceOf(PoolEvents.Other.class);
    // a Sync whose data is cut short is not trusted either
    assertThat(PoolEvents.decode(log(List.of(PoolEvents.SYNC), word(BigInteger.ONE))))
        .isInstanceOf(PoolEvents.Other.class);
  }

  @Test
  void anEntryWithoutAddressIsMalformed() {
    assertThatThrownBy(() -> PoolEvents.decode(Map.of("blockNumber", "0x1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address");
  }
}
