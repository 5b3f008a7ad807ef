package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StrictNumbersTest {

  @Test
  void readsThePlainAndExponentFormsExactly() {
    assertThat(StrictNumbers.decimal("0.069735", "price")).isEqualTo(new BigDecimal("0.069735"));
    assertThat(StrictNumbers.decimal(" 1.494e-05 ", "price"))
        .isEqualTo(new BigDecimal("0.00001494"));
    assertThat(StrictNumbers.decimal("1E+30", "amount")).isEqualByComparingTo("1e30");
    assertThat(StrictNumbers.decimal("-0", "fee")).isEqualByComparingTo("0");
    assertThat(StrictNumbers.decimal(".5", "fee")).isEqualByComparingTo("0.5");
    assertThat(StrictNumbers.decimal("1e40", "amount")).isEqualByComparingTo("1e40");
    assertThat(StrictNumbers.decimal("1e-40", "price")).isEqualByComparingTo("1e-40");
  }

  @Test
  void refusesDigitsOtherThanAscii() {
    // Arabic-Indic, Devanagari and full-width digits: BigDecimal would read all three as 12
    for (String twelve : new String[] {"\u0661\u0662", "\u0967\u0968", "\uff11\uff12"}) {
      assertThatThrownBy(() -> StrictNumbers.decimal(twelve, "amount"))
          .hasMessageContaining("is not a number")
          .hasMessageContaining("ASCII digits");
    }
    assertThatThrownBy(() -> StrictNumbers.decimal("1e\u0661", "amount"))
        .hasMessageContaining("ASCII digits");
    assertThatThrownBy(() -> StrictNumbers.wholeNumber("\u0661\u0662", "count", 0, 99))
        .hasMessageContaining("ASCII digits");
  }

  @Test
  void refusesExponentsAndMagnitudesOutOfRange() {
    assertThatThrownBy(() -> StrictNumbers.decimal("1e999999999", "price"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> StrictNumbers.decimal("1e99999999999999999999", "price"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> StrictNumbers.decimal("2e40", "price"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> StrictNumbers.decimal("9e-41", "price"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> StrictNumbers.decimal("1" + "0".repeat(100) + "e-90", "price"))
        .hasMessageContaining("more than 100 digits");
    // zeros in any notation are zero, not out of range
    assertThat(StrictNumbers.decimal("0e-999", "fee").signum()).isZero();
  }

  @Test
  void refusesWhatIsNotADecimal() {
    for (String bad : new String[] {"NaN", "Infinity", "0x10", "1,5", "1.2.3", "e5", "1e", "--1"}) {
      assertThatThrownBy(() -> StrictNumbers.decimal(bad, "price"))
          .as(bad)
          .hasMessageContaining("price '" + bad + "' is not a number");
    }
    assertThatThrownBy(() -> StrictNumbers.decimal("  ", "price")).hasMessage("price is missing");
  }

  @Test
  void boundsWholeAndNaturalNumbers() {
    assertThat(StrictNumbers.wholeNumber("512", "count", 0, 512)).isEqualTo(512);
    assertThatThrownBy(() -> StrictNumbers.wholeNumber("2147483648", "count", 0, 512))
        .hasMessageContaining("from 0 to 512");
    assertThatThrownBy(() -> StrictNumbers.wholeNumber("99999999999999999999", "count", 0, 512))
        .hasMessageContaining("out of range");
    assertThat(
            StrictNumbers.naturalNumber(
                "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                "reserve",
                78))
        .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    assertThatThrownBy(() -> StrictNumbers.naturalNumber("1".repeat(79), "reserve", 78))
        .hasMessageContaining("at most 78 digits");
  }

  @Test
  void shortensLongInputInMessages() {
    String huge = "9".repeat(10_000);
    assertThatThrownBy(() -> StrictNumbers.decimal(huge, "price"))
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(120));
  }
}
