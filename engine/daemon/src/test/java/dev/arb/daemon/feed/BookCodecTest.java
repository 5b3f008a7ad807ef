package dev.arb.daemon.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.error.ArbException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

/** The feed's binary layout: books, heartbeats and requests decode to what was encoded, exactly. */
class BookCodecTest {

  @Test
  void everyRealBookOfTheSampleDecodesToAnEqualBook() {
    ExpandableArrayBuffer b = new ExpandableArrayBuffer(1024);
    List<OrderBook> books = SampleSnapshot.load().books();
    assertThat(books).isNotEmpty();
    long seq = 1;
    for (OrderBook book : books) {
      int n =
          BookCodec.encodeBook(b, 7, false, 42L, seq, 1_700_000_000_123_456_789L, -5L, 99L, book);
      BookCodec.BookMessage m = BookCodec.decodeBook(b, 7);
      assertThat(BookCodec.type(b, 7)).isEqualTo(BookCodec.BOOK);
      assertThat(m.book()).isEqualTo(book);
      assertThat(m.sequence()).isEqualTo(seq++);
      assertThat(m.publisher()).isEqualTo(42L);
      assertThat(m.exchangeEpochNanos()).isEqualTo(1_700_000_000_123_456_789L);
      assertThat(m.receivedEpochNanos()).isEqualTo(-5L);
      assertThat(m.sentNanos()).isEqualTo(99L);
      assertThat(m.snapshot()).isFalse();
      assertThat(n).isGreaterThan(BookCodec.HEADER + 40);
    }
  }

  @Test
  void decimalsKeepTheirScaleAndTinyAndHugeValuesSurvive() {
    Market m =
        new Market(
            "kraken",
            Asset.of("XMR"),
            Asset.of("USD"),
            new BigDecimal("0.0026"),
            new BigDecimal("1E-8"),
            new BigDecimal("0.01"),
            new BigDecimal("0.1"),
            new BigDecimal("5"));
    OrderBook book =
        new OrderBook(
            m,
            List.of(BookLevel.of("123.456789012345678", "1E+6"), BookLevel.of("0.000000001", "3")),
            List.of(BookLevel.of("999999999999999999", "0.10")),
            Instant.parse("2023-03-02T10:00:00.123456789Z"));
    ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
    BookCodec.encodeBook(b, 0, true, 1L, 9L, Long.MIN_VALUE, 0L, 0L, book);
    BookCodec.BookMessage got = BookCodec.decodeBook(b, 0);
    assertThat(got.snapshot()).isTrue();
    assertThat(got.book()).isEqualTo(book);
    assertThat(got.book().bids().get(0).price().toPlainString())
        .isEqualTo(book.bids().get(0).price().toPlainString());
    assertThat(got.book().bids().get(0).amount().scale())
        .isEqualTo(book.bids().get(0).amount().scale());
    assertThat(got.book().observedAt()).isEqualTo(book.observedAt());
    assertThat(got.exchangeEpochNanos()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aDecimalBeyondTheLayoutIsRefusedNamingIt() {
    OrderBook book =
        new OrderBook(
            Market.of("kraken", "BTC", "USD", BigDecimal.ZERO),
            List.of(BookLevel.of("1.2345678901234567890123", "1")),
            List.of(),
            Instant.EPOCH);
    assertThatThrownBy(
            () ->
                BookCodec.encodeBook(new ExpandableArrayBuffer(64), 0, false, 1, 1, 0, 0, 0, book))
        .isInstanceOf(ArbException.class)
        .hasMessageContaining("1.2345678901234567890123")
        .hasMessageContaining("18 significant digits");
  }

  @Test
  void heartbeatsAndRequestsDecodeToWhatWasSent() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    seqs.put("kraken:XMR/USD", 17L);
    seqs.put("kraken:BTC/USD", 3L);
    BookCodec.Heartbeat h =
        new BookCodec.Heartbeat(
            -8L, "tokyo-1/binance", "aeron:udp?endpoint=10.0.0.1:40124", 1002, seqs);
    ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
    BookCodec.encodeHeartbeat(b, 3, h);
    assertThat(BookCodec.type(b, 3)).isEqualTo(BookCodec.HEARTBEAT);
    assertThat(BookCodec.decodeHeartbeat(b, 3)).isEqualTo(h);
    BookCodec.encodeRequest(b, 0, -8L, "engine-1");
    assertThat(BookCodec.type(b, 0)).isEqualTo(BookCodec.SNAPSHOT_REQUEST);
    assertThat(BookCodec.publisher(b, 0)).isEqualTo(-8L);
    assertThat(BookCodec.requestFrom(b, 0)).isEqualTo("engine-1");
  }
}
