package dev.arb.daemon.stream;

import com.lmax.disruptor.EventHandler;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.source.SnapshotJson;
import dev.arb.error.StorageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

/**
 * Appends every event of the ring to an event journal ({@code arb record --stream}, {@code arb run
 * --journal}), on its own consumer thread, in the runner's order. The format is documented in
 * {@code docs/streaming.md}: a folder of rolling files {@code events-NNNNNN.jsonl.gz}, each a gzip
 * stream of JSON lines, the first line a header, then one event per line with its receive time
 * (epoch nanoseconds) and, for books, the exchange's time; books, pools and snapshots are written
 * in arb's snapshot format (decimal strings exactly as received).
 *
 * <p>Durability: the gzip stream is sync-flushed at the end of every batch the ring hands over, so
 * a process killed with SIGKILL leaves every event up to the last flush readable ({@link
 * JournalReader} reads a file whose gzip trailer is missing up to its last complete line). A new
 * writer never touches existing files: it starts the next number.
 */
public final class JournalWriter implements EventHandler<MarketEvent>, AutoCloseable {
  /** The journal format's version, in every file's header. */
  public static final int FORMAT_VERSION = 1;

  static final String PREFIX = "events-";
  static final String SUFFIX = ".jsonl.gz";
  static final String HEADER =
      "{\"journal\":\"arb-events\",\"format_version\":" + FORMAT_VERSION + "}";

  private final Path dir;
  private final long rollEvents;
  private final Map<String, ChainSnapshot> chains = new HashMap<>();
  private int fileNumber;
  private Writer out;
  private long inFile;
  private long written;
  private final StringBuilder line = new StringBuilder(1 << 12);

  /**
   * A writer into {@code dir} (created if missing).
   *
   * @param rollEvents events per file before the next file is started, &gt; 0
   * @throws StorageException if the folder cannot be created or read
   */
  public JournalWriter(Path dir, long rollEvents) {
    if (rollEvents <= 0) {
      throw new IllegalArgumentException("events per journal file must be positive");
    }
    this.dir = dir;
    this.rollEvents = rollEvents;
    try {
      Files.createDirectories(dir);
      fileNumber = JournalReader.files(dir).size() == 0 ? 0 : lastNumber(dir);
    } catch (IOException e) {
      throw new StorageException(
          "cannot write the event journal in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static int lastNumber(Path dir) throws IOException {
    List<Path> files = JournalReader.files(dir);
    String name = files.get(files.size() - 1).getFileName().toString();
    return Integer.parseInt(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
  }

  @Override
  public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) throws IOException {
    write(e);
    if (endOfBatch && out != null) {
      out.flush();
    }
  }

  /** Writes one event (not flushed). */
  void write(MarketEvent e) throws IOException {
    line.setLength(0);
    switch (e.kind()) {
      case BOOK -> {
        line.append("{\"kind\":\"book\",\"received_ns\":").append(e.receivedEpochNanos());
        if (e.exchangeEpochNanos() != MarketEvent.NO_TIME) {
          line.append(",\"exchange_ns\":").append(e.exchangeEpochNanos());
        }
        line.append(",\"snapshot\":");
        compact(SnapshotJson.toJson(new MarketSnapshot(List.of(e.book()), List.of(), "stream")));
      }
      case POOL -> {
        ChainSnapshot c = chains.get(e.pool().chain());
        if (c == null) {
          unreadable(
              e.receivedEpochNanos(),
              e.pool().id(),
              "pool event of a chain no snapshot had before; not recorded");
          break;
        }
        Pool p = e.pool();
        ChainSnapshot one =
            new ChainSnapshot(
                c.name(),
                c.chainId(),
                e.block() >= 0 ? OptionalLong.of(e.block()) : OptionalLong.empty(),
                e.poolObservedAt(),
                c.nativeToken(),
                p.token0().equals(p.token1())
                    ? List.of(p.token0())
                    : List.of(p.token0(), p.token1()),
                List.of(p));
        line.append("{\"kind\":\"pool\",\"received_ns\":").append(e.receivedEpochNanos());
        line.append(",\"block\":").append(e.block());
        line.append(",\"observed_at\":").append(quote(e.poolObservedAt().toString()));
        line.append(",\"snapshot\":");
        compact(
            SnapshotJson.toJson(new MarketSnapshot(List.of(), List.of(), "stream", List.of(one))));
      }
      case SNAPSHOT -> {
        for (ChainSnapshot c : e.snapshot().chains()) {
          chains.put(c.name(), c);
        }
        line.append("{\"kind\":\"snapshot\",\"received_ns\":").append(e.receivedEpochNanos());
        line.append(",\"origin\":").append(quote(e.origin()));
        line.append(",\"snapshot\":");
        compact(SnapshotJson.toJson(e.snapshot()));
      }
      case UNREADABLE -> unreadable(e.receivedEpochNanos(), e.origin(), e.problem());
      case END -> {
        return; // the end of a journal is the end of its last file
      }
    }
    if (line.length() == 0) {
      return;
    }
    line.append('\n');
    if (out == null || inFile >= rollEvents) {
      roll();
    }
    out.append(line);
    inFile++;
    written++;
  }

  private void unreadable(long received, String origin, String problem) {
    line.append("{\"kind\":\"unreadable\",\"received_ns\":").append(received);
    line.append(",\"origin\":").append(quote(origin));
    line.append(",\"problem\":").append(quote(problem)).append('}');
  }

  /**
   * Appends snapshot JSON without its line breaks and the indentation after them (a line break
   * never occurs inside a JSON string: it would be escaped), then closes the event's object.
   */
  private void compact(String json) {
    int n = json.length();
    int i = 0;
    while (i < n) {
      char c = json.charAt(i++);
      if (c == '\n') {
        while (i < n && json.charAt(i) == ' ') {
          i++;
        }
        continue;
      }
      line.append(c);
    }
    line.append('}');
  }

  private static String quote(String s) {
    return Json.write(s);
  }

  private void roll() throws IOException {
    if (out != null) {
      out.close();
    }
    fileNumber++;
    Path file =
        dir.resolve(String.format(java.util.Locale.ROOT, "%s%06d%s", PREFIX, fileNumber, SUFFIX));
    out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16, true),
                StandardCharsets.UTF_8),
            1 << 16);
    out.append(HEADER).append('\n');
    inFile = 0;
  }

  /** Events written so far. */
  public long written() {
    return written;
  }

  /** Flushes what was written (a sync flush of the gzip stream). */
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  /** Finishes the current file (its gzip trailer). */
  @Override
  public void onShutdown() {
    close();
  }

  @Override
  public synchronized void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new StorageException(
          "cannot finish the event journal in " + dir + ": " + e.getMessage(), e);
    } finally {
      out = null;
    }
  }
}
