package dev.arb.engine.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ethereum-style addresses ({@code 0x} and 40 hex digits): compared case-insensitively (stored
 * lower-case), shown with the EIP-55 mixed-case checksum.
 */
public final class Addresses {
  private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");

  private Addresses() {}

  /** Whether {@code text} is {@code 0x} and 40 hex digits (any case). */
  public static boolean isAddress(String text) {
    return text != null && ADDRESS.matcher(text.trim()).matches();
  }

  /**
   * The address in lower case, the form arb compares and stores.
   *
   * @throws IllegalArgumentException if it is not {@code 0x} and 40 hex digits
   */
  public static String normalise(String text) {
    if (!isAddress(text)) {
      throw new IllegalArgumentException(
          "address must be 0x and 40 hex digits, got '" + (text == null ? "" : text.trim()) + "'");
    }
    return "0x" + text.trim().substring(2).toLowerCase(Locale.ROOT);
  }

  /**
   * The EIP-55 checksummed form: a hex letter is upper-case where the matching nibble of the
   * Keccak-256 hash of the lower-case hex digits is 8 or more.
   */
  public static String checksum(String address) {
    String hex = normalise(address).substring(2);
    byte[] hash = Keccak256.hash(hex.getBytes(StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char ch = hex.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(ch >= 'a' && nibble >= 8 ? Character.toUpperCase(ch) : ch);
    }
    return sb.toString();
  }

  /**
   * The checksummed address cut to {@code hexDigits} digits and an ellipsis, e.g. {@code 0xdAC1…}
   * for 4 digits.
   */
  public static String shortForm(String address, int hexDigits) {
    if (hexDigits < 1 || hexDigits > 40) {
      throw new IllegalArgumentException("hex digits must be 1 to 40, got " + hexDigits);
    }
    String c = checksum(address);
    return hexDigits == 40 ? c : c.substring(0, 2 + hexDigits) + "…";
  }
}
