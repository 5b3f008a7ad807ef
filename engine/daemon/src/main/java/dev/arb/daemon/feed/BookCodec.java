package dev.arb.daemon.feed;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ArbException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The fixed binary layout of feed messages (little-endian; docs/feeds.md). Every message starts
 * with a 12-byte header: {@code int16} type, {@code int16} layout version (1), {@code int64}
 * publisher id (random per publisher start). Decimals are exact: {@code int16} scale and {@code
 * int64} unscaled value ({@code unscaled × 10^-scale}), so a decoded {@link BigDecimal} equals the
 * encoded one, scale included; a value whose unscaled part needs more than 63 bits is refused at
 * the publisher. Strings: {@code uint8} length and US-ASCII bytes.
 */
public final class BookCodec {
  /** A book update: the market's new full book, its sequence one more than the last. */
  public static final short BOOK = 1;

  /** A market's current book sent as part of a snapshot (start, or asked for): same sequence. */
  public static final short SNAPSHOT = 2;

  /** The publisher is alive: its name, request channel and every market's last sequence. */
  public static final short HEARTBEAT = 3;

  /** A subscriber asks for a snapshot of every market (on the request stream). */
  public static final short SNAPSHOT_REQUEST = 4;

  /** Layout version. */
  public static final short VERSION = 1;

  /** Header length: type, version, publisher id. */
  public static final int HEADER = 12;

  static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private BookCodec() {}

  /**
   * A decoded book message.
   *
   * @param snapshot sent as part of a snapshot (else an update)
   * @param publisher the publisher's id
   * @param sequence the market's sequence number (from 1)
   * @param exchangeEpochNanos the exchange's time, or {@code Long.MIN_VALUE} when it gave none
   * @param receivedEpochNanos when the feed received it (wall clock)
   * @param sentNanos the publisher's {@link System#nanoTime()} when it was sent
   * @param book the book, exact
   */
  public record BookMessage(
      boolean snapshot,
      long publisher,
      long sequence,
      long exchangeEpochNanos,
      long receivedEpochNanos,
      long sentNanos,
      OrderBook book) {}

  /**
   * A decoded heartbeat.
   *
   * @param publisher the publisher's id
   * @param name the publisher's name
   * @param requestChannel where it takes snapshot requests
   * @param requestStream the stream id of the requests
   * @param sequences every market's last sequence, by market id
   */
  public record Heartbeat(
      long publisher,
      String name,
      String requestChannel,
      int requestStream,
      Map<String, Long> sequences) {}

  /** The type of the message at {@code offset}. */
  public static short type(DirectBuffer b, int offset) {
    return b.getShort(offset, ORDER);
  }

  /** The publisher id of the message at {@code offset}. */
  public static long publisher(DirectBuffer b, int offset) {
    return b.getLong(offset + 4, ORDER);
  }

  private static int header(MutableDirectBuffer b, int at, short type, long publisher) {
    b.putShort(at, type, ORDER);
    b.putShort(at + 2, VERSION, ORDER);
    b.putLong(at + 4, publisher, ORDER);
    return at + HEADER;
  }

  /** Encodes a book message at {@code offset}; returns its length. */
  public static int encodeBook(
      MutableDirectBuffer b,
      int offset,
      boolean snapshot,
      long publisher,
      long sequence,
      long exchangeEpochNanos,
      long receivedEpochNanos,
      long sentNanos,
      OrderBook book) {
    int at = header(b, offset, snapshot ? SNAPSHOT : BOOK, publisher);
    b.putLong(at, sequence, ORDER);
    b.putLong(at + 8, exchangeEpochNanos, ORDER);
    b.putLong(at + 16, receivedEpochNanos, ORDER);
    b.putLong(at + 24, sentNanos, ORDER);
    b.putLong(at + 32, epochNanos(book.observedAt()), ORDER);
    at += 40;
    Market m = book.market();
    at = putString(b, at, m.exchange());
    at = putString(b, at, m.base().code());
    at = putString(b, at, m.quote().code());
    at = putDecimal(b, at, m.takerFee());
    at = putDecimal(b, at, m.lotSize());
    at = putDecimal(b, at, m.tickSize());
    at = putDecimal(b, at, m.minAmount());
    at = putDecimal(b, at, m.minNotional());
    b.putInt(at, book.bids().size(), ORDER);
    b.putInt(at + 4, book.asks().size(), ORDER);
    at += 8;
    for (BookLevel l : book.bids()) {
      at = putDecimal(b, at, l.price());
      at = putDecimal(b, at, l.amount());
    }
    for (BookLevel l : book.asks()) {
      at = putDecimal(b, at, l.price());
      at = putDecimal(b, at, l.amount());
    }
    return at - offset;
  }

