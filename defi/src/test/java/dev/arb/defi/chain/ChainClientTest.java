package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainClientTest {

  @Test
  void rpcUrlsArePrintedWithoutTheirApiKeys() {
    assertThat(ChainClient.redact("https://polygon-mainnet.g.alchemy.com/v2/s3cr3tKey"))
        .isEqualTo("https://polygon-mainnet.g.alchemy.com/…");
    assertThat(ChainClient.redact("https://rpc.example/?apikey=s3cr3t"))
        .isEqualTo("https://rpc.example/…");
    assertThat(ChainClient.redact("https://user:s3cr3t@rpc.example:8545"))
        .isEqualTo("https://rpc.example:8545/…");
    assertThat(ChainClient.redact("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");
    assertThat(ChainClient.redact("not a url with s3cr3t")).isEqualTo("(unparsable RPC URL)");
  }

  @Test
  void revertDataArrivesAsPlainHexWhateverWeb3jKeptOfTheJson() {
    assertThat(ChainClient.hex("\"0x08c379a0\"")).isEqualTo("0x08c379a0");
    assertThat(ChainClient.hex("0xdeadbeef")).isEqualTo("0xdeadbeef");
    assertThat(ChainClient.hex(null)).isEqualTo("0x");
    assertThat(ChainClient.hex("{\"message\":\"x\"}")).isEqualTo("0x");
  }
}
