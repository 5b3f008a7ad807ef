package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/** Decoding what tokens say about themselves, without trusting it. */
class RouteNamesTest {

  private static String abi(Type<?> value) {
    return "0x" + FunctionEncoder.encodeConstructor(List.of(value));
  }

  private static String bytes32(String ascii) {
    byte[] b = new byte[32];
    byte[] s = ascii.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, b, 0, s.length);
    return Numeric.toHexString(b);
  }

  @Test
  void symbolsAsAbiStringsOrAsBytes32LikeOlderTokens() {
    assertThat(RouteNames.symbol(abi(new Utf8String("WETH")))).isEqualTo("WETH");
    assertThat(RouteNames.symbol(abi(new Utf8String("USDC.e")))).isEqualTo("USDC.e");
    assertThat(RouteNames.symbol(bytes32("MKR"))).isEqualTo("MKR");
  }

  @Test
  void symbolsThatAreNotShortPlainTextAreNotUsed() {
    assertThat(RouteNames.symbol(abi(new Utf8String("")))).isNull();
    assertThat(RouteNames.symbol(abi(new Utf8String("visit evil.example now")))).isNull();
    assertThat(RouteNames.symbol(abi(new Utf8String("A\nB")))).isNull();
    assertThat(RouteNames.symbol(abi(new Utf8String("X".repeat(17))))).isNull();
    assertThat(RouteNames.symbol("0x")).isNull();
  }

  @Test
  void decimalsUpTo36() {
    assertThat(RouteNames.decimals(abi(new Uint256(BigInteger.valueOf(18))))).isEqualTo(18);
    assertThat(RouteNames.decimals(abi(new Uint256(BigInteger.valueOf(6))))).isEqualTo(6);
    assertThat(RouteNames.decimals(abi(new Uint256(BigInteger.valueOf(37))))).isNull();
    assertThat(RouteNames.decimals(abi(new Uint256(BigInteger.valueOf(1000))))).isNull();
    assertThat(RouteNames.decimals("0x")).isNull();
  }
}
