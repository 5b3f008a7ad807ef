package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.json.Json;
import dev.arb.engine.record.DeadLetter;
import java.time.Instant;
import java.util.List;

/**
 * One dead letter as {@code arb dlq list|show|drop --json} print it, in this key order. Its context
 * is embedded as it was stored ({@link dev.arb.engine.json.DeadLetterContext}).
 *
 * @param resolvedAt when it was retried or dropped, {@code null} while open
 * @param resolution what the retry did or why it was dropped, {@code null} while open
 */
record DeadLetterJson(
    long id,
    Instant createdAt,
    long executionId,
    Instant detectedAt,
    String kind,
    String status,
    String error,
    Instant resolvedAt,
    String resolution,
    JsonNode context) {

  static DeadLetterJson of(DeadLetter d) {
    return new DeadLetterJson(
        d.id(),
        d.createdAt(),
        d.executionId(),
        d.detectedAt(),
        d.kind(),
        d.status().code(),
        d.error(),
        d.resolvedAt().orElse(null),
        d.resolution().orElse(null),
        Json.treeOrText(d.context()));
  }

  /** Dead letters as an indented JSON array, with a final newline. */
  static String array(List<DeadLetter> found) {
    return Json.pretty(found.stream().map(DeadLetterJson::of).toList()) + "\n";
  }
}
