package dev.arb.cli;

import dev.arb.defi.pools.ChainPoolState;
import dev.arb.engine.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code arb record --chain} prints: one line, or the {@code --json} summary. */
final class ChainRecordReport {
  /**
   * The {@code --json} summary.
   *
   * @param chain the chain's name
   * @param chainId the chain id the node reported
   * @param block the block read
   * @param observedAt the block's time, ISO-8601
   * @param output the file written
   * @param pools pools written
   * @param leftOut pools left out
   * @param leftOutByReason pools left out by reason code
   * @param skipped factory pairs beyond max-pools, not read
   * @param tokens tokens written
   * @param tokensFromCache tokens whose metadata came from the cache
   * @param calls JSON-RPC calls made
   * @param requests HTTP requests sent
   * @param seconds wall time of the read, decimal string
   * @param problems what was wrong and handled
   */
  record Summary(
      String chain,
      long chainId,
      long block,
      String observedAt,
      String output,
      int pools,
      int leftOut,
      Map<String, Integer> leftOutByReason,
      long skipped,
      int tokens,
      int tokensFromCache,
      int calls,
      int requests,
      String seconds,
      List<String> problems) {}

  static Summary summary(ChainPoolState s, Path output) {
    return new Summary(
        s.name(),
        s.chainId(),
        s.block(),
        s.observedAt().toString(),
        output.toString(),
        s.poolCount(),
        s.counts().leftOutTotal(),
        s.counts().leftOut(),
        s.counts().skipped(),
        s.tokens().size(),
        s.counts().tokensFromCache(),
        s.counts().calls(),
        s.counts().requests(),
        seconds(s),
        s.problems());
  }

  private static String seconds(ChainPoolState s) {
    return BigDecimal.valueOf(s.counts().elapsed().toMillis(), 3).toPlainString();
  }

  static String json(Summary summary) {
    return Json.pretty(summary);
  }

  /**
   * {@code local block 1234 (2024-05-01T10:00:00Z): 36 pools, 14 tokens, 4 left out (3 no decimals,
   * 1 zero reserve) written to f.json; 312 calls in 6 requests, 0.420 s}.
   */
  static String line(ChainPoolState s, Path output) {
    StringBuilder b =
        new StringBuilder()
            .append(s.name())
            .append(" block ")
            .append(s.block())
            .append(" (")
            .append(s.observedAt())
            .append("): ")
            .append(s.poolCount())
            .append(" pools, ")
            .append(s.tokens().size())
            .append(" tokens, ")
            .append(s.counts().leftOutTotal())
            .append(" left out");
    if (!s.counts().leftOut().isEmpty()) {
      b.append(" (")
          .append(
              s.counts().leftOut().entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                  .collect(Collectors.joining(", ")))
          .append(')');
    }
    if (s.counts().skipped() > 0) {
      b.append(", ").append(s.counts().skipped()).append(" skipped over max-pools");
    }
    return b.append(" written to ")
        .append(output)
        .append("; ")
        .append(s.counts().calls())
        .append(" calls in ")
        .append(s.counts().requests())
        .append(" requests, ")
        .append(seconds(s))
        .append(" s")
        .toString();
  }

  private ChainRecordReport() {}
}
