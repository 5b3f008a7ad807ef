package dev.arb.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  /** A response record as arb writes them. */
  record Sample(
      String startAsset,
      BigDecimal realizedProfit,
      BigInteger gasUsed,
      Instant detectedAt,
      Duration maxDataAge,
      double returnBp,
      String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) String txHash,
      List<String> exchanges) {}

  private static Sample sample(String reason, String txHash) {
    return new Sample(
        "USD",
        new BigDecimal("1E-8"),
        new BigInteger("123456789012345678901234567890"),
        Instant.parse("2026-12-07T10:00:00Z"),
        Duration.ofHours(2).plusMinutes(40),
        12.5,
        reason,
        txHash,
        List.of("kraken", "bitstamp"));
  }

  @Test
  void writesSnakeCaseKeysInDeclarationOrderWithExactStrings() {
    assertThat(Json.write(sample(null, null)))
        .isEqualTo(
            "{\"start_asset\":\"USD\",\"realized_profit\":\"0.00000001\","
                + "\"gas_used\":\"123456789012345678901234567890\","
                + "\"detected_at\":\"2026-12-07T10:00:00Z\",\"max_data_age\":\"2h 40m\","
                + "\"return_bp\":12.5,\"reason\":null,\"exchanges\":[\"kraken\",\"bitstamp\"]}");
  }

  @Test
  void writesAnOptionalKeyOnlyWhenItHasAValue() {
    assertThat(Json.write(sample("x", "0xab"))).contains("\"reason\":\"x\",\"tx_hash\":\"0xab\",");
    assertThat(Json.write(sample("x", null))).doesNotContain("tx_hash");
  }

  @Test
  void neverWritesScientificNotation() {
    assertThat(Json.write(new BigDecimal("1.5E+3"))).isEqualTo("\"1500\"");
    assertThat(Json.write(new BigDecimal("-12E-10"))).isEqualTo("\"-0.0000000012\"");
    assertThat(Json.write(new BigDecimal("1.000"))).isEqualTo("\"1.000\"");
  }

  @Test
  void readsBackWhatItWrites() throws JsonProcessingException {
    Sample s = sample("why", "0xcd");
    assertThat(Json.read(Json.write(s), Sample.class)).isEqualTo(s);
    assertThat(Json.read(Json.pretty(s), Sample.class)).isEqualTo(s);
  }

  @Test
  void readsDecimalsGivenAsNumbersWithEveryDigit() throws JsonProcessingException {
    Sample s =
        Json.read(
            "{\"realized_profit\":0.1000000000000000055511151231257827,\"gas_used\":"
                + "123456789012345678901234567890}",
            Sample.class);
    assertThat(s.realizedProfit())
        .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    assertThat(s.gasUsed()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    JsonNode tree = Json.tree("{\"a\":1.10}");
    assertThat(tree.get("a").decimalValue()).isEqualTo(new BigDecimal("1.10"));
  }

  @Test
  void theReaderIgnoresUnknownKeysTheStrictReaderNamesThem() throws Exception {
    String text = "{\"start_asset\":\"EUR\",\"added_later\":1}";
    assertThat(Json.read(text, Sample.class).startAsset()).isEqualTo("EUR");
    assertThatThrownBy(() -> Json.strictReader().forType(Sample.class).readValue(text))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("added_later");
  }

  @Test
  void refusesAnInstantThatIsNotIso() {
    assertThatThrownBy(() -> Json.read("{\"detected_at\":\"07/12/2026\"}", Sample.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> Json.read("{\"realized_profit\":\"ten\"}", Sample.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("not a decimal number");
  }

  @Test
  void writesDurationsAsPeopleDo() {
    assertThat(Json.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(Json.duration(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Json.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Json.duration(Duration.ofHours(30))).isEqualTo("1d 6h");
    assertThat(Json.duration(Duration.ofSeconds(-90))).isEqualTo("-1m 30s");
    assertThat(Json.duration(Duration.ofNanos(1_500_000))).isEqualTo("1ms 500000ns");
  }

  @Test
  void readsDurationsInItsOwnFormAndIso() {
    for (Duration d :
        List.of(
            Duration.ZERO,
            Duration.ofMillis(1),
            Duration.ofHours(2).plusMinutes(40),
            Duration.ofDays(3).plusNanos(7),
            Duration.ofSeconds(-90))) {
      assertThat(Json.parseDuration(Json.duration(d))).isEqualTo(d);
    }
    assertThat(Json.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> Json.parseDuration("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'5 minutes' is not a duration");
    assertThatThrownBy(() -> Json.parseDuration("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedTextThatIsNotJsonBecomesAString() {
    assertThat(Json.treeOrText("{\"a\":[1]}").get("a").get(0).asInt()).isEqualTo(1);
    assertThat(Json.treeOrText("not json").isTextual()).isTrue();
    assertThat(Json.treeOrText("not json").asText()).isEqualTo("not json");
  }
}
