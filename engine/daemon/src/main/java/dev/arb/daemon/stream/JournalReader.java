package dev.arb.daemon.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.SnapshotJson;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an event journal written by {@link JournalWriter} back, one event at a time, file after
 * file in number order. A line that cannot be read becomes an {@link JournalEvent.Unreadable}
 * naming the file and line, and the reading goes on; a file cut short (the writer was killed: no
 * gzip trailer, a last line without its end) ends at its last complete line and is counted in
 * {@link #truncated()}.
 */
public final class JournalReader implements AutoCloseable {

  private final Path dir;
  private final List<Path> files;
  private int fileIndex = -1;
  private Lines in;
  private int lineNumber;
  private long read;
  private int truncated;

  /**
   * A reader of the journal in {@code dir}.
   *
   * @throws ConfigException if {@code dir} is not a folder with journal files
   */
  public JournalReader(Path dir) {
    this.dir = dir;
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(
          "replay: " + dir + " is not a folder; give the folder 'arb record --stream' wrote");
    }
    try {
      files = files(dir);
    } catch (IOException e) {
      throw new ConfigException("replay: cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new ConfigException(
          "replay: "
              + dir
              + " holds no event journal (no events-NNNNNN.jsonl.gz files); record one with 'arb"
              + " record --stream --output "
              + dir
              + "'");
    }
  }

  /** The journal files of {@code dir}, in order. */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(JournalWriter.PREFIX)
                    && n.endsWith(JournalWriter.SUFFIX)
                    && n.length() > JournalWriter.PREFIX.length() + JournalWriter.SUFFIX.length()
                    && n.substring(
                            JournalWriter.PREFIX.length(),
                            n.length() - JournalWriter.SUFFIX.length())
                        .chars()
                        .allMatch(Character::isDigit);
              })
          .sorted()
          .toList();
    }
  }

  /** The journal's files, in reading order. */
  public List<Path> files() {
    return files;
  }

  /** The next event, or empty at the end of the journal. */
  public Optional<JournalEvent> next() {
    while (true) {
      if (in == null && !open()) {
        return Optional.empty();
      }
      String line;
      try {
        line = in.next();
      } catch (IOException e) {
        String where = where();
        closeFile();
        return Optional.of(new JournalEvent.Unreadable(where, "cannot read: " + e.getMessage(), 0));
      }
      if (line == null) {
        if (in.cut) {
          truncated++; // killed while writing: every complete line was read, a partial one dropped
        }
        closeFile();
        continue;
      }
      lineNumber++;
      if (lineNumber == 1) {
        String bad = header(line);
        if (bad != null) {
          String where = where();
          closeFile();
          return Optional.of(new JournalEvent.Unreadable(where, bad, 0));
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      read++;
      return Optional.of(parse(line));
    }
  }

  private boolean open() {
    while (++fileIndex < files.size()) {
      Path f = files.get(fileIndex);
      try {
        in = new Lines(new GZIPInputStream(Files.newInputStream(f), 1 << 16));
        lineNumber = 0;
        return true;
      } catch (EOFException e) {
        truncated++; // killed before its first flush: nothing in it
      } catch (IOException e) {
        throw new ConfigException("replay: cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  private String header(String line) {
    try {
      JsonNode h = Json.tree(line);
      if (!"arb-events".equals(h.path("journal").asText())) {
        return "not an arb event journal (no header line); file skipped";
      }
      int v = h.path("format_version").asInt(-1);
      if (v < 1 || v > JournalWriter.FORMAT_VERSION) {
        return "journal format_version "
            + v
            + " is not supported (this arb reads 1 to "
            + JournalWriter.FORMAT_VERSION
            + "); file skipped";
      }
      return null;
    } catch (JsonProcessingException e) {
      return "not an arb event journal (the header line is not JSON); file skipped";
    }
  }

  private JournalEvent parse(String line) {
    String where = where();
    long received = 0;
    try {
      JsonNode n = Json.tree(line);
      JsonNode rx = n.get("received_ns");
      if (rx == null || !rx.canConvertToLong()) {
        return new JournalEvent.Unreadable(where, "no whole-number \"received_ns\"", 0);
      }
      received = rx.longValue();
      String kind = n.path("kind").asText("");
      switch (kind) {
        case "book" -> {
          MarketSnapshot s = snapshot(n, where);
          if (s.books().size() != 1) {
            return new JournalEvent.Unreadable(
                where,
                "a book event must hold one valid book: " + String.join("; ", s.problems()),
                received);
          }
          JsonNode ex = n.get("exchange_ns");
          long exchange =
              ex != null && ex.canConvertToLong() ? ex.longValue() : MarketEvent.NO_TIME;
          return new JournalEvent.Book(s.books().get(0), received, exchange);
        }
        case "pool" -> {
          MarketSnapshot s = snapshot(n, where);
          if (s.chains().size() != 1 || s.chains().get(0).pools().size() != 1) {
            return new JournalEvent.Unreadable(
                where,
                "a pool event must hold one valid pool: " + String.join("; ", s.problems()),
                received);
          }
          ChainSnapshot c = s.chains().get(0);
          Instant at = Instant.parse(n.path("observed_at").asText());
          return new JournalEvent.PoolState(
              c.pools().get(0), at, n.path("block").asLong(-1), received);
        }
        case "snapshot" -> {
          return new JournalEvent.Snapshot(
              snapshot(n, where), n.path("origin").asText(where), received);
        }
        case "unreadable" -> {
          return new JournalEvent.Unreadable(
              n.path("origin").asText(where), n.path("problem").asText("unreadable"), received);
        }
        default -> {
          return new JournalEvent.Unreadable(
              where, "unknown event kind \"" + kind + "\"; skipped", received);
        }
      }
    } catch (JsonProcessingException e) {
      return new JournalEvent.Unreadable(where, "not JSON; skipped", received);
    } catch (DateTimeParseException e) {
      return new JournalEvent.Unreadable(where, "bad \"observed_at\"; skipped", received);
    } catch (ArbException | IllegalArgumentException e) {
      return new JournalEvent.Unreadable(where, e.getMessage(), received);
    }
  }

  private static MarketSnapshot snapshot(JsonNode n, String where) {
    JsonNode s = n.get("snapshot");
    if (s == null || !s.isObject()) {
      throw new ConfigException("no \"snapshot\" object");
    }
    return SnapshotJson.parse(s.toString(), where);
  }

  private String where() {
    Path f = fileIndex >= 0 && fileIndex < files.size() ? files.get(fileIndex) : dir;
    return f.getFileName() + " line " + lineNumber;
  }

  /**
   * The complete lines of a gzip stream that may end without its trailer (a writer killed after a
   * flush): the end of the data ends the lines, a last line without its line break is dropped.
   */
  private static final class Lines {
    private final InputStream gz;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private final StringBuilder line = new StringBuilder(1 << 12);
    boolean cut;

    Lines(InputStream gz) {
      this.gz = gz;
      this.in =
          new InputStreamReader(
              new FilterInputStream(gz) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                  try {
                    return super.read(b, off, len);
                  } catch (EOFException | ZipException e) {
                    cut = true;
                    return -1;
                  }
                }
              },
              StandardCharsets.UTF_8);
    }

    /** The next complete line, or null at the end. */
    String next() throws IOException {
      line.setLength(0);
      while (true) {
        if (pos == end) {
          if (eof) {
            if (line.length() > 0 && !cut) {
              String last = line.toString(); // a finished file's last line without a break
              line.setLength(0);
              return last;
            }
            return null;
          }
          int n = in.read(buf, 0, buf.length);
          if (n < 0) {
            eof = true;
            continue;
          }
          pos = 0;
          end = n;
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        line.append(buf, start, pos - start);
        if (pos < end) {
          pos++;
          return line.toString();
        }
      }
    }

    void close() throws IOException {
      in.close();
      gz.close();
    }
  }

  /** Events read so far (header lines not counted). */
  public long read() {
    return read;
  }

  /** Files that ended before their gzip trailer (a writer killed or still writing). */
  public int truncated() {
    return truncated;
  }

  private void closeFile() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // nothing more is read from it
      }
      in = null;
    }
  }

  @Override
  public void close() {
    closeFile();
    fileIndex = files.size();
  }

  /** All events of a journal, in order (for tests and small journals). */
  public static List<JournalEvent> readAll(Path dir) {
    List<JournalEvent> out = new ArrayList<>();
    try (JournalReader r = new JournalReader(dir)) {
      for (Optional<JournalEvent> e = r.next(); e.isPresent(); e = r.next()) {
        out.add(e.get());
      }
    }
    return out;
  }
}
