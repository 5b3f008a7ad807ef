package dev.arb.defi.pool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Uniswap-V2-style pool arithmetic, exact in integers where money is decided, in {@code double}
 * only to find the optimum (then re-priced exactly).
 */
public final class ConstantProduct {
  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  private ConstantProduct() {}

  /**
   * One side of a pool as a hop sees it.
   *
   * @param reserveIn reserve of the token paid in, base units
   * @param reserveOut reserve of the token paid out, base units
   * @param feeBps pool fee in basis points (30 for Uniswap V2)
   */
  public record Hop(BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
    public Hop {
      Objects.requireNonNull(reserveIn, "reserveIn");
      Objects.requireNonNull(reserveOut, "reserveOut");
      if (reserveIn.signum() <= 0 || reserveOut.signum() <= 0) {
        throw new IllegalArgumentException("reserves must be positive");
      }
      if (feeBps < 0 || feeBps >= 10_000) {
        throw new IllegalArgumentException("feeBps must be in [0, 10000), got " + feeBps);
      }
    }

    /** Exact output for {@code amountIn}, rounded down as the pair (and our contract) does. */
    public BigInteger amountOut(BigInteger amountIn) {
      BigInteger inWithFee = amountIn.multiply(BigInteger.valueOf(10_000L - feeBps));
      return inWithFee.multiply(reserveOut).divide(reserveIn.multiply(BPS).add(inWithFee));
    }
  }

  /**
   * What a flash loan costs: {@code owed(amount) = amount + (amount * (numerator - denominator) [+
   * denominator / 2 if halfUp]) / denominator + extra}.
   *
   * @param numerator repay factor numerator (1000 for a Uniswap V2 flash swap)
   * @param denominator repay factor denominator (997 for a Uniswap V2 flash swap)
   * @param extra added after the division (1 for a Uniswap V2 flash swap, to round up)
   * @param halfUp round the premium half up (Aave's {@code percentMul}) instead of down
   */
  public record LoanCost(long numerator, long denominator, long extra, boolean halfUp) {
    /** A Uniswap V2 flash swap repaid in the borrowed token: {@code amount * 1000 / 997 + 1}. */
    public static final LoanCost UNISWAP_V2_FLASH_SWAP = new LoanCost(1000, 997, 1, false);

    /** A Balancer V2 flash loan while the vault's flash-loan fee is zero (its default). */
    public static final LoanCost BALANCER_ZERO_FEE = new LoanCost(1, 1, 0, false);

    public LoanCost {
      if (denominator <= 0 || numerator < denominator || extra < 0) {
        throw new IllegalArgumentException("a loan costs at least what it lends");
      }
    }

    /** An Aave V3 {@code flashLoanSimple} with a premium of {@code premiumBps} basis points. */
    public static LoanCost aaveV3(int premiumBps) {
      return new LoanCost(10_000L + premiumBps, 10_000, 0, true);
    }

    /** Amount to repay for borrowing {@code amount}. */
    public BigInteger owed(BigInteger amount) {
      BigInteger den = BigInteger.valueOf(denominator);
      BigInteger premium =
          amount
              .multiply(BigInteger.valueOf(numerator - denominator))
              .add(halfUp ? den.shiftRight(1) : BigInteger.ZERO)
              .divide(den);
      return amount.add(premium).add(BigInteger.valueOf(extra));
    }

    double factor() {
      return (double) numerator / denominator;
    }
  }

  /**
   * The best size of a two-pool cycle.
   *
   * @param amount amount to borrow, base units
   * @param returned what the two swaps give back, base units
   * @param owed what the loan costs back, base units
   * @param profit {@code returned - owed}, positive
   */
  public record CycleSize(
      BigInteger amount, BigInteger returned, BigInteger owed, BigInteger profit) {}

  /**
   * Optimal borrow amount for {@code token -> first -> second -> token} financed by {@code loan},
   * in closed form: the two swaps compose to {@code f(x) = A x / (B + C x)} with {@code A = g1 g2
   * b1 a2}, {@code B = a1 b2}, {@code C = g1 b2 + g1 g2 b1}; profit {@code f(x) - k x} peaks at
   * {@code x* = (sqrt(A B / k) - B) / C}. The result is re-priced exactly (integer swaps as on
   * chain) and capped at {@code maxAmount}.
   *
   * @return empty if no positive amount makes a profit
   */
  public static Optional<CycleSize> optimalTwoPool(
      Hop first, Hop second, LoanCost loan, BigInteger maxAmount) {
    double a1 = first.reserveIn().doubleValue();
    double b1 = first.reserveOut().doubleValue();
    double b2 = second.reserveIn().doubleValue();
    double a2 = second.reserveOut().doubleValue();
    double g1 = (10_000 - first.feeBps()) / 10_000.0;
    double g2 = (10_000 - second.feeBps()) / 10_000.0;
    double k = loan.factor();
    double bigA = g1 * g2 * b1 * a2;
    double bigB = a1 * b2;
    double bigC = g1 * b2 + g1 * g2 * b1;
    if (bigA / bigB <= k) {
      return Optional.empty(); // even the first unit loses
    }
    double x = (Math.sqrt(bigA * bigB / k) - bigB) / bigC;
    if (!(x >= 1)) {
      return Optional.empty();
    }
    BigInteger amount = new BigDecimal(x).toBigInteger().min(maxAmount);
    return price(first, second, loan, amount);
  }

  /** Exact outcome of the cycle for {@code amount}; empty unless it profits. */
  public static Optional<CycleSize> price(Hop first, Hop second, LoanCost loan, BigInteger amount) {
    if (amount.signum() <= 0) {
      return Optional.empty();
    }
    BigInteger returned = second.amountOut(first.amountOut(amount));
    BigInteger owed = loan.owed(amount);
    BigInteger profit = returned.subtract(owed);
    return profit.signum() > 0
        ? Optional.of(new CycleSize(amount, returned, owed, profit))
        : Optional.empty();
  }
}
