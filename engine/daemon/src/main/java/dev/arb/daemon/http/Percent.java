package dev.arb.daemon.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict percent-decoding of URL parts as read off the wire (one char per byte): {@code %} must be
 * followed by two hexadecimal digits and the bytes must be UTF-8, else there is no value (the
 * caller answers 400). Control characters are refused too.
 */
public final class Percent {
  private Percent() {}

  /**
   * Decodes {@code s}; {@code plusIsSpace} for query parameters (form encoding).
   *
   * @return the text, or empty when {@code s} is not valid percent-encoded UTF-8
   */
  public static Optional<String> decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return hasControl(s) ? Optional.empty() : Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xff) {
        bytes.write(c); // the request line is read as bytes, one char each
      } else {
        return Optional.empty();
      }
    }
    try {
      String out =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
      return hasControl(out) ? Optional.empty() : Optional.of(out);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
