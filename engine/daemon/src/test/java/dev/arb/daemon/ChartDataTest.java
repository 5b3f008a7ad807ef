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

  @Test
  void equalsSumsComputedIndependentlyFromTheRecords() {
    java.util.Random rnd = new java.util.Random(20261207);
    OpportunityStatus[] statuses = OpportunityStatus.values();
    String[] assets = {"USD", "BTC", "ETH"};
    List<OpportunityRecord> records = new java.util.ArrayList<>();
    List<DeadLetter> dead = new java.util.ArrayList<>();
    Instant from = T0.plusSeconds(17);
    Instant to = T0.plus(Duration.ofHours(5)).plusSeconds(31);
    for (int i = 0; i < 3_000; i++) {
      // some before the window, none after
      Instant at = T0.plusMillis(rnd.nextLong(Duration.between(T0, to).toMillis()));
      OpportunityStatus st = statuses[rnd.nextInt(statuses.length)];
      boolean traded =
          st == OpportunityStatus.EXECUTED || (st == OpportunityStatus.FAILED && rnd.nextBoolean());
      String expected =
          new BigDecimal(rnd.nextLong(2_000_000) - 500_000).movePointLeft(9).toPlainString();
      String realized =
          traded
              ? new BigDecimal(rnd.nextLong(2_000_000) - 1_000_000)
                  .movePointLeft(11)
                  .toPlainString()
              : null;
      records.add(rec(at, st, assets[rnd.nextInt(assets.length)], expected, realized));
      if (i % 100 == 0) {
        dead.add(dead(at));
      }
    }
    ChartData.ChartJson c =
        ChartData.of(records, true, dead, Optional.empty(), Optional.of(from), to);

    assertThat(c.bucket()).isEqualTo("minute");
    long first = c.times().get(0);
    assertThat(first).isEqualTo(from.getEpochSecond() / 60 * 60);
    int n = c.times().size();
    assertThat(n).isEqualTo((int) ((to.getEpochSecond() / 60 * 60 - first) / 60 + 1));
    java.util.Map<String, int[]> found = new java.util.TreeMap<>();
    java.util.Map<String, BigDecimal[]> expected = new java.util.TreeMap<>();
    java.util.Map<String, BigDecimal[]> realized = new java.util.TreeMap<>();
    int[] executed = new int[n];
    int[] failed = new int[n];
    int[] letters = new int[n];
    int counted = 0;
    for (OpportunityRecord r : records) {
      long sec = r.detectedAt().getEpochSecond();
      if (sec < first) {
        continue;
      }
      int i = (int) ((sec - first) / 60);
      counted++;
      found.computeIfAbsent(r.status().code(), k -> new int[n])[i]++;
      if (r.realizedProfit() != null) {
        (r.status() == OpportunityStatus.EXECUTED ? executed : failed)[i]++;
        // cumulative: this record counts in its bucket and every later one
        BigDecimal[] e = expected.computeIfAbsent(r.startAsset(), k -> zeros(n));
        BigDecimal[] z = realized.computeIfAbsent(r.startAsset(), k -> zeros(n));
        for (int j = i; j < n; j++) {
          e[j] = e[j].add(r.estimatedProfit());
          z[j] = z[j].add(r.realizedProfit());
        }
      }
    }
    for (DeadLetter d : dead) {
      if (!d.createdAt().isBefore(from)) {
        letters[(int) ((d.createdAt().getEpochSecond() - first) / 60)]++;
      }
    }
    assertThat(c.records()).isEqualTo(counted);
    assertThat(c.found().keySet()).containsExactlyInAnyOrderElementsOf(found.keySet());
    found.forEach(
        (status, counts) ->
            assertThat(c.found().get(status))
                .as(status)
                .containsExactlyElementsOf(java.util.Arrays.stream(counts).boxed().toList()));
    assertThat(c.executed())
        .containsExactlyElementsOf(java.util.Arrays.stream(executed).boxed().toList());
    assertThat(c.failed())
        .containsExactlyElementsOf(java.util.Arrays.stream(failed).boxed().toList());
    assertThat(c.deadLetters())
        .containsExactlyElementsOf(java.util.Arrays.stream(letters).boxed().toList());
    assertThat(c.profit())
        .extracting(ChartData.Profit::startAsset)
        .containsExactlyElementsOf(expected.keySet());
    for (ChartData.Profit p : c.profit()) {
      for (int j = 0; j < n; j++) {
        // exact: the decimal strings equal the BigDecimal sums, not close to them
        assertThat(new BigDecimal(p.expected().get(j)))
            .as(p.startAsset() + " expected at " + j)
            .isEqualByComparingTo(expected.get(p.startAsset())[j]);
        assertThat(new BigDecimal(p.realized().get(j)))
            .as(p.startAsset() + " realized at " + j)
            .isEqualByComparingTo(realized.get(p.startAsset())[j]);
      }
      assertThat(p.trades())
          .isEqualTo(
              (int)
                  records.stream()
                      .filter(
                          r ->
                              r.startAsset().equals(p.startAsset())
                                  && r.realizedProfit() != null
                                  && r.detectedAt().getEpochSecond() >= first)
                      .count());
    }
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] z = new BigDecimal[n];
    java.util.Arrays.fill(z, BigDecimal.ZERO);
    return z;
  }
}
