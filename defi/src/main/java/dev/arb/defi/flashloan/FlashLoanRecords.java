package dev.arb.defi.flashloan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.engine.json.Json;
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
 * decoded reason; or the chain failed mid-attempt, see {@link #interrupted}). Its path and solution
 * are {@link PathJson} and {@link SolutionJson} documents.
 */
public final class FlashLoanRecords {
  private FlashLoanRecords() {}

  /**
   * The record's path: a flash loan and its swaps.
   *
   * @param kind always {@code flash-loan}
   * @param source the lender kind ({@code UNISWAP_V2}, {@code BALANCER}, {@code AAVE_V3})
   * @param lender the lender, named
   * @param hops the swaps, in order
   */
  public record PathJson(String kind, String source, String lender, List<HopJson> hops) {}

  /**
   * One swap of a flash-loan route.
   *
   * @param venue the pair's DEX, named
   * @param pair the pair's address
   * @param sell the token sold
   * @param buy the token bought
   * @param kind {@code uniswap-v3} for a V3 pool (its own fee tier applies), absent for a V2 pair
   * @param feeBps the V2 pair's fee in basis points, absent for a V3 pool
   */
  public record HopJson(
      String venue,
      String pair,
      String sell,
      String buy,
      @JsonInclude(Include.NON_NULL) String kind,
      @JsonInclude(Include.NON_NULL) Integer feeBps) {}

  /**
   * The record's solution, in this key order; the keys after {@code min_profit} are there only when
   * they apply. Amounts of the borrowed token are decimals; wei and gas are integers, as strings.
   *
   * @param borrowed amount borrowed
   * @param minProfit least profit the contract accepts
   * @param txHash the transaction, once sent and mined
   * @param gasUsed its gas
   * @param effectiveGasPriceWei its gas price (executed only)
   * @param premium the lender's fee (executed only)
   * @param sentAs transactions that may have been sent when the chain failed mid-attempt
   * @param mined {@code unknown} when it is not known whether something was mined
   */
  public record SolutionJson(
      BigDecimal borrowed,
      BigDecimal minProfit,
      @JsonInclude(Include.NON_NULL) String txHash,
      @JsonInclude(Include.NON_NULL) BigInteger gasUsed,
      @JsonInclude(Include.NON_NULL) BigInteger effectiveGasPriceWei,
      @JsonInclude(Include.NON_NULL) BigDecimal premium,
      @JsonInclude(Include.NON_NULL) List<String> sentAs,
      @JsonInclude(Include.NON_NULL) String mined) {

    SolutionJson sent(String tx, BigInteger gas, BigInteger price, BigDecimal fee) {
      return new SolutionJson(borrowed, minProfit, tx, gas, price, fee, sentAs, mined);
    }

    SolutionJson unknown(List<String> hashes) {
      return new SolutionJson(
          borrowed, minProfit, txHash, gasUsed, effectiveGasPriceWei, premium, hashes, "unknown");
    }
  }

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
    SolutionJson solution = solution(route, names);
    OpportunityStatus status;
    BigDecimal realized = null;
    String reason = null;
    if (outcome instanceof FlashLoanOutcome.Executed done) {
      status = OpportunityStatus.EXECUTED;
      realized = units(done.profits().get(routeIndex), names.decimals());
      solution =
          solution.sent(
              done.txHash(),
              done.gasUsed(),
              done.effectiveGasPrice(),
              units(done.events().get(routeIndex).premium(), names.decimals())
                  .stripTrailingZeros());
    } else if (outcome instanceof FlashLoanOutcome.Failed failed) {
      status = OpportunityStatus.FAILED;
      reason = "reverted on chain: " + failed.reason();
      solution = solution.sent(failed.txHash(), failed.gasUsed(), null, null);
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
    SolutionJson solution = solution(route, names);
    String reason;
    if (sentAs.isEmpty()) {
      reason = "chain failed before anything was sent: " + error;
    } else {
      solution = solution.unknown(List.copyOf(sentAs));
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
    SolutionJson solution = solution(route, names).unknown(null);
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

  private static SolutionJson solution(FlashRoute route, Names names) {
    return new SolutionJson(
        units(route.amount(), names.decimals()).stripTrailingZeros(),
        units(route.minProfit(), names.decimals()).stripTrailingZeros(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static OpportunityRecord record(
      Instant detectedAt,
      FlashRoute route,
      Names names,
      BigInteger expectedProfit,
      OpportunityStatus status,
      SolutionJson solution,
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
    List<HopJson> hops = new ArrayList<>();
    for (int i = 0; i < route.pairs().size(); i++) {
      boolean v3 = route.hops().get(i).kind() == FlashRoute.HopKind.UNISWAP_V3;
      hops.add(
          new HopJson(
              names.venue(route.pairs().get(i)),
              route.pairs().get(i),
              names.symbol(route.path().get(i)),
              names.symbol(route.path().get(i + 1)),
              v3 ? "uniswap-v3" : null,
              v3 ? null : route.feesBps().get(i)));
    }
    PathJson path =
        new PathJson("flash-loan", route.source().name(), names.venue(route.lender()), hops);
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
        Json.write(path),
        Json.write(solution),
        expected,
        returnBp,
        realized,
        reason);
  }

  private static BigDecimal units(BigInteger baseUnits, int decimals) {
    return new BigDecimal(baseUnits).movePointLeft(decimals);
  }
}
