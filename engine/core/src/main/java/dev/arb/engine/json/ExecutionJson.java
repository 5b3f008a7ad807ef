package dev.arb.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes of what an execution did, as the record store keeps them (the {@code legs},
 * {@code unwind} and {@code leftover} columns of an execution, and the context of its dead letter)
 * and as {@code arb dlq} prints them. Keys are the components in snake_case, in this order; amounts
 * are exact decimal strings. Documents written by earlier versions have the same keys and read back
 * into these records.
 */
public final class ExecutionJson {
  private ExecutionJson() {}

  /**
   * One order's fill.
   *
   * @param market the market's id, e.g. {@code kraken:BTC/USD}
   * @param side {@code buy} or {@code sell}
   * @param orderId the venue's order id
   * @param requested most of the spent asset the order could spend
   * @param spent amount actually spent
   * @param received amount received after the fee
   * @param baseAmount base amount traded
   * @param averagePrice volume-weighted price before the fee
   * @param fee fee paid, in the received asset
   * @param note why the fill is short or empty; left out when it is not
   */
  public record Fill(
      String market,
      String side,
      String orderId,
      BigDecimal requested,
      BigDecimal spent,
      BigDecimal received,
      BigDecimal baseAmount,
      BigDecimal averagePrice,
      BigDecimal fee,
      @JsonInclude(Include.NON_NULL) String note) {

    /** The JSON shape of {@code f}. */
    public static Fill of(dev.arb.engine.record.Fill f) {
      return new Fill(
          f.leg().tradable().id(),
          sideOf(f.leg()),
          f.orderId(),
          f.requested(),
          f.spent(),
          f.received(),
          f.baseAmount(),
          f.averagePrice(),
          f.fee(),
          f.note().isEmpty() ? null : f.note());
    }

    /** The JSON shapes of {@code fills}, in order. */
    public static List<Fill> of(List<dev.arb.engine.record.Fill> fills) {
      return fills.stream().map(Fill::of).toList();
    }
  }

  /**
   * An amount held on an exchange.
   *
   * @param exchange lower-case exchange name
   * @param asset the asset's code
   * @param amount exact, &gt; 0
   */
  public record Holding(String exchange, String asset, BigDecimal amount) {

    /** The JSON shape of {@code h}. */
    public static Holding of(dev.arb.engine.record.Holding h) {
      return new Holding(h.exchange(), h.asset().toString(), h.amount());
    }

    /** The JSON shapes of {@code holdings}, in order. */
    public static List<Holding> of(List<dev.arb.engine.record.Holding> holdings) {
      return holdings.stream().map(Holding::of).toList();
    }

    /**
     * The holding this stands for.
     *
     * @throws IllegalArgumentException if a field is missing or the amount is not positive
     */
    public dev.arb.engine.record.Holding toHolding() {
      if (exchange == null || asset == null || amount == null) {
        throw new IllegalArgumentException("a holding needs exchange, asset and amount");
      }
      return new dev.arb.engine.record.Holding(exchange, Asset.of(asset), amount);
    }
  }

  /**
   * The plan an execution traded: each leg's market and the amounts sized for it.
   *
   * @param legs one per leg, in cycle order
   * @param startAmount start asset the plan spends
   * @param endAmount start asset the plan expects back
   * @param profit {@code end_amount - start_amount}
   */
  public record Plan(
      List<PlanLeg> legs, BigDecimal startAmount, BigDecimal endAmount, BigDecimal profit) {
    public Plan {
      legs = legs == null ? List.of() : List.copyOf(legs);
    }

    /** The JSON shape of {@code p}. */
    public static Plan of(TradePlan p) {
      List<PlanLeg> legs = new ArrayList<>(p.fills().size());
      for (LegFill f : p.fills()) {
        Leg l = f.leg();
        legs.add(
            new PlanLeg(
                l.tradable().id(),
                l.exchange(),
                l.tradable().base().toString(),
                l.tradable().quote().toString(),
                sideOf(l),
                l.tradable().fee(),
                f.spent(),
                f.received(),
                f.worstPrice()));
      }
      return new Plan(legs, p.startAmount(), p.endAmount(), p.profit());
    }
  }

