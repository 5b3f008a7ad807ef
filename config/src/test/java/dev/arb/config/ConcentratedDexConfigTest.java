package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.config.ChainConfig.DexConfig;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb.chains.<name>.dexes.<dex>} of kind {@code concentrated} (Uniswap V3-style). */
class ConcentratedDexConfigTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");
  private static final String V3 = "0x1F98431c8aD98523631AE4a59f267346ea31F984";
  private static final String UNI = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";
  private static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  private static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return p;
  }

  private static List<String> problems(Path f) {
    return catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(f), ENV, Map.of()))
        .problems();
  }

  @Test
  void readsAConcentratedDexBesideAConstantProductOne() throws IOException {
    Path f =
        file(
            """
            arb.chains.ethereum {
              chain-id = 1
              tokens = ["%s", "%s"]
              dexes {
                uniswap-v2 { factory = "%s" }
                uniswap-v3 { factory = "%s", kind = concentrated, fee-tiers = [500, 3000], tick-words = 3 }
                v3-defaults { factory = "%s", kind = concentrated }
              }
            }
            """
                .formatted(WETH, USDC, UNI, V3, V3));
    ChainConfig c =
        ConfigLoader.load(Optional.of(f), ENV, Map.of()).config().chains().get("ethereum");

    DexConfig v2 = c.dexes().get("uniswap-v2");
    assertThat(v2.concentrated()).isFalse();
    assertThat(v2.kind()).isEqualTo("constant-product");
    assertThat(v2.feeTiers()).isEmpty();
    DexConfig v3 = c.dexes().get("uniswap-v3");
    assertThat(v3.concentrated()).isTrue();
    assertThat(v3.factory()).isEqualTo(V3.toLowerCase());
    assertThat(v3.feeTiers()).containsExactly(500, 3000);
    assertThat(v3.tickWords()).isEqualTo(3);
    DexConfig d = c.dexes().get("v3-defaults");
    assertThat(d.feeTiers()).containsExactly(100, 500, 3000, 10000);
    assertThat(d.tickWords()).isEqualTo(2);
  }

  @Test
  void badConcentratedSettingsAreProblems() throws IOException {
    Path f =
        file(
            """
            arb.chains.ethereum {
              chain-id = 1
              dexes {
                a { factory = "%s", kind = weighted }
                b { factory = "%s", kind = concentrated, fee-tiers = [500, 500] }
                c { factory = "%s", kind = concentrated, tick-words = 0 }
                d { factory = "%s", kind = concentrated, fee = 0.003 }
                e { factory = "%s", fee-tiers = [500] }
                f { factory = "%s", kind = concentrated }
              }
            }
            """
                .formatted(V3, V3, V3, V3, UNI, V3));
    List<String> p = problems(f);
    assertThat(p)
        .anySatisfy(s -> assertThat(s).contains("dexes.a.kind must be constant-product"))
        .anySatisfy(s -> assertThat(s).contains("dexes.b.fee-tiers must be a list of distinct"))
        .anySatisfy(s -> assertThat(s).contains("dexes.c.tick-words must be a whole number from 1"))
        .anySatisfy(s -> assertThat(s).contains("dexes.d.fee is not used by a concentrated DEX"))
        .anySatisfy(s -> assertThat(s).contains("dexes.e has fee-tiers or tick-words"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("dexes.f is a concentrated DEX, whose pools cannot be listed")
                    .contains("give arb.chains.ethereum.tokens"));
  }

  @Test
  void theEffectiveConfigShowsTheKindAndTiers() throws IOException {
    Path f =
        file(
            """
            arb.chains.ethereum {
              chain-id = 1
              pools = ["%s"]
              dexes.uniswap-v3 { factory = "%s", kind = concentrated, fee-tiers = [500] }
            }
            """
                .formatted(WETH, V3));
    LoadedConfig loaded = ConfigLoader.load(Optional.of(f), ENV, Map.of());
    Map<String, Object> shown = new java.util.HashMap<>();
    for (EffectiveConfig.Setting s : EffectiveConfig.settings(loaded, ENV)) {
      shown.put(s.key(), s.value());
    }
    assertThat(shown)
        .containsEntry("arb.chains.ethereum.dexes.uniswap-v3.kind", "concentrated")
        .containsEntry("arb.chains.ethereum.dexes.uniswap-v3.fee-tiers", List.of(500))
        .containsEntry("arb.chains.ethereum.dexes.uniswap-v3.tick-words", 2)
        .doesNotContainKey("arb.chains.ethereum.dexes.uniswap-v3.fee");
  }
}
