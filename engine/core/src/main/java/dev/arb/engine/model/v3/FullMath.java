package dev.arb.engine.model.v3;

import java.math.BigInteger;

/**
 * Multiply-then-divide of unsigned 256-bit integers with a 512-bit intermediate product, rounding
 * down or up, reverting where the contract does: a zero divisor or a result that does not fit 256
 * bits. Also the division rounding up that the contract uses without those checks.
 */
public final class FullMath {
  /** {@code 2^256}. */
  public static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** {@code 2^256 − 1}, the largest {@code uint256}. */
  public static final BigInteger MAX_UINT256 = TWO_256.subtract(BigInteger.ONE);

  private FullMath() {}

  /** {@code ⌊a·b/d⌋}. */
  public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger d) {
    if (d.signum() <= 0) {
      throw new V3Revert("mulDiv by zero");
    }
    return fits(a.multiply(b).divide(d));
  }

  /** {@code ⌈a·b/d⌉}. */
  public static BigInteger mulDivRoundingUp(BigInteger a, BigInteger b, BigInteger d) {
    if (d.signum() <= 0) {
      throw new V3Revert("mulDiv by zero");
    }
    BigInteger[] qr = a.multiply(b).divideAndRemainder(d);
    BigInteger q = fits(qr[0]);
    if (qr[1].signum() == 0) {
      return q;
    }
    if (q.equals(MAX_UINT256)) {
      throw new V3Revert("mulDivRoundingUp result does not fit 256 bits");
    }
    return q.add(BigInteger.ONE);
  }

  /** {@code ⌈x/y⌉} for {@code y > 0} (the contract's unchecked division rounding up). */
  public static BigInteger divRoundingUp(BigInteger x, BigInteger y) {
    BigInteger[] qr = x.divideAndRemainder(y);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  private static BigInteger fits(BigInteger r) {
    if (r.bitLength() > 256) {
      throw new V3Revert("mulDiv result does not fit 256 bits");
    }
    return r;
  }
}