  /**
   * One leg of a traded plan: enough to rebuild the market (a retry trades the cycle's reverse
   * route) and what was sized for it.
   *
   * @param market the market's id
   * @param exchange lower-case exchange name
   * @param base the market's base asset
   * @param quote the market's quote asset
   * @param side {@code buy} or {@code sell}
   * @param takerFee the market's taker fee then
   * @param spent amount sized to spend
   * @param received amount sized to receive
   * @param worstPrice the limit price
   */
  public record PlanLeg(
      String market,
      String exchange,
      String base,
      String quote,
      String side,
      BigDecimal takerFee,
      BigDecimal spent,
      BigDecimal received,
      BigDecimal worstPrice) {}

  /**
   * One live order as journaled.
   *
   * @param clientOrderId arb's idempotency key
   * @param exchange lower-case exchange name
   * @param market {@code BASE/QUOTE}
   * @param side {@code buy} or {@code sell}
   * @param amount base amount ordered
   * @param limitPrice limit price, quote per base
   * @param state where the order stands ({@link OrderState#code()})
   * @param venueOrderId the exchange's id, {@code null} if never known
   * @param filledBase base amount filled
   * @param spent amount of the spent asset
   * @param received amount of the received asset after the fee
   * @param fee fee paid, in {@code fee_asset}
   * @param feeAsset asset of the fee ({@code ""} when none was paid)
   */
  public record JournalRow(
      String clientOrderId,
      String exchange,
      String market,
      String side,
      BigDecimal amount,
      BigDecimal limitPrice,
      String state,
      String venueOrderId,
      BigDecimal filledBase,
      BigDecimal spent,
      BigDecimal received,
      BigDecimal fee,
      String feeAsset) {

    /** The JSON shape of {@code e}. */
    public static JournalRow of(JournalEntry e) {
      return new JournalRow(
          e.clientOrderId(),
          e.exchange(),
          e.symbol(),
          e.side().name().toLowerCase(Locale.ROOT),
          e.amount(),
          e.limitPrice(),
          e.state().code(),
          e.venueOrderId().orElse(null),
          e.filledBase(),
          e.spent(),
          e.received(),
          e.fee(),
          e.feeAsset());
    }
  }

  /**
   * The risk limits a trade was made under; {@code null} values mean no limit.
   *
   * @param maxTradeNotional most start asset one cycle may spend
   * @param maxDailyNotional most start asset one UTC day may spend
   * @param minProfit least profit after fees
   * @param slippageBufferBp buffer added to the least profit, in basis points
   * @param maxDataAge oldest a book may be ({@code 5s})
   * @param dailyLossLimit realized losses of a day that trip the kill switch
   * @param maxOpenCycles most cycles in progress at once
   */
  public record Risk(
      BigDecimal maxTradeNotional,
      BigDecimal maxDailyNotional,
      BigDecimal minProfit,
      BigDecimal slippageBufferBp,
      Duration maxDataAge,
      BigDecimal dailyLossLimit,
      int maxOpenCycles) {

    /** The JSON shape of {@code l}; {@code null} when the limits are not known. */
    public static Risk of(RiskLimits l) {
      if (l == null) {
        return null;
      }
      return new Risk(
          l.maxTradeNotional().orElse(null),
          l.maxDailyNotional().orElse(null),
          l.threshold().minProfit(),
          l.threshold().slippageBufferBp(),
          l.maxDataAge().orElse(null),
          l.dailyLossLimit().orElse(null),
          l.maxOpenCycles());
    }
  }

  private static String sideOf(Leg l) {
    return l.side().name().toLowerCase(Locale.ROOT);
  }
}
