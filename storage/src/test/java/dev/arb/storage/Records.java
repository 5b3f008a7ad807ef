package dev.arb.storage;

import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test records. */
final class Records {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private Records() {}

  /** A sized USD cycle through kraken and bitstamp, detected {@code seconds} after {@link #T0}. */
  static OpportunityRecord sample(long seconds) {
    return record(
        T0.plusSeconds(seconds),
        OpportunityStatus.SIZED,
        "USD",
        List.of("kraken", "bitstamp"),
        List.of("USD", "BTC", "ETH"),
        "1.5",
        12.5);
  }

  static OpportunityRecord record(
      Instant at,
      OpportunityStatus status,
      String start,
      List<String> exchanges,
      List<String> assets,
      String profit,
      double bp) {
    return new OpportunityRecord(
        0,
        at,
        status,
        start,
        exchanges,
        assets,
        "{\"nodes\":" + quoted(assets) + ",\"legs\":[]}",
        "{}",
        new BigDecimal(profit),
        bp,
        null,
        status == OpportunityStatus.REJECTED ? "profit below threshold" : null);
  }

  /** A record whose reason carries a sequence number, for durability checks. */
  static OpportunityRecord numbered(long seq) {
    return new OpportunityRecord(
        0,
        T0.plusMillis(seq),
        OpportunityStatus.DETECTED,
        "USD",
        List.of("kraken", "bitstamp"),
        List.of("USD", "BTC"),
        "{\"nodes\":[\"USD\",\"BTC\"],\"legs\":[]}",
        "{}",
        new BigDecimal("0.01"),
        1.0,
        null,
        "seq-" + seq);
  }

  private static String quoted(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(items.get(i)).append('"');
    }
    return sb.append(']').toString();
  }
}
