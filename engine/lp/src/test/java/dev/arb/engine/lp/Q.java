package dev.arb.engine.lp;

import java.math.BigDecimal;
import java.math.BigInteger;

/** An exact rational number n/d (d &gt; 0, lowest terms), for the test-side exact LP oracle. */
final class Q implements Comparable<Q> {
  static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);
  static final Q ONE = new Q(BigInteger.ONE, BigInteger.ONE);

  final BigInteger n;
  final BigInteger d;

  private Q(BigInteger n, BigInteger d) {
    this.n = n;
    this.d = d;
  }

  static Q of(BigInteger n, BigInteger d) {
    if (d.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (d.signum() < 0) {
      n = n.negate();
      d = d.negate();
    }
    BigInteger g = n.gcd(d);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      n = n.divide(g);
      d = d.divide(g);
    }
    return n.signum() == 0 ? ZERO : new Q(n, d);
  }

  static Q of(BigDecimal v) {
    return v.scale() <= 0
        ? of(v.toBigIntegerExact(), BigInteger.ONE)
        : of(v.unscaledValue(), BigInteger.TEN.pow(v.scale()));
  }

  Q add(Q o) {
    if (o.n.signum() == 0) {
      return this;
    }
    if (n.signum() == 0) {
      return o;
    }
    if (d.equals(o.d)) {
      return of(n.add(o.n), d);
    }
    return of(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
  }

  Q subtract(Q o) {
    return add(o.negate());
  }

  Q negate() {
    return n.signum() == 0 ? this : new Q(n.negate(), d);
  }

  Q multiply(Q o) {
    if (n.signum() == 0 || o.n.signum() == 0) {
      return ZERO;
    }
    return of(n.multiply(o.n), d.multiply(o.d));
  }

  Q divide(Q o) {
    return of(n.multiply(o.d), d.multiply(o.n));
  }

  int signum() {
    return n.signum();
  }

  BigDecimal toBigDecimal(int scale) {
    return new BigDecimal(n).divide(new BigDecimal(d), scale, java.math.RoundingMode.HALF_EVEN);
  }

  double doubleValue() {
    return toBigDecimal(30).doubleValue();
  }

  @Override
  public int compareTo(Q o) {
    return n.multiply(o.d).compareTo(o.n.multiply(d));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Q q && n.equals(q.n) && d.equals(q.d);
  }

  @Override
  public int hashCode() {
    return n.hashCode() * 31 + d.hashCode();
  }

  @Override
  public String toString() {
    return n + "/" + d;
  }
}
