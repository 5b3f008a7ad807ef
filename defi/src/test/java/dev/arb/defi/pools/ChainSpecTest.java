package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.config.ChainConfig;
import dev.arb.config.SecretRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChainSpecTest {
  private static final String UNI = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";

  @Test
  void aDexKeepsItsFactoryLowerCaseAndItsFeeWithoutTrailingZeros() {
    DexSpec d = new DexSpec("uniswap-v2", UNI, new BigDecimal("0.00300"), 10);
    assertThat(d.factory()).isEqualTo(UNI.toLowerCase());
    assertThat(d.fee().toPlainString()).isEqualTo("0.003");
    assertThat(new DexSpec("free", UNI, new BigDecimal("0.000"), 1).fee().toPlainString())
        .isEqualTo("0");
  }

  @Test
  void refusesBadDexes() {
    assertThatThrownBy(() -> new DexSpec("x", "0x12", BigDecimal.ZERO, 1))
        .hasMessage("the factory of x must be an address (0x and 40 hex digits), got 0x12");
    assertThatThrownBy(() -> new DexSpec("x", UNI, BigDecimal.ONE, 1))
        .hasMessage("the fee of x must be a fraction from 0 to below 1, got 1");
    assertThatThrownBy(() -> new DexSpec("x", UNI, BigDecimal.ZERO, 0))
        .hasMessage("max-pools of x must be at least 1, got 0");
  }

  @Test
  void refusesTwoDexesOfOneNameAndNoDex() {
    DexSpec d = new DexSpec("x", UNI, BigDecimal.ZERO, 1);
    assertThatThrownBy(() -> spec(List.of(d, d)))
        .hasMessage("two DEXes of chain c have the same name");
    assertThatThrownBy(() -> spec(List.of()))
        .hasMessage("chain c has no DEX to read: give at least one factory");
  }

  private static ChainSpec spec(List<DexSpec> dexes) {
    return new ChainSpec(
        "c",
        OptionalLong.empty(),
        Optional.empty(),
        dexes,
        List.of(),
        List.of(),
        10,
        Duration.ofSeconds(1));
  }

  @Test
  void isBuiltFromTheChainsConfig() {
    Map<String, ChainConfig.DexConfig> dexes = new LinkedHashMap<>();
    dexes.put(
        "sushiswap",
        new ChainConfig.DexConfig("sushiswap", UNI.toLowerCase(), new BigDecimal("0.0025"), 7));
    ChainConfig c =
        new ChainConfig(
            "ethereum",
            Optional.of(new ChainConfig.RpcUrl.Kept(new SecretRef.Env("ARB_ETHEREUM_RPC_URL"))),
            1,
            Optional.of(UNI.toLowerCase()),
            dexes,
            List.of(UNI.toLowerCase()),
            List.of(UNI.toLowerCase()),
            Map.of("WETH", "ETH"),
            42,
            Duration.ofSeconds(3),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    ChainSpec s = ChainSpec.of(c);
    assertThat(s.name()).isEqualTo("ethereum");
    assertThat(s.chainId()).hasValue(1);
    assertThat(s.dexes())
        .containsExactly(new DexSpec("sushiswap", UNI, new BigDecimal("0.0025"), 7));
    assertThat(s.pools()).containsExactly(UNI.toLowerCase());
    assertThat(s.tokens()).containsExactly(UNI.toLowerCase());
    assertThat(s.nativeToken()).contains(UNI.toLowerCase());
    assertThat(s.batchSize()).isEqualTo(42);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void tellsRevertsFromNodeErrors() {
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(3, "execution reverted: x")))
        .isTrue();
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(-32000, "execution reverted")))
        .isTrue();
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(-32015, "VM execution error: invalid opcode")))
        .isTrue();
    assertThat(JsonRpcPoolReader.isExecutionFailure(new RpcBatchClient.Error(-32000, "out of gas")))
        .isTrue();
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(-32000, "header not found")))
        .isFalse();
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(-32005, "rate limit exceeded")))
        .isFalse();
    assertThat(
            JsonRpcPoolReader.isExecutionFailure(
                new RpcBatchClient.Error(-32000, "missing trie node 1a2b")))
        .isFalse();
  }

  @Test
  void shortensAndChecksumsAddresses() {
    assertThat(JsonRpcPoolReader.checksum(UNI.toLowerCase())).isEqualTo(UNI);
    assertThat(JsonRpcPoolReader.shortAddress(UNI.toUpperCase().replace("0X", "0x")))
        .isEqualTo("0x5C69…aA6f");
  }
}
