package dev.arb.engine.lp;

import dev.arb.engine.json.Json;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Where a whole-graph plan becomes a record ({@code arb scan --plan lp --record}), and its JSON
 * document ({@code --json}). Amounts are the plan's exact re-priced decimals; the solver's own
 * double is shown with 12 significant digits.
 */
public final class WholeGraphPlanRecords {

  /** Doubles from the LP are shown with this many significant digits. */
  private static final MathContext LP_DIGITS = new MathContext(12);

  private WholeGraphPlanRecords() {}

  /**
   * The {@code arb scan --plan lp --json} document, stored as the record's solution, in this key
   * order. Amounts are the exact decimal strings of the re-priced plan.
   *
   * @param source where the books came from
   * @param plan always {@code lp}
   * @param start the start asset
   * @param steps steps of the plan
   * @param startAmount start asset spent
   * @param finalAmount start asset held at the end
   * @param profit {@code final_amount - start_amount}
   * @param returnBp profit in basis points of {@code start_amount}
   * @param solverFinalAmount what the LP's double optimum claimed, 12 significant digits
   * @param transactions the trades, in step order
   * @param notes what to tell the user about the plan
   */
  public record PlanJson(
      String source,
      String plan,
      String start,
      int steps,
      String startAmount,
      String finalAmount,
      String profit,
      double returnBp,
      String solverFinalAmount,
      List<TransactionJson> transactions,
      List<String> notes) {}

  /**
   * One trade of a whole-graph plan.
   *
   * @param step the step it belongs to, from 1
   * @param market the market's id
   * @param side {@code buy} or {@code sell}
   * @param from the asset spent
   * @param to the asset received
   * @param level the book level traded against, from 0
   * @param amountIn amount of {@code from} spent
   * @param amountOut amount of {@code to} received
   */
  public record TransactionJson(
      int step,
      String market,
      String side,
      String from,
      String to,
      int level,
      String amountIn,
      String amountOut) {}

  /** The record's path document: the plan's trades. */
  public record PathJson(String source, String plan, List<TransactionJson> transactions) {}

  /** The plan's JSON document. */
  public static PlanJson json(WholeGraphPlan plan, String source, List<String> notes) {
    List<TransactionJson> txs = new ArrayList<>(plan.transactions().size());
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      txs.add(
          new TransactionJson(
              t.step(),
              t.marketId(),
              t.side().name().toLowerCase(Locale.ROOT),
              t.from().code(),
              t.to().code(),
              t.level(),
              exact(t.amountIn()),
              exact(t.amountOut())));
    }
    return new PlanJson(
        source,
        "lp",
        plan.start().code(),
        plan.steps(),
        exact(plan.startAmount()),
        exact(plan.finalAmount()),
        exact(plan.profit()),
        plan.returnBp(),
        decimal(plan.solverFinalAmount()),
        txs,
        List.copyOf(notes));
  }

  /** A double from the LP as a decimal string with 12 significant digits. */
  public static String decimal(double v) {
    BigDecimal d = new BigDecimal(v).round(LP_DIGITS).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  /** An exact amount as a plain decimal string without trailing zeros. */
  public static String exact(BigDecimal v) {
    BigDecimal d = v.stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  /** The stored record of a whole-graph plan. */
  public static OpportunityRecord of(
      WholeGraphPlan plan, String source, Instant detectedAt, List<String> notes) {
    LinkedHashSet<String> exchanges = new LinkedHashSet<>();
    LinkedHashSet<String> assets = new LinkedHashSet<>();
    assets.add(plan.start().code());
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      exchanges.add(t.marketId().substring(0, t.marketId().indexOf(':')));
      assets.add(t.from().code());
      assets.add(t.to().code());
    }
    PlanJson solution = json(plan, source, notes);
    PathJson path = new PathJson(source, "lp", solution.transactions());
    boolean profitable = plan.profit().signum() > 0;
    return new OpportunityRecord(
        0,
        detectedAt,
        profitable ? OpportunityStatus.SIZED : OpportunityStatus.REJECTED,
        plan.start().code(),
        List.copyOf(exchanges),
        List.copyOf(assets),
        Json.write(path),
        Json.write(solution),
        plan.profit(),
        plan.returnBp(),
        null,
        profitable ? null : "no profit: the best whole-graph plan ends with no gain");
  }
}
