package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sample.SampleSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event journal: what {@link JournalWriter} appends, {@link JournalReader} gives back exactly
 * (books of the bundled Binance.US snapshot, their decimal strings and times), across rolled files,
 * and up to the last flush when the writer never finished (killed).
 */
class JournalTest {
  @TempDir Path dir;

  static MarketEvent book(OrderBook b, long rx, long ex) {
    MarketEvent e = new MarketEvent();
    e.clear();
    e.setBook(b);
    e.receivedEpochNanos = rx;
    e.exchangeEpochNanos = ex;
    return e;
  }

  static MarketEvent snapshot(MarketSnapshot s, long rx) {
    MarketEvent e = new MarketEvent();
    e.clear();
    e.kind = MarketEvent.Kind.SNAPSHOT;
    e.snapshot = s;
    e.origin = "poll";
    e.receivedEpochNanos = rx;
    return e;
  }

  /** The book with its best bid moved to {@code price} (a streamed update). */
  static OrderBook withBestBid(OrderBook b, String price) {
    List<BookLevel> bids = new java.util.ArrayList<>(b.bids());
    bids.set(0, new BookLevel(new java.math.BigDecimal(price), bids.get(0).amount()));
    return new OrderBook(b.market(), bids, b.asks(), b.observedAt().plusMillis(250));
  }

  @Test
  void readsBackSnapshotsAndBooksWithTheirExactNumbersAndTimes() throws IOException {
    MarketSnapshot s = SampleSnapshot.load();
    OrderBook first = s.books().get(0);
    OrderBook moved = withBestBid(first, first.bids().get(0).price().toPlainString() + "1");
    try (JournalWriter w = new JournalWriter(dir, 1_000)) {
      w.onEvent(snapshot(s, 1_677_771_360_123_456_789L), 0, false);
      w.onEvent(book(moved, 1_677_771_360_223_456_789L, 1_677_771_360_200_000_001L), 1, false);
      w.onEvent(book(first, 1_677_771_360_323_456_789L, MarketEvent.NO_TIME), 2, true);
    }
    List<JournalEvent> back = JournalReader.readAll(dir);
    assertThat(back).hasSize(3);
    JournalEvent.Snapshot snap = (JournalEvent.Snapshot) back.get(0);
    assertThat(snap.snapshot().books()).isEqualTo(s.books());
    assertThat(snap.receivedEpochNanos()).isEqualTo(1_677_771_360_123_456_789L);
    assertThat(snap.origin()).isEqualTo("poll");
    JournalEvent.Book b = (JournalEvent.Book) back.get(1);
    assertThat(b.book()).isEqualTo(moved);
    assertThat(b.book().bids().get(0).price()).isNotEqualTo(first.bids().get(0).price());
    assertThat(b.exchangeEpochNanos()).isEqualTo(1_677_771_360_200_000_001L);
    JournalEvent.Book c = (JournalEvent.Book) back.get(2);
    assertThat(c.book()).isEqualTo(first);
    assertThat(c.exchangeEpochNanos()).isEqualTo(MarketEvent.NO_TIME);
  }

  @Test
  void rollsFilesAndANewWriterAppendsAfterThem() throws IOException {
    List<OrderBook> books = SampleSnapshot.load().books();
    try (JournalWriter w = new JournalWriter(dir, 2)) {
      for (int i = 0; i < 5; i++) {
        w.onEvent(book(books.get(i), 1_000L + i, MarketEvent.NO_TIME), i, true);
      }
    }
    try (JournalWriter w = new JournalWriter(dir, 2)) {
      w.onEvent(book(books.get(5), 2_000L, MarketEvent.NO_TIME), 0, true);
    }
    List<String> names;
    try (var s = Files.list(dir)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names)
        .containsExactly(
            "events-000001.jsonl.gz",
            "events-000002.jsonl.gz",
            "events-000003.jsonl.gz",
            "events-000004.jsonl.gz");
    List<JournalEvent> back = JournalReader.readAll(dir);
    assertThat(back).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(((JournalEvent.Book) back.get(i)).book()).isEqualTo(books.get(i));
    }
    assertThat(back.get(5).receivedEpochNanos()).isEqualTo(2_000L);
  }

  @Test
  void aWriterKilledAfterAFlushLeavesEveryFlushedEventReadable() throws IOException {
    List<OrderBook> books = SampleSnapshot.load().books();
    JournalWriter w = new JournalWriter(dir, 1_000);
    for (int i = 0; i < 10; i++) {
      // the ring's batches end after events 4 and 9: flushed there
      w.onEvent(book(books.get(i), 5_000L + i, MarketEvent.NO_TIME), i, i == 4 || i == 9);
    }
    // never closed (as after SIGKILL): the file has no gzip trailer
    try (JournalReader r = new JournalReader(dir)) {
      int n = 0;
      while (r.next().isPresent()) {
        n++;
      }
      assertThat(n).isEqualTo(10);
      assertThat(r.truncated()).isEqualTo(1);
    }
    w.close();
    try (JournalReader r = new JournalReader(dir)) {
      while (r.next().isPresent()) {
        // read to the end
      }
      assertThat(r.read()).isEqualTo(10);
      assertThat(r.truncated()).isZero();
    }
  }

  @Test
  void aDamagedLineIsReportedWithItsFileAndLineAndTheRestIsRead() throws IOException {
    List<OrderBook> books = SampleSnapshot.load().books();
    Path file = dir.resolve("events-000001.jsonl.gz");
    try (var out =
        new java.io.OutputStreamWriter(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)),
            java.nio.charset.StandardCharsets.UTF_8)) {
      out.write(JournalWriter.HEADER + "\n");
      out.write("{\"kind\":\"book\",\"received_ns\":7,\"snapshot\":{\"format_version\":1}}\n");
      out.write("not json\n");
    }
    try (JournalWriter w = new JournalWriter(dir, 10)) {
      w.onEvent(book(books.get(0), 9L, MarketEvent.NO_TIME), 0, true);
    }
    List<JournalEvent> back = JournalReader.readAll(dir);
    assertThat(back).hasSize(3);
    assertThat(((JournalEvent.Unreadable) back.get(0)).origin())
        .isEqualTo("events-000001.jsonl.gz line 2");
    assertThat(((JournalEvent.Unreadable) back.get(1)).problem()).isEqualTo("not JSON; skipped");
    assertThat(((JournalEvent.Book) back.get(2)).book()).isEqualTo(books.get(0));
  }
}
