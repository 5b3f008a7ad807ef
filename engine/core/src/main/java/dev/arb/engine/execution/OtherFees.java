package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.FeeCharge;
import dev.arb.engine.record.Fill;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Values the fees an execution paid in assets outside its cycle (Binance's commission in BNB) in
 * the start asset, at the books' prices: what buying the fee asset back would cost on the direct
 * market between it and the start asset on the fill's exchange (the best ask of {@code FEE/START},
 * or {@code amount / best bid} of {@code START/FEE}). A fee that cannot be valued (no such book) is
 * named in the result's reason and not counted.
 */
final class OtherFees {
  private static final int SCALE = 18;

  private OtherFees() {}

  /** {@code r} with its other fees valued, or {@code r} itself when it has none. */
  static ExecutionResult charge(ExecutionResult r, Books books) {
    Asset start = r.startAsset();
    BigDecimal total = BigDecimal.ZERO;
    List<String> unvalued = new ArrayList<>();
    boolean any = false;
    List<Fill> all = new ArrayList<>(r.legs());
    all.addAll(r.unwind());
    for (Fill f : all) {
      if (f.otherFee().isEmpty()) {
        continue;
      }
      any = true;
      FeeCharge c = f.otherFee().get();
      String exchange = f.leg().exchange();
      Optional<BigDecimal> v = value(c, start, exchange, books);
      if (v.isPresent()) {
        total = total.add(v.get());
      } else {
        unvalued.add(
            c.amount().toPlainString()
                + " "
                + c.asset()
                + " on "
                + exchange
                + " (no "
                + c.asset()
                + "/"
                + start
                + " book)");
      }
    }
    if (!any) {
      return r;
    }
    String reason = r.reason();
    if (!unvalued.isEmpty()) {
      String note = "fees not valued in " + start + ": " + String.join(", ", unvalued);
      reason = reason.isEmpty() ? note : reason + "; " + note;
    }
    return r.withOtherFees(total, reason);
  }

  /** The start-asset cost of {@code c} on {@code exchange}, if a direct book prices it. */
  static Optional<BigDecimal> value(FeeCharge c, Asset start, String exchange, Books books) {
    if (c.asset().equals(start)) {
      return Optional.of(c.amount());
    }
    for (OrderBook b : books.between(exchange, c.asset(), start)) {
      Market m = b.market();
      if (m.base().equals(c.asset()) && !b.asks().isEmpty()) {
        return Optional.of(c.amount().multiply(b.asks().get(0).price()));
      }
      if (m.quote().equals(c.asset()) && !b.bids().isEmpty()) {
        return Optional.of(
            c.amount()
                .divide(b.bids().get(0).price(), SCALE, RoundingMode.UP)
                .stripTrailingZeros());
      }
    }
    return Optional.empty();
  }
}
