package dev.arb.defi.pools;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Call data and return data of the few view functions the pool reader calls, decoded by hand and
 * strictly: return data of tokens in the wild is not always what their ABI says (MKR's {@code
 * symbol()} returns {@code bytes32}; some return nothing), so every decoder says what was wrong
 * instead of throwing.
 */
final class AbiWords {
  static final String ALL_PAIRS_LENGTH = selector("allPairsLength()");
  static final String ALL_PAIRS = selector("allPairs(uint256)");
  static final String FACTORY = selector("factory()");
  static final String TOKEN0 = selector("token0()");
  static final String TOKEN1 = selector("token1()");
  static final String GET_RESERVES = selector("getReserves()");
  static final String SYMBOL = selector("symbol()");
  static final String DECIMALS = selector("decimals()");
  static final String GET_POOL = selector("getPool(address,address,uint24)");
  static final String FEE = selector("fee()");
  static final String TICK_SPACING = selector("tickSpacing()");
  static final String SLOT0 = selector("slot0()");
  static final String LIQUIDITY = selector("liquidity()");
  static final String TICK_BITMAP = selector("tickBitmap(int16)");
  static final String TICKS = selector("ticks(int24)");

  private static final int WORD = 32;
  private static final BigInteger ADDRESS_LIMIT = BigInteger.ONE.shiftLeft(160);

  private AbiWords() {}

  /** The 4-byte selector of a signature, 0x-hex. */
  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  /** Call data of {@code allPairs(index)}. */
  static String allPairs(long index) {
    return ALL_PAIRS + word(BigInteger.valueOf(index));
  }

  /** Call data of {@code getPool(a, b, fee)}. */
  static String getPool(String a, String b, int fee) {
    return GET_POOL
        + word(new BigInteger(a.substring(2), 16))
        + word(new BigInteger(b.substring(2), 16))
        + word(BigInteger.valueOf(fee));
  }

  /** Call data of {@code tickBitmap(wordPosition)}. */
  static String tickBitmap(int wordPosition) {
    return TICK_BITMAP + signedWord(wordPosition);
  }

  /** Call data of {@code ticks(tick)}. */
  static String ticks(int tick) {
    return TICKS + signedWord(tick);
  }

  private static String signedWord(long v) {
    return word(
        v >= 0 ? BigInteger.valueOf(v) : BigInteger.ONE.shiftLeft(256).add(BigInteger.valueOf(v)));
  }

  /** Word {@code index} as a signed (two's complement) integer; empty if the data is shorter. */
  static Optional<BigInteger> signed(byte[] data, int index) {
    return uint(data, index)
        .map(v -> v.testBit(255) ? v.subtract(BigInteger.ONE.shiftLeft(256)) : v);
  }

  private static String word(BigInteger v) {
    String hex = v.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }

  /** The bytes of 0x-hex return data; empty for {@code 0x}; empty optional if not hex. */
  static Optional<byte[]> bytes(String hex) {
    if (hex == null || !hex.startsWith("0x") || hex.length() % 2 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(HexFormat.of().parseHex(hex, 2, hex.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Word {@code index} as an unsigned integer; empty if the data is shorter. */
  static Optional<BigInteger> uint(byte[] data, int index) {
    int from = index * WORD;
    if (data.length < from + WORD) {
      return Optional.empty();
    }
    byte[] w = new byte[WORD];
    System.arraycopy(data, from, w, 0, WORD);
    return Optional.of(new BigInteger(1, w));
  }

  /** The first word as an address (lower-case 0x-hex); empty if short or above 160 bits. */
  static Optional<String> address(byte[] data) {
    return uint(data, 0)
        .filter(v -> v.compareTo(ADDRESS_LIMIT) < 0)
        .map(v -> "0x" + String.format(Locale.ROOT, "%40s", v.toString(16)).replace(' ', '0'));
  }

  /**
   * What {@code symbol()} returned, decoded: an ABI {@code string}, or else exactly one {@code
   * bytes32} word (text up to the first zero byte).
   */
  sealed interface Text {}

  /** A well-formed ABI string. */
  record AbiString(String value) implements Text {}

  /** One {@code bytes32} word holding text (the older ERC-20s such as MKR). */
  record Bytes32(String value) implements Text {}

  /** Neither; {@code what} says why, for a person. */
  record Malformed(String what) implements Text {}

  /** Decodes the return data of {@code symbol()} (or {@code name()}). */
  static Text text(byte[] data) {
    if (data.length == 0) {
      return new Malformed("returned no data (no contract there, or no such function)");
    }
    if (data.length == WORD) {
      int end = 0;
      while (end < WORD && data[end] != 0) {
        end++;
      }
      for (int i = end; i < WORD; i++) {
        if (data[i] != 0) {
          return new Malformed("returned 32 bytes that are not zero-padded text");
        }
      }
      return utf8(data, 0, end)
          .<Text>map(Bytes32::new)
          .orElse(new Malformed("returned 32 bytes that are not UTF-8 text"));
    }
    Optional<BigInteger> offset = uint(data, 0);
    if (offset.isEmpty() || offset.get().compareTo(BigInteger.valueOf(data.length - WORD)) > 0) {
      return new Malformed("returned " + data.length + " bytes that are not an ABI string");
    }
    int at = offset.get().intValueExact();
    BigInteger length = lengthAt(data, at);
    if (length == null || length.compareTo(BigInteger.valueOf(data.length - at - WORD)) > 0) {
      return new Malformed("returned " + data.length + " bytes that are not an ABI string");
    }
    return utf8(data, at + WORD, at + WORD + length.intValueExact())
        .<Text>map(AbiString::new)
        .orElse(new Malformed("returned a string that is not UTF-8 text"));
  }

  private static BigInteger lengthAt(byte[] data, int at) {
    if (data.length < at + WORD) {
      return null;
    }
    byte[] w = new byte[WORD];
    System.arraycopy(data, at, w, 0, WORD);
    return new BigInteger(1, w);
  }

  private static Optional<String> utf8(byte[] data, int from, int to) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, from, to - from))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
