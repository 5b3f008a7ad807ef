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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a flash-loan attempt into the engine's {@link OpportunityRecord}, so it lands in {@code arb
 * history} like any other opportunity: executed (realised profit), rejected (not sent, with the
 * decoded simulation revert or why sending would not pay) or failed (mined and reverted, with the
 * decoded reason; or the chain failed mid-attempt, see {@link #interrupted}).
 */
public final class FlashLoanRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlashLoanRecords() {}

  /**
   * Names for the addresses of a route, for people: token symbols and venue labels.
   *
   * @param symbols token address (any case) to symbol, e.g. {@code WETH}
   * @param venues pair or vault address (any case) to a label, e.g. {@code uniswap-v2:dex-b}
   * @param decimals decimals of the borrowed token
   */
  public record Names(Map<String, String> symbols, Map<String, String> venues, int decimals) {
    public Names {
      symbols = lowerKeys(symbols);
      venues = lowerKeys(venues);
    }

    /** Addresses of any case as keys: routes carry them in lower case. */
    private static Map<String, String> lowerKeys(Map<String, String> m) {
      Map<String, String> out = new java.util.HashMap<>();
      m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
      return Map.copyOf(out);
    }

    String symbol(String token) {
      return symbols.getOrDefault(token.toLowerCase(Locale.ROOT), token);
    }

    String venue(String address) {
      return venues.getOrDefault(address.toLowerCase(Locale.ROOT), address);
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
    ObjectNode solution = solution(route, names);
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
    return record(detectedAt, route, names, expectedProfit, status, solution, realized, reason);
  }

  /**
   * The record of an attempt the chain failed in the middle of: the node stopped answering, or a
   * sent transaction got no receipt in time. Failed, with the error; when something was sent, the
   * transactions that may still be mined are kept in the solution ({@code sentAs}, {@code mined:
   * "unknown"}) and the reason says to check them before resending.
   *
   * @param expectedProfit the sizing's or simulation's profit, base units ({@code 0} if unknown)
   * @param error what failed, e.g. {@code chain: eth_call to http://... failed (...)}
   * @param sentAs hashes of the transactions that were (or may have been) sent; empty if none
   */
  public static OpportunityRecord interrupted(
      Instant detectedAt,
      FlashRoute route,
      Names names,
      BigInteger expectedProfit,
      String error,
      List<String> sentAs) {
    Objects.requireNonNull(error, "error");
    ObjectNode solution = solution(route, names);
    String reason;
    if (sentAs.isEmpty()) {
      reason = "chain failed before anything was sent: " + error;
    } else {
      ArrayNode sent = solution.putArray("sentAs");
      sentAs.forEach(sent::add);
      solution.put("mined", "unknown");
      reason =
          error.contains(sentAs.get(0))
              ? "chain failed after sending: " + error
              : "chain failed after sending " + String.join(", ", sentAs) + ": " + error;
    }
    return record(
        detectedAt, route, names, expectedProfit, OpportunityStatus.FAILED, solution, null, reason);
  }

  /**
   * The record of an attempt that broke off with an unexpected error (not the chain's): whether a
   * transaction was sent is not known, so the reason says to check the account.
   *
   * @param error the error, e.g. its {@code toString()}
   */
  public static OpportunityRecord unexpected(
      Instant detectedAt, FlashRoute route, Names names, BigInteger expectedProfit, String error) {
    Objects.requireNonNull(error, "error");
    ObjectNode solution = solution(route, names);
    solution.put("mined", "unknown");
    return record(
        detectedAt,
        route,
        names,
        expectedProfit,
        OpportunityStatus.FAILED,
        solution,
        null,
        "unexpected error mid-attempt (a transaction may have been sent: check the account before"
            + " resending): "
            + error);
  }

  private static ObjectNode solution(FlashRoute route, Names names) {
    ObjectNode solution = JSON.createObjectNode();
    solution.put(
        "borrowed", units(route.amount(), names.decimals()).stripTrailingZeros().toPlainString());
    solution.put(
        "minProfit",
        units(route.minProfit(), names.decimals()).stripTrailingZeros().toPlainString());
    return solution;
  }

  private static OpportunityRecord record(
      Instant detectedAt,
      FlashRoute route,
      Names names,
      BigInteger expectedProfit,
      OpportunityStatus status,
      ObjectNode solution,
      BigDecimal realized,
      String reason) {
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
      if (route.hops().get(i).kind() == FlashRoute.HopKind.UNISWAP_V3) {
        hop.put("kind", "uniswap-v3"); // the pool's own fee tier applies
      } else {
        hop.put("feeBps", route.feesBps().get(i));
      }
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
