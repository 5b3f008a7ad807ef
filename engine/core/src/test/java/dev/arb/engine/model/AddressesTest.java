package dev.arb.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Keccak-256 against its published empty-input digest and EIP-55 against the EIP's own examples and
 * the checksummed mainnet addresses of issue 13 (USDC, WETH, the USDC/WETH pair, USDT).
 */
class AddressesTest {
  @Test
  void keccakOfEmptyInputIsThePublishedDigest() {
    assertThat(HexFormat.of().formatHex(Keccak256.hash(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void keccakOfALongInputSpansSeveralBlocks() {
    // 200 bytes > the 136-byte rate: the digest differs from that of its first block alone
    byte[] in = "a".repeat(200).getBytes(StandardCharsets.US_ASCII);
    byte[] first = "a".repeat(136).getBytes(StandardCharsets.US_ASCII);
    assertThat(Keccak256.hash(in)).isNotEqualTo(Keccak256.hash(first)).hasSize(32);
  }

  @Test
  void checksumsMatchEip55Examples() {
    for (String a :
        new String[] {
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
          "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
          "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
          "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
          "0xdAC17F958D2ee523a2206206994597C13D831ec7"
        }) {
      assertThat(Addresses.checksum(a.toLowerCase())).isEqualTo(a);
      assertThat(Addresses.checksum(a.toUpperCase().replace("0X", "0x"))).isEqualTo(a);
    }
  }

  @Test
  void normalisesToLowerCaseAndShortens() {
    assertThat(Addresses.normalise(" 0XdAC17F958D2ee523a2206206994597C13D831ec7 "))
        .isEqualTo("0xdac17f958d2ee523a2206206994597c13d831ec7");
    assertThat(Addresses.shortForm("0xdac17f958d2ee523a2206206994597c13d831ec7", 4))
        .isEqualTo("0xdAC1…");
    assertThatThrownBy(() -> Addresses.normalise("0x123"))
        .hasMessageContaining("0x and 40 hex digits");
  }

  @Test
  void anAddressIsATokenAssetKeptLowerCase() {
    Asset a = Asset.of("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
    assertThat(a.code()).isEqualTo("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    assertThat(a.isToken()).isTrue();
    assertThat(a).isEqualTo(Asset.of("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"));
    assertThat(Asset.of("usdc").code()).isEqualTo("USDC");
    assertThat(Asset.of("USDC").isToken()).isFalse();
  }
}