  /** Decodes the book message at {@code offset}. */
  public static BookMessage decodeBook(DirectBuffer b, int offset) {
    short type = type(b, offset);
    long publisher = publisher(b, offset);
    int at = offset + HEADER;
    long sequence = b.getLong(at, ORDER);
    long exchange = b.getLong(at + 8, ORDER);
    long received = b.getLong(at + 16, ORDER);
    long sent = b.getLong(at + 24, ORDER);
    long observed = b.getLong(at + 32, ORDER);
    int[] pos = {at + 40};
    String exchangeName = getString(b, pos);
    String base = getString(b, pos);
    String quote = getString(b, pos);
    Market market =
        new Market(
            exchangeName,
            Asset.of(base),
            Asset.of(quote),
            getDecimal(b, pos),
            getDecimal(b, pos),
            getDecimal(b, pos),
            getDecimal(b, pos),
            getDecimal(b, pos));
    int bids = b.getInt(pos[0], ORDER);
    int asks = b.getInt(pos[0] + 4, ORDER);
    pos[0] += 8;
    List<BookLevel> bidLevels = new ArrayList<>(bids);
    for (int i = 0; i < bids; i++) {
      bidLevels.add(new BookLevel(getDecimal(b, pos), getDecimal(b, pos)));
    }
    List<BookLevel> askLevels = new ArrayList<>(asks);
    for (int i = 0; i < asks; i++) {
      askLevels.add(new BookLevel(getDecimal(b, pos), getDecimal(b, pos)));
    }
    OrderBook book = new OrderBook(market, bidLevels, askLevels, instant(observed));
    return new BookMessage(type == SNAPSHOT, publisher, sequence, exchange, received, sent, book);
  }

  /** Encodes a heartbeat; returns its length. */
  public static int encodeHeartbeat(MutableDirectBuffer b, int offset, Heartbeat h) {
    int at = header(b, offset, HEARTBEAT, h.publisher());
    at = putString(b, at, h.name());
    at = putString(b, at, h.requestChannel());
    b.putInt(at, h.requestStream(), ORDER);
    b.putInt(at + 4, h.sequences().size(), ORDER);
    at += 8;
    for (Map.Entry<String, Long> e : h.sequences().entrySet()) {
      at = putString(b, at, e.getKey());
      b.putLong(at, e.getValue(), ORDER);
      at += 8;
    }
    return at - offset;
  }

  /** Decodes the heartbeat at {@code offset}. */
  public static Heartbeat decodeHeartbeat(DirectBuffer b, int offset) {
    long publisher = publisher(b, offset);
    int[] pos = {offset + HEADER};
    String name = getString(b, pos);
    String channel = getString(b, pos);
    int stream = b.getInt(pos[0], ORDER);
    int n = b.getInt(pos[0] + 4, ORDER);
    pos[0] += 8;
    Map<String, Long> sequences = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String market = getString(b, pos);
      sequences.put(market, b.getLong(pos[0], ORDER));
      pos[0] += 8;
    }
    return new Heartbeat(publisher, name, channel, stream, sequences);
  }

  /**
   * Encodes a snapshot request to {@code publisher} from {@code subscriber}; returns its length.
   */
  public static int encodeRequest(
      MutableDirectBuffer b, int offset, long publisher, String subscriber) {
    int at = header(b, offset, SNAPSHOT_REQUEST, publisher);
    at = putString(b, at, subscriber);
    return at - offset;
  }

  /** The subscriber named in the request at {@code offset}. */
  public static String requestFrom(DirectBuffer b, int offset) {
    return getString(b, new int[] {offset + HEADER});
  }

  private static int putString(MutableDirectBuffer b, int at, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > 255) {
      throw new ArbException("feed: '" + s.substring(0, 40) + "…' is longer than 255 characters");
    }
    b.putByte(at, (byte) bytes.length);
    b.putBytes(at + 1, bytes);
    return at + 1 + bytes.length;
  }

  private static String getString(DirectBuffer b, int[] pos) {
    int n = b.getByte(pos[0]) & 0xff;
    byte[] bytes = new byte[n];
    b.getBytes(pos[0] + 1, bytes);
    pos[0] += 1 + n;
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private static int putDecimal(MutableDirectBuffer b, int at, BigDecimal d) {
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.compareTo(MAX) > 0
        || unscaled.compareTo(MIN) < 0
        || d.scale() > Short.MAX_VALUE
        || d.scale() < Short.MIN_VALUE) {
      throw new ArbException(
          "feed: "
              + d.toPlainString()
              + " has more digits than the feed layout carries exactly (18 significant digits)");
    }
    b.putShort(at, (short) d.scale(), ORDER);
    b.putLong(at + 2, unscaled.longValue(), ORDER);
    return at + 10;
  }

  private static BigDecimal getDecimal(DirectBuffer b, int[] pos) {
    short scale = b.getShort(pos[0], ORDER);
    long unscaled = b.getLong(pos[0] + 2, ORDER);
    pos[0] += 10;
    return BigDecimal.valueOf(unscaled, scale);
  }

  static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
