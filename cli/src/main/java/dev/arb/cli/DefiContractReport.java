package dev.arb.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.engine.json.Json;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code arb defi deploy}, {@code upgrade}, {@code factories} and {@code flashloan} print: one
 * record, as JSON (snake_case keys, in its order) or as aligned {@code key: value} lines for people
 * (the same keys, with spaces).
 */
final class DefiContractReport {
  private DefiContractReport() {}

  /**
   * A FlashLoanArbitrage proxy's implementation and settings as read back from the chain.
   *
   * @param trustedForwarder the EIP-2771 forwarder it trusts, the zero address for none
   * @param allowedFactories the Uniswap-V2-style factories whose pairs may lend or be a V2 hop
   * @param allowedV3Factories the Uniswap-V3-style factories whose pools may be a V3 hop
   */
  record Settings(
      String implementation,
      BigInteger version,
      String trustedForwarder,
      String owner,
      String executor,
      String balancerVault,
      String aavePool,
      List<String> allowedFactories,
      List<String> allowedV3Factories) {

    static Settings of(FlashLoanArbitrageContract arb) {
      return new Settings(
          arb.implementation(),
          arb.version(),
          arb.trustedForwarder().orElse(ChainClient.ZERO_ADDRESS),
          arb.owner(),
          arb.executor(),
          arb.balancerVault(),
          arb.aavePool(),
          arb.allowedFactories(),
          arb.allowedV3Factories());
    }
  }

  /** {@code arb defi deploy}: the chain, the new proxy and its settings. */
  record Deployed(long chainId, String proxy, @JsonUnwrapped Settings settings) {}

  /**
   * {@code arb defi upgrade}: the proxy, what it was, whether it was upgraded, its settings now and
   * how many routes it has executed.
   */
  record Upgraded(
      String proxy,
      String previousImplementation,
      BigInteger previousVersion,
      boolean upgraded,
      @JsonUnwrapped Settings settings,
      BigInteger executions) {}

  /**
   * {@code arb defi factories}: what was allowed and disallowed now (V2 and V3), and what is
   * allowed.
   */
  record Factories(
      String proxy,
      List<String> allowed,
      List<String> disallowed,
      List<String> allowedFactories,
      List<String> allowedV3,
      List<String> disallowedV3,
      List<String> allowedV3Factories) {}

  /** Prints {@code o} as one JSON object, or one {@code key: value} line per key, aligned. */
  static void print(PrintWriter out, Object o, boolean json) {
    if (json) {
      out.println(Json.write(o));
    } else {
      List<String[]> lines = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = Json.toTree(o).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        lines.add(new String[] {e.getKey().replace('_', ' ') + ":", text(e.getValue())});
      }
      int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
      for (String[] l : lines) {
        out.printf("%-" + width + "s %s%n", l[0], l[1]);
      }
    }
    out.flush();
  }

  private static String text(JsonNode v) {
    if (v.isNull()) {
      return "none";
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(x -> items.add(text(x)));
      return items.isEmpty() ? "none" : String.join(", ", items);
    }
    return v.asText();
  }
}
