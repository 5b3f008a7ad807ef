/**
 * JSON, written one way: {@link dev.arb.engine.json.Json} is the one Jackson mapper of arb,
 * configured once (snake_case keys, exact decimals as plain strings, ISO-8601 instants, durations
 * as people write them), and the documents that more than one module writes or reads, such as the
 * context of a dead letter ({@link dev.arb.engine.json.DeadLetterContext}).
 *
 * <p>Every {@code --json} output, HTTP answer, webhook payload and JSON column is a record
 * serialised by this mapper: its keys are the record's components in snake_case, in declaration
 * order. A component that may be left out carries {@code @JsonInclude(NON_NULL)}; every other one
 * is always written, {@code null} when it has no value.
 */
package dev.arb.engine.json;
