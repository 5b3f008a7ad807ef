package dev.arb.xchange.live;

import dev.arb.engine.model.Side;
import dev.arb.engine.record.OrderState;
import dev.arb.xchange.spi.VenueOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a closed order spent and received, in arb's terms: the one computation of the live executor
 * and of reconciliation.
 *
 * <p>A fee in the base or quote asset is taken from the side it was charged on: a buy whose fee is
 * in the quote asset spends cost + fee and receives the base filled; a buy whose fee is in the base
 * asset spends the cost and receives base − fee; a sell spends the base (+ fee in base) and
 * receives cost − fee (in quote). A fee in a third asset (Binance's BNB) changes neither: it is
 * journaled as the order's fee (its asset named), and the executor passes it on for valuation.
 *
 * @param spent amount of the spent asset
 * @param received amount of the received asset, &ge; 0
 * @param feeInReceived the base/quote fee valued in the received asset (18 decimals)
 * @param journalFee the fee written to the journal (the third-asset fee when there is one)
 * @param journalFeeAsset its asset code, {@code ""} when no fee was paid
 * @param state filled, partial or cancelled (nothing filled)
 */
record Settlement(
    BigDecimal spent,
    BigDecimal received,
    BigDecimal feeInReceived,
    BigDecimal journalFee,
    String journalFeeAsset,
    OrderState state) {
  private static final int SCALE = 18;

  static Settlement of(Side side, String base, String quote, BigDecimal ordered, VenueOrder s) {
    BigDecimal filled = s.baseFilled();
    BigDecimal cost = s.quoteFilled();
    BigDecimal fee = s.fee();
    BigDecimal spent;
    BigDecimal received;
    BigDecimal feeTo;
    if (side == Side.SELL) {
      spent = s.feeInBase() ? filled.add(fee) : filled;
      received = s.feeInBase() ? cost : cost.subtract(fee);
      feeTo = s.feeInBase() ? fee.multiply(price(filled, cost)) : fee;
    } else if (s.feeInBase()) {
      spent = cost;
      received = filled.subtract(fee);
      feeTo = fee;
    } else {
      spent = cost.add(fee);
      received = filled;
      feeTo =
          cost.signum() == 0
              ? BigDecimal.ZERO
              : fee.multiply(filled).divide(cost, SCALE, RoundingMode.HALF_UP);
    }
    OrderState state =
        filled.signum() == 0
            ? OrderState.CANCELLED
            : filled.compareTo(ordered) >= 0 ? OrderState.FILLED : OrderState.PARTIAL;
    BigDecimal journalFee = fee;
    String feeAsset = fee.signum() == 0 ? "" : s.feeInBase() ? base : quote;
    if (s.otherFee().isPresent()) {
      journalFee = s.otherFee().get().amount();
      feeAsset = s.otherFee().get().asset().code();
    }
    return new Settlement(spent, received.max(BigDecimal.ZERO), feeTo, journalFee, feeAsset, state);
  }

  /** cost / base to 18 decimals, 0 when nothing filled. */
  static BigDecimal price(BigDecimal base, BigDecimal quote) {
    return base.signum() == 0 ? BigDecimal.ZERO : quote.divide(base, SCALE, RoundingMode.HALF_UP);
  }
}
