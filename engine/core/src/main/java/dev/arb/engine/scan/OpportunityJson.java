package dev.arb.engine.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The JSON documents of an opportunity: its {@link Path} and its {@link Solution}, stored with its
 * record and printed by {@code arb scan --json} and {@code arb history --json}. Written by {@link
 * dev.arb.engine.json.Json}: keys are the components below in snake_case, in this order; amounts
 * are exact decimal strings, basis points numbers.
 *
 * <p>To add a key: add a component where it belongs in the order; if it does not apply to every
 * opportunity (a pool leg's fields, say), annotate it {@code @JsonInclude(NON_NULL)} and pass
 * {@code null} where it does not apply, so documents without it keep their shape.
 */
public final class OpportunityJson {
  private OpportunityJson() {}

  /**
   * The cycle of an opportunity, as stored in its record's path column.
   *
   * @param source where the data came from (the input file, {@code live}, ...)
   * @param nodes the cycle's nodes in order, one per leg: the exchange and the asset spent there
   * @param returnBp the cycle's return in basis points after fees, at the top of each book
   * @param legs each leg's market and direction (no fill)
   */
  public record Path(String source, List<Node> nodes, double returnBp, List<Leg> legs) {
    public Path {
      nodes = List.copyOf(nodes);
      legs = List.copyOf(legs);
    }
  }

  /** One node of a cycle: an asset on an exchange. */
  public record Node(String exchange, String asset) {}

  /**
   * An opportunity as sized: its cycle, the plan's amounts and each leg's fill. Without a plan
   * (rejected before sizing) the amounts and {@code profit_bp} are {@code null} and the legs have
   * no fill.
   *
   * @param rank position in the scan, 1 is best
   * @param cycle asset codes of the cycle, the start asset first and last
   * @param exchanges exchanges the cycle touches, in order of first use
   * @param returnBp the cycle's return in basis points after fees, at the top of each book
   * @param startAmount start asset the plan spends
   * @param endAmount start asset the plan gets back
   * @param profit {@code end_amount - start_amount}
   * @param profitBp profit in basis points of {@code start_amount}
   * @param gasUnits gas of the cycle's chain transactions (only with a gas price)
   * @param gasCost that gas's cost in the start asset, rounded up
   * @param profitAfterGas {@code profit - gas_cost}
   * @param profitAfterGasBp that in basis points of {@code start_amount}
   * @param gasByChain the gas of each chain's transaction
   * @param status {@code sized}, {@code rejected}, ...
   * @param reason why it was rejected, else {@code null}
   * @param legs one per leg, in cycle order
   */
  public record Solution(
      int rank,
      List<String> cycle,
      List<String> exchanges,
      double returnBp,
      BigDecimal startAmount,
      BigDecimal endAmount,
      BigDecimal profit,
      Double profitBp,
      @JsonInclude(Include.NON_NULL) Long gasUnits,
      @JsonInclude(Include.NON_NULL) BigDecimal gasCost,
      @JsonInclude(Include.NON_NULL) BigDecimal profitAfterGas,
      @JsonInclude(Include.NON_NULL) Double profitAfterGasBp,
      @JsonInclude(Include.NON_NULL) List<Gas> gasByChain,
      String status,
      String reason,
      List<Leg> legs) {
    public Solution {
      cycle = List.copyOf(cycle);
      exchanges = List.copyOf(exchanges);
      legs = List.copyOf(legs);
      gasByChain = gasByChain == null ? null : List.copyOf(gasByChain);
    }
  }

  /**
   * The gas of one chain's transaction.
   *
   * @param chain the chain
   * @param units gas units: the swaps plus the per-transaction overhead
   * @param gasPriceGwei the gas price used
   * @param nativeToken the wrapped native token the gas is priced in, by name
   * @param nativeTokenAddress its checksummed address
   * @param costNative {@code units · gas price}, in the native token
   * @param nativePrice one native token in the start asset
   * @param cost {@code cost_native · native_price}, rounded up
   */
  public record Gas(
      String chain,
      long units,
      BigDecimal gasPriceGwei,
      String nativeToken,
      String nativeTokenAddress,
      BigDecimal costNative,
      BigDecimal nativePrice,
      BigDecimal cost) {}

  /**
   * One leg: its market and direction, and when the opportunity was sized, its fill (the fill's
   * keys are left out otherwise).
   *
   * @param market the market's id, e.g. {@code kraken:BTC/USD}
   * @param side {@code buy} or {@code sell} of the market's base
   * @param from the asset spent
   * @param to the asset received
   * @param feeRate the taker fee (pool fee), e.g. {@code 0.0026}
   * @param pool a pool leg's pool (checksummed address); left out for a book
   * @param dex a pool leg's DEX
   * @param tokenIn a pool leg's token sold (address)
   * @param tokenOut a pool leg's token bought (address)
   * @param amountIn a sized pool leg's swap input, an integer in the token's smallest unit
   * @param amountOut its output, as the pool's integer formula pays it
   * @param amountInDecimal {@code amount_in} in token units (its decimals applied)
   * @param amountOutDecimal {@code amount_out} in token units
   * @param spent amount of {@code from} spent
   * @param received amount of {@code to} received after the fee
   * @param baseAmount the order's base amount
   * @param averagePrice volume-weighted price of the fill, quote per base
   * @param worstPrice price of the last level touched (the limit price)
   * @param fee fee paid, in {@code to}
   * @param levelsUsed book levels the fill touches
   */
  public record Leg(
      String market,
      String side,
      String from,
      String to,
      BigDecimal feeRate,
      @JsonInclude(Include.NON_NULL) String pool,
      @JsonInclude(Include.NON_NULL) String dex,
      @JsonInclude(Include.NON_NULL) String tokenIn,
      @JsonInclude(Include.NON_NULL) String tokenOut,
      @JsonInclude(Include.NON_NULL) BigInteger amountIn,
      @JsonInclude(Include.NON_NULL) BigInteger amountOut,
      @JsonInclude(Include.NON_NULL) BigDecimal amountInDecimal,
      @JsonInclude(Include.NON_NULL) BigDecimal amountOutDecimal,
      @JsonInclude(Include.NON_NULL) BigDecimal spent,
      @JsonInclude(Include.NON_NULL) BigDecimal received,
      @JsonInclude(Include.NON_NULL) BigDecimal baseAmount,
      @JsonInclude(Include.NON_NULL) BigDecimal averagePrice,
      @JsonInclude(Include.NON_NULL) BigDecimal worstPrice,
      @JsonInclude(Include.NON_NULL) BigDecimal fee,
      @JsonInclude(Include.NON_NULL) Integer levelsUsed) {}
}
