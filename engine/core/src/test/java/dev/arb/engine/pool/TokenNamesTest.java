package dev.arb.engine.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Token names and symbol lookups where symbols repeat: the real Tether address beside two copies
 * that also call themselves USDT (the copies' addresses are made up).
 */
class TokenNamesTest {
  private static final Token USDT =
      Token.of("ethereum", "0xdAC17F958D2ee523a2206206994597C13D831ec7", "USDT", 6);
  private static final Token COPY =
      Token.of("ethereum", "0x00000000000000000000000000000000000000a1", "USDT", 6);
  private static final Token COPY2 =
      Token.of("ethereum", "0x00000000000000000000000000000000000000b2", "usdt", 18);
  private static final Token WETH =
      Token.of("ethereum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "WETH", 18);

  private static MarketSnapshot snapshot(List<Token> tokens, List<Pool> pools) {
    return new MarketSnapshot(
        List.of(),
        List.of(),
        "names",
        List.of(
            new ChainSnapshot(
                "ethereum",
                1,
                OptionalLong.empty(),
                Instant.EPOCH,
                Optional.empty(),
                tokens,
                pools)));
  }

  @Test
  void namesBySymbolAndAddsTheShortestDistinguishingAddressWhereSymbolsRepeat() {
    TokenNames names = TokenNames.of(snapshot(List.of(USDT, COPY, COPY2, WETH), List.of()));

    assertThat(names.name(USDT)).isEqualTo("USDT(0xdAC1…)");
    // the two copies share their first 38 digits: their prefixes grow until they differ (39)
    assertThat(names.name(COPY))
        .isEqualTo("USDT(" + COPY.checksumAddress().substring(0, 41) + "…)");
    assertThat(names.name(COPY2))
        .isEqualTo("usdt(" + COPY2.checksumAddress().substring(0, 41) + "…)");
    assertThat(names.name(WETH)).isEqualTo("WETH");
    assertThat(names.name("kraken", Asset.of("usdt"))).isEqualTo("USDT");
    assertThat(names.token("ethereum", WETH.asset())).hasValue(WETH);
  }

  @Test
  void twoTokensDifferingEarlyGetFourDigits() {
    Token other = Token.of("ethereum", "0x1111111111111111111111111111111111111111", "USDT", 6);
    TokenNames names = TokenNames.of(snapshot(List.of(USDT, other), List.of()));
    assertThat(names.name(other)).isEqualTo("USDT(0x1111…)");
  }

  @Test
  void theLiquidityFloorAsksForAnAddressWhenASymbolIsAmbiguous() {
    MarketSnapshot s = snapshot(List.of(USDT, COPY, WETH), List.of());
    assertThatThrownBy(
            () -> LiquidityFilter.apply(s, new MinLiquidity("USDT", new BigDecimal("100"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("USDT names 2 tokens on ethereum")
        .hasMessageContaining("0xdAC17F958D2ee523a2206206994597C13D831ec7");
    LiquidityFilter.Result byAddress =
        LiquidityFilter.apply(s, new MinLiquidity(USDT.address(), new BigDecimal("100")));
    assertThat(byAddress.kept()).isZero();
    assertThat(byAddress.notes()).hasSize(1);
  }
}
