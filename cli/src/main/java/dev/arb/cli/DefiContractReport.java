package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What {@code arb defi deploy} and {@code upgrade} print about a FlashLoanArbitrage proxy: its
 * implementation and settings as read back from the chain, as JSON or as aligned {@code key: value}
 * lines.
 */
final class DefiContractReport {
  private DefiContractReport() {}

  /**
   * Adds the proxy's implementation, version, trusted forwarder (zero address for none), owner,
   * executor, Balancer vault, Aave pool, allowed factories and allowed V3 factories to {@code o},
   * in that order.
   */
  static void putSettings(Map<String, Object> o, FlashLoanArbitrageContract arb) {
    o.put("implementation", arb.implementation());
    o.put("version", arb.version());
    o.put("trustedForwarder", arb.trustedForwarder().orElse(ChainClient.ZERO_ADDRESS));
    o.put("owner", arb.owner());
    o.put("executor", arb.executor());
    o.put("balancerVault", arb.balancerVault());
    o.put("aavePool", arb.aavePool());
    o.put("allowedFactories", arb.allowedFactories());
    o.put("allowedV3Factories", arb.allowedV3Factories());
  }

  /** Prints {@code o} as one JSON object, or one {@code key: value} line per entry, aligned. */
  static void print(PrintWriter out, Map<String, Object> o, boolean json)
      throws JsonProcessingException {
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(o));
    } else {
      int width = 1 + o.keySet().stream().mapToInt(String::length).max().orElse(0);
      o.forEach((k, v) -> out.printf("%-" + width + "s %s%n", k + ":", v));
    }
    out.flush();
  }
}
