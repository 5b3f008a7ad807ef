package dev.arb.engine.source;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers read from input files, strictly: ASCII digits only ({@code new BigDecimal("١٢")} is 12,
 * this is an error), the plain or exponent form {@code [+-]digits[.digits][e[+-]digits]}, a bounded
 * number of digits and a bounded exponent, so that no input number can make later arithmetic
 * overflow or allocate without bound ({@code 1e999999999}). Every method throws {@link
 * IllegalArgumentException} with a message for people, which readers turn into "market left out".
 */
public final class StrictNumbers {
  /** Most significant digits of a number (the digits before and after the point, together). */
  public static final int MAX_DIGITS = 100;

  /**
   * Decimals for prices, amounts, fees and sizes are at most 10^{@value} in magnitude (and, when
   * not zero, at least 10^-{@value}): a decimal exponent outside that is out of range.
   */
  public static final int MAX_DECIMAL_EXPONENT = 40;

  /** The widest exponent a number may be written with at all (JSON numbers included). */
  static final int MAX_WRITTEN_EXPONENT = 1000;

  private static final BigDecimal LARGEST = BigDecimal.ONE.scaleByPowerOfTen(MAX_DECIMAL_EXPONENT);

  private StrictNumbers() {}

  /**
   * A decimal from text such as {@code 0.069735}, {@code 1.494e-05} or {@code 1E+30}, its magnitude
   * between 10^-40 and 10^40 (or zero).
   *
   * @param what what the number is, for the message ({@code price}, {@code taker_fee})
   * @throws IllegalArgumentException if the text is not such a number
   */
  public static BigDecimal decimal(String text, String what) {
    BigDecimal v = parse(text, what, MAX_WRITTEN_EXPONENT);
    if (v.signum() != 0) {
      long magnitude = (long) v.precision() - v.scale() - 1; // the exponent in d.ddd×10^magnitude
      if (magnitude > MAX_DECIMAL_EXPONENT || magnitude < -MAX_DECIMAL_EXPONENT) {
        throw new IllegalArgumentException(
            what
                + " '"
                + shorten(text)
                + "' is out of range: numbers must be between 1e-"
                + MAX_DECIMAL_EXPONENT
                + " and 1e"
                + MAX_DECIMAL_EXPONENT);
      }
    }
    if (v.abs().compareTo(LARGEST) > 0) {
      throw new IllegalArgumentException(
          what + " '" + shorten(text) + "' is out of range: numbers must be at most 1e40");
    }
    return v;
  }

  /**
   * A whole number in {@code [min, max]} written in ASCII digits (an optional sign, no point, no
   * exponent), e.g. a row count or epoch milliseconds.
   *
   * @throws IllegalArgumentException if it is not, naming the range
   */
  public static long wholeNumber(String text, String what, long min, long max) {
    String t = text == null ? "" : text.trim();
    int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    if (i == t.length()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (int k = i; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        throw notANumber(t, what, Character.isDigit(c));
      }
    }
    if (t.length() - i > 18) {
      throw outOfRange(t, what, min, max);
    }
    long v = Long.parseLong(t);
    if (v < min || v > max) {
      throw outOfRange(t, what, min, max);
    }
    return v;
  }

  /**
   * A whole number of at most {@code maxDigits} ASCII digits, no sign (e.g. a token amount in its
   * smallest unit, which may be far larger than 10^40).
   *
   * @throws IllegalArgumentException if it is not
   */
  public static BigInteger naturalNumber(String text, String what, int maxDigits) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        throw notANumber(t, what, Character.isDigit(c));
      }
    }
    if (t.length() > maxDigits) {
      throw new IllegalArgumentException(
          what + " '" + shorten(t) + "' is out of range: at most " + maxDigits + " digits");
    }
    return new BigInteger(t);
  }

  /**
   * Checks the written form and returns the exact value; the exponent as written may be at most
   * {@code maxExponent} in magnitude.
   */
  static BigDecimal parse(String text, String what, int maxExponent) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    String t = text.trim();
    int n = t.length();
    int i = 0;
    if (t.charAt(i) == '+' || t.charAt(i) == '-') {
      i++;
    }
    int digits = 0;
    boolean point = false;
    while (i < n && (isAsciiDigit(t.charAt(i)) || (t.charAt(i) == '.' && !point))) {
      if (t.charAt(i) == '.') {
        point = true;
      } else if (digits > 0 || t.charAt(i) != '0') {
        digits++; // leading zeros are not significant
      }
      i++;
    }
    boolean anyDigit = i > 0 && hasDigit(t, 0, i);
    if (!anyDigit) {
      throw notANumber(t, what, hasUnicodeDigit(t));
    }
    if (digits > MAX_DIGITS) {
      throw new IllegalArgumentException(
          what + " '" + shorten(t) + "' has more than " + MAX_DIGITS + " digits");
    }
    if (i < n) {
      char e = t.charAt(i);
      if (e != 'e' && e != 'E') {
        throw notANumber(t, what, hasUnicodeDigit(t));
      }
      int j = i + 1;
      if (j < n && (t.charAt(j) == '+' || t.charAt(j) == '-')) {
        j++;
      }
      if (j == n) {
        throw notANumber(t, what, false);
      }
      long exponent = 0;
      for (int k = j; k < n; k++) {
        char c = t.charAt(k);
        if (!isAsciiDigit(c)) {
          throw notANumber(t, what, Character.isDigit(c));
        }
        exponent = Math.min(exponent * 10 + (c - '0'), Integer.MAX_VALUE);
      }
      if (exponent > maxExponent) {
        throw new IllegalArgumentException(
            what
                + " '"
                + shorten(t)
                + "' is out of range: the exponent may be at most "
                + maxExponent);
      }
    }
    return new BigDecimal(t);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hasDigit(String t, int from, int to) {
    for (int k = from; k < to; k++) {
      if (isAsciiDigit(t.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUnicodeDigit(String t) {
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (!isAsciiDigit(c) && Character.isDigit(c)) {
        return true;
      }
    }
    return false;
  }

  private static IllegalArgumentException notANumber(String t, String what, boolean unicode) {
    return new IllegalArgumentException(
        what
            + " '"
            + shorten(t)
            + "' is not a number"
            + (unicode ? ": write it in ASCII digits 0-9" : ""));
  }

  private static IllegalArgumentException outOfRange(String t, String what, long min, long max) {
    return new IllegalArgumentException(
        what + " '" + shorten(t) + "' is out of range: it must be from " + min + " to " + max);
  }

  /** The text for a message: long inputs are cut (a message must not repeat a megabyte). */
  static String shorten(String t) {
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
