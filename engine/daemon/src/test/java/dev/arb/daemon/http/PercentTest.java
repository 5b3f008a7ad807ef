package dev.arb.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {

  @Test
  void decodesValidPercentEncodedUtf8() {
    assertThat(Percent.decode("/h%65alth", false)).contains("/health");
    assertThat(Percent.decode("a+b%2Bc", true)).contains("a b+c");
    assertThat(Percent.decode("a+b", false)).contains("a+b");
    assertThat(Percent.decode("%E2%82%AC", true)).contains("\u20ac");
  }

  @Test
  void refusesWhatIsNotValid() {
    assertThat(Percent.decode("%zz", true)).isEmpty();
    assertThat(Percent.decode("abc%2", true)).isEmpty();
    assertThat(Percent.decode("%", true)).isEmpty();
    assertThat(Percent.decode("%C3%28", true)).as("not UTF-8").isEmpty();
    assertThat(Percent.decode("a%00b", true)).as("a control character").isEmpty();
    assertThat(Percent.decode("a\u0001b", false)).isEmpty();
  }
}
