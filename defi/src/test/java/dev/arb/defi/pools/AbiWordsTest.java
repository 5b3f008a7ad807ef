package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AbiWordsTest {

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private static String word(long v) {
    return String.format("%064x", v);
  }

  private static String padRight(String hexText) {
    return hexText + "0".repeat(64 - hexText.length());
  }

  @Test
  void selectorsAreTheWellKnownOnes() {
    assertThat(AbiWords.SYMBOL).isEqualTo("0x95d89b41");
    assertThat(AbiWords.DECIMALS).isEqualTo("0x313ce567");
    assertThat(AbiWords.TOKEN0).isEqualTo("0x0dfe1681");
    assertThat(AbiWords.TOKEN1).isEqualTo("0xd21220a7");
    assertThat(AbiWords.GET_RESERVES).isEqualTo("0x0902f1ac");
    assertThat(AbiWords.ALL_PAIRS_LENGTH).isEqualTo("0x574f2ba3");
    assertThat(AbiWords.ALL_PAIRS).isEqualTo("0x1e3dd18b");
    assertThat(AbiWords.FACTORY).isEqualTo("0xc45a0155");
    assertThat(AbiWords.allPairs(258)).isEqualTo("0x1e3dd18b" + word(258));
  }

  @Test
  void decodesAnAbiString() {
    byte[] data = hex(word(32) + word(4) + padRight("55534443"));
    assertThat(AbiWords.text(data)).isEqualTo(new AbiWords.AbiString("USDC"));
  }

  @Test
  void decodesAnAbiStringOfUtf8Text() {
    byte[] data = hex(word(32) + word(4) + padRight("f09fa684"));
    assertThat(AbiWords.text(data)).isEqualTo(new AbiWords.AbiString("🦄"));
  }

  @Test
  void decodesBytes32TextUpToTheFirstZero() {
    assertThat(AbiWords.text(hex(padRight("4d4b52")))).isEqualTo(new AbiWords.Bytes32("MKR"));
  }

  @Test
  void refusesWhatIsNeitherAStringNorBytes32() {
    assertThat(AbiWords.text(new byte[0]))
        .isEqualTo(
            new AbiWords.Malformed("returned no data (no contract there, or no such function)"));
    assertThat(AbiWords.text(hex(word(0x1000) + word(3))))
        .isEqualTo(new AbiWords.Malformed("returned 64 bytes that are not an ABI string"));
    // a length running past the end
    assertThat(AbiWords.text(hex(word(32) + word(40) + padRight("41"))))
        .isEqualTo(new AbiWords.Malformed("returned 96 bytes that are not an ABI string"));
    assertThat(AbiWords.text(hex(padRight("4d00" + "4b"))))
        .isEqualTo(new AbiWords.Malformed("returned 32 bytes that are not zero-padded text"));
    assertThat(AbiWords.text(hex(padRight("ff"))))
        .isEqualTo(new AbiWords.Malformed("returned 32 bytes that are not UTF-8 text"));
    assertThat(AbiWords.text(hex(word(32) + word(1) + padRight("c3"))))
        .isEqualTo(new AbiWords.Malformed("returned a string that is not UTF-8 text"));
  }

  @Test
  void readsWordsAndAddresses() {
    byte[] reserves = hex(word(176560092727090L) + word(5) + word(1_700_000_000L));
    assertThat(AbiWords.uint(reserves, 0)).contains(BigInteger.valueOf(176560092727090L));
    assertThat(AbiWords.uint(reserves, 2)).contains(BigInteger.valueOf(1_700_000_000L));
    assertThat(AbiWords.uint(reserves, 3)).isEmpty();
    assertThat(
            AbiWords.address(
                hex("000000000000000000000000" + "b4e16d0168e52d35cacd2c6185b44281ec28c9dc")))
        .contains("0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc");
    assertThat(
            AbiWords.address(
                hex("0000000000000000000000010000000000000000000000000000000000000000")))
        .as("above 160 bits")
        .isEmpty();
    assertThat(AbiWords.address(new byte[31])).isEmpty();
  }

  @Test
  void parsesHexReturnData() {
    assertThat(AbiWords.bytes("0x")).hasValueSatisfying(b -> assertThat(b).isEmpty());
    assertThat(AbiWords.bytes("0x0a0B"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(10, 11));
    assertThat(AbiWords.bytes("0x0")).isEmpty();
    assertThat(AbiWords.bytes("0xzz")).isEmpty();
    assertThat(AbiWords.bytes("12")).isEmpty();
  }
}
