package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayPolicyTest {
  private static final String ANY = "0x00000000000000000000000000000000000000aa";
  private static final String ONE_FUNCTION = "0x00000000000000000000000000000000000000bb";

  private static RelayPolicy policy(Set<String> allowed) {
    BigInteger one = BigInteger.ONE;
    return new RelayPolicy(allowed, one, one, one, one, 1, Duration.ZERO);
  }

  @Test
  void anAddressAllowsEveryFunctionAnAddressWithSelectorOnlyThatOne() {
    RelayPolicy p =
        policy(
            Set.of(
                "0x" + ANY.substring(2).toUpperCase(java.util.Locale.ROOT),
                ONE_FUNCTION + ":0xD09DE08A"));

    assertThat(p.allows(ANY, "0x12345678")).isTrue();
    assertThat(p.allows(ONE_FUNCTION, "0xd09de08a")).isTrue();
    assertThat(p.allows(ONE_FUNCTION, "0x12345678")).isFalse();
    assertThat(p.allowsTarget(ONE_FUNCTION)).isTrue();
    assertThat(p.allowsTarget("0x00000000000000000000000000000000000000cc")).isFalse();
  }

  @Test
  void refusesMalformedEntries() {
    assertThatThrownBy(() -> policy(Set.of(ANY + ":d09de08a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0xADDRESS:0xSELECTOR");
  }
}
