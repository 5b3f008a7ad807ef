package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * What moving an asset from one exchange to another costs: the sending exchange's withdrawal fee (a
 * fixed amount of the asset and/or a fraction of the amount withdrawn), its minimum withdrawal, the
 * network it travels on and how long it takes to arrive.
 *
 * <p>Exact: for {@code w} withdrawn, {@code fee = fixedFee + w·feeFraction} (the fraction's part
 * rounded UP at {@value #SCALE} decimals, so rounding favours the exchange) and {@code w − fee}
 * arrives. A withdrawal below {@code minimum}, or one whose fee takes all of it, moves nothing.
 *
 * @param asset the asset moved
 * @param fixedFee fee in units of {@code asset} per withdrawal, &ge; 0
 * @param feeFraction fee as a fraction of the amount withdrawn, 0 &le; f &lt; 1
 * @param minimum smallest amount the exchange lets be withdrawn, &ge; 0
 * @param network the network it travels on ({@code ""} when not said)
 * @param arrival how long it takes to be credited on the receiving exchange
 */
public record Transfer(
    Asset asset,
    BigDecimal fixedFee,
    BigDecimal feeFraction,
    BigDecimal minimum,
    String network,
    Duration arrival) {
  /** Decimal places of a fee fraction's part (rounded UP). */
  public static final int SCALE = 18;

  public Transfer {
    Objects.requireNonNull(asset, "asset");
    fixedFee = Decimals.normalise(Objects.requireNonNull(fixedFee, "fixedFee"));
    feeFraction = Decimals.normalise(Objects.requireNonNull(feeFraction, "feeFraction"));
    minimum = Decimals.normalise(Objects.requireNonNull(minimum, "minimum"));
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(arrival, "arrival");
    if (fixedFee.signum() < 0) {
      throw new IllegalArgumentException("transfer fee of " + asset + " must be >= 0");
    }
    if (feeFraction.signum() < 0 || feeFraction.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "transfer fee fraction of " + asset + " must be in [0, 1), got " + feeFraction);
    }
    if (minimum.signum() < 0) {
      throw new IllegalArgumentException("transfer minimum of " + asset + " must be >= 0");
    }
    if (arrival.isNegative()) {
      throw new IllegalArgumentException("transfer time of " + asset + " must be >= 0");
    }
  }

  /** A transfer that costs nothing and has no minimum: the inventory model. */
  public static Transfer free(Asset asset) {
    return new Transfer(
        asset, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "", Duration.ZERO);
  }

  /** The fee charged for withdrawing {@code withdrawn}, exact. */
  public BigDecimal fee(BigDecimal withdrawn) {
    return Decimals.normalise(
        fixedFee.add(withdrawn.multiply(feeFraction).setScale(SCALE, RoundingMode.UP)));
  }

  /**
   * The amount that arrives for {@code withdrawn}, or a negative value when nothing can be moved
   * (below the minimum, or the fee takes it all).
   */
  public BigDecimal arrives(BigDecimal withdrawn) {
    if (withdrawn.compareTo(minimum) < 0 || withdrawn.signum() <= 0) {
      return BigDecimal.ONE.negate();
    }
    BigDecimal left = withdrawn.subtract(fee(withdrawn));
    return left.signum() > 0 ? Decimals.normalise(left) : BigDecimal.ONE.negate();
  }

  /** Whether moving costs nothing. */
  public boolean isFree() {
    return fixedFee.signum() == 0 && feeFraction.signum() == 0 && minimum.signum() == 0;
  }

  /** For people: {@code 0.0005 BTC + 0.1 % (min 0.001, BTC network, about 1h)}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (fixedFee.signum() > 0 || feeFraction.signum() == 0) {
      s.append(fixedFee.toPlainString()).append(' ').append(asset);
    }
    if (feeFraction.signum() > 0) {
      s.append(s.length() > 0 ? " + " : "")
          .append(Decimals.normalise(feeFraction.movePointRight(2)).toPlainString())
          .append(" %");
    }
    StringBuilder more = new StringBuilder();
    if (minimum.signum() > 0) {
      more.append("min ").append(minimum.toPlainString());
    }
    if (!network.isEmpty()) {
      more.append(more.length() > 0 ? ", " : "").append(network).append(" network");
    }
    if (!arrival.isZero()) {
      more.append(more.length() > 0 ? ", " : "").append("about ").append(human(arrival));
    }
    return more.length() == 0 ? s.toString() : s + " (" + more + ")";
  }

  private static String human(Duration d) {
    long m = d.toMinutes();
    if (m < 1) {
      return d.toSeconds() + "s";
    }
    if (m < 60) {
      return m + "m";
    }
    return (m / 60) + "h" + (m % 60 == 0 ? "" : " " + (m % 60) + "m");
  }
}
