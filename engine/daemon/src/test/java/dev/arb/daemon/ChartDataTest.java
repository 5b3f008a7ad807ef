package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.json.Json;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChartDataTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static OpportunityRecord rec(
      Instant at, OpportunityStatus status, String asset, String expected, String realized) {
    return new OpportunityRecord(
        0,
        at,
        status,
        asset,
        List.of("kraken"),
        List.of(asset, "BTC"),
        "{}",
        "{}",
        new BigDecimal(expected),
        12.5,
        realized == null ? null : new BigDecimal(realized),
        null);
  }

  private static DeadLetter dead(Instant at) {
    return new DeadLetter(
        1,
        at,
        1,
        at,
        "unwind_incomplete",
        "left BTC",
        "{}",
        DeadLetterStatus.OPEN,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void countsRecordsPerMinuteByStatusAndSumsProfitExactlyPerStartAsset() {
    List<OpportunityRecord> records =
        List.of(
            // newest first, as the store gives them
            rec(T0.plusSeconds(150), OpportunityStatus.EXECUTED, "USD", "0.3", "0.2"),
            rec(T0.plusSeconds(130), OpportunityStatus.REJECTED, "USD", "0.05", null),
            rec(T0.plusSeconds(70), OpportunityStatus.FAILED, "USD", "0.1", "-0.05"),
            rec(T0.plusSeconds(65), OpportunityStatus.EXECUTED, "BTC", "0.00001", "0.00001"),
            rec(T0.plusSeconds(5), OpportunityStatus.EXECUTED, "USD", "0.1", "0.1"),
            rec(T0.plusSeconds(1), OpportunityStatus.SIZED, "USD", "0.7", null));

    ChartData.ChartJson c =
        ChartData.of(
            records,
            true,
            List.of(dead(T0.plusSeconds(75))),
            Optional.empty(),
            Optional.of(T0),
            T0.plusSeconds(179));

    assertThat(c.bucket()).isEqualTo("minute");
    assertThat(c.times())
        .containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 60, T0.getEpochSecond() + 120);
    assertThat(c.records()).isEqualTo(6);
    assertThat(c.found().keySet()).containsExactly("sized", "rejected", "executed", "failed");
    assertThat(c.found().get("executed")).containsExactly(1, 1, 1);
    assertThat(c.found().get("rejected")).containsExactly(0, 0, 1);
    assertThat(c.found().get("sized")).containsExactly(1, 0, 0);
    assertThat(c.executed()).containsExactly(1, 1, 1);
    assertThat(c.failed()).containsExactly(0, 1, 0);
    assertThat(c.deadLetters()).containsExactly(0, 1, 0);
    assertThat(c.profit()).extracting(ChartData.Profit::startAsset).containsExactly("BTC", "USD");
    ChartData.Profit usd = c.profit().get(1);
    assertThat(usd.trades()).isEqualTo(3);
    // 0.1, then + 0.1 (failed, traded), then + 0.3: exact decimals, never 0.30000000000000004
    assertThat(usd.expected()).containsExactly("0.1", "0.2", "0.5");
    assertThat(usd.realized()).containsExactly("0.1", "0.05", "0.25");
    assertThat(c.profit().get(0).expected()).containsExactly("0", "0.00001", "0.00001");
  }

  @Test
  void writesSnakeCaseKeysAndProfitsAsDecimalStrings() throws Exception {
    ChartData.ChartJson c =
        ChartData.of(
            List.of(rec(T0, OpportunityStatus.EXECUTED, "USD", "1.25", "1.5")),
            false,
            List.of(),
            Optional.of(ChartData.Bucket.HOUR),
            Optional.empty(),
            T0.plusSeconds(10));
    JsonNode j = new ObjectMapper().readTree(Json.write(c));
    assertThat(j.get("bucket_seconds").asLong()).isEqualTo(3600);
    assertThat(j.get("complete").asBoolean()).isFalse();
    assertThat(j.get("dead_letters").size()).isEqualTo(1);
    assertThat(j.get("profit").get(0).get("start_asset").asText()).isEqualTo("USD");
    assertThat(j.get("profit").get(0).get("realized").get(0).isTextual()).isTrue();
    assertThat(j.get("profit").get(0).get("realized").get(0).asText()).isEqualTo("1.5");
    assertThat(j.get("from").asText()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void choosesTheBucketFromTheWindowAndRefusesOneTooFine() {
    assertThat(ChartData.Bucket.auto(Duration.ofHours(1))).isEqualTo(ChartData.Bucket.MINUTE);
    assertThat(ChartData.Bucket.auto(Duration.ofHours(24))).isEqualTo(ChartData.Bucket.HOUR);
    assertThat(ChartData.Bucket.auto(Duration.ofDays(90))).isEqualTo(ChartData.Bucket.DAY);
    ChartData.ChartJson week =
        ChartData.of(
            List.of(),
            true,
            List.of(),
            Optional.empty(),
            Optional.of(T0),
            T0.plus(Duration.ofDays(7)));
    assertThat(week.bucket()).isEqualTo("hour");
    assertThat(week.times()).hasSize(7 * 24 + 1);
    assertThat(week.found()).isEmpty();
    assertThat(week.profit()).isEmpty();

    assertThatThrownBy(
            () ->
                ChartData.of(
                    List.of(),
                    true,
                    List.of(),
                    Optional.of(ChartData.Bucket.MINUTE),
                    Optional.of(T0),
                    T0.plus(Duration.ofDays(7))))
        .isInstanceOf(HistoryParams.BadParameter.class)
        .hasMessageContaining("bucket=minute gives 10081 buckets")
        .hasMessageContaining("use a wider bucket");
    assertThatThrownBy(() -> ChartData.Bucket.parse("week"))
        .hasMessage("bucket must be minute, hour or day, got 'week'");
  }

  @Test
  void withoutSinceTheWindowStartsAtTheOldestRecord() {
    ChartData.ChartJson c =
        ChartData.of(
            List.of(
                rec(T0.plusSeconds(600), OpportunityStatus.SIZED, "USD", "1", null),
                rec(T0.plusSeconds(30), OpportunityStatus.SIZED, "USD", "1", null)),
            true,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(700));
    assertThat(c.from()).isEqualTo(T0.plusSeconds(30));
    assertThat(c.times()).hasSize(12);
    assertThat(c.found().get("sized").get(0)).isEqualTo(1);
    assertThat(c.found().get("sized").get(10)).isEqualTo(1);
  }
}
