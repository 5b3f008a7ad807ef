package dev.arb.defi.flashloan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a flash-loan attempt into the engine's {@link OpportunityRecord}, so it lands in {@code arb
 * history} like any other opportunity: executed (realised profit), rejected (not sent, with the
 * decoded simulation revert) or failed (mined and reverted, with the decoded reason).
 */
public final class FlashLoanRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlashLoanRecords() {}

  /**
   * Names for the addresses of a route, for people: token symbols and venue labels.
   *
   * @param symbols token address (lower case) to symbol, e.g. {@code WETH}
   * @param venues pair or vault address (lower case) to a label, e.g. {@code uniswap-v2:dex-b}
   * @param decimals decimals of the borrowed token
   */
  public record Names(Map<String, String> symbols, Map<String, String> venues, int decimals) {
    public Names {
      symbols = Map.copyOf(symbols);
      venues = Map.copyOf(venues);
    }

    String symbol(String token) {
      return symbols.getOrDefault(token, token);
    }

    String venue(String address) {
      return venues.getOrDefault(address, address);
    }
  }

  /**
   * The record of one route's attempt.
   *
   * @param expectedProfit the sizing's predicted profit, base units
   * @param routeIndex which route of the batch this is (for its profit and event)
   */
  public static OpportunityRecord of(
      Instant detectedAt,
      FlashRoute route,
      Names names,
      BigInteger expectedProfit,
      FlashLoanOutcome outcome,
      int routeIndex) {
    Objects.requireNonNull(outcome, "outcome");
    List<String> exchanges = new ArrayList<>();
    for (String pair : route.pairs()) {
      String v = names.venue(pair);
      if (!exchanges.contains(v)) {
        exchanges.add(v);
      }
    }
    List<String> assets = new ArrayList<>();
    for (String token : route.path()) {
      String s = names.symbol(token);
      if (!assets.contains(s)) {
        assets.add(s);
      }
    }
    ObjectNode path = JSON.createObjectNode();
    path.put("kind", "flash-loan");
    path.put("source", route.source().name());
    path.put("lender", names.venue(route.lender()));
    ArrayNode hops = path.putArray("hops");
    for (int i = 0; i < route.pairs().size(); i++) {
      ObjectNode hop = hops.addObject();
      hop.put("venue", names.venue(route.pairs().get(i)));
      hop.put("pair", route.pairs().get(i));
      hop.put("sell", names.symbol(route.path().get(i)));
      hop.put("buy", names.symbol(route.path().get(i + 1)));
      hop.put("feeBps", route.feesBps().get(i));
    }
    ObjectNode solution = JSON.createObjectNode();
    solution.put(
        "borrowed", units(route.amount(), names.decimals()).stripTrailingZeros().toPlainString());
    solution.put(
        "minProfit",
        units(route.minProfit(), names.decimals()).stripTrailingZeros().toPlainString());

    OpportunityStatus status;
    BigDecimal realized = null;
    String reason = null;
    if (outcome instanceof FlashLoanOutcome.Executed done) {
      status = OpportunityStatus.EXECUTED;
      realized = units(done.profits().get(routeIndex), names.decimals());
      solution.put("txHash", done.txHash());
      solution.put("gasUsed", done.gasUsed().toString());
      solution.put("effectiveGasPriceWei", done.effectiveGasPrice().toString());
      solution.put(
          "premium",
          units(done.events().get(routeIndex).premium(), names.decimals())
              .stripTrailingZeros()
              .toPlainString());
    } else if (outcome instanceof FlashLoanOutcome.Failed failed) {
      status = OpportunityStatus.FAILED;
      reason = "reverted on chain: " + failed.reason();
      solution.put("txHash", failed.txHash());
      solution.put("gasUsed", failed.gasUsed().toString());
    } else {
      status = OpportunityStatus.REJECTED;
      reason = "not sent: " + ((FlashLoanOutcome.NotSent) outcome).reason();
    }
    BigDecimal expected = units(expectedProfit, names.decimals());
    double returnBp =
        new BigDecimal(expectedProfit)
            .multiply(BigDecimal.valueOf(10_000))
            .divide(new BigDecimal(route.amount()), MathContext.DECIMAL64)
            .doubleValue();
    return new OpportunityRecord(
        0,
        detectedAt,
        status,
        names.symbol(route.token()),
        exchanges,
        assets,
        path.toString(),
        solution.toString(),
        expected,
        returnBp,
        realized,
        reason);
  }

  private static BigDecimal units(BigInteger baseUnits, int decimals) {
    return new BigDecimal(baseUnits).movePointLeft(decimals);
  }
}
