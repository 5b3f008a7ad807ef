package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arb.config.PrivateFiles;
import dev.arb.engine.json.Json;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where opportunity records go while the database cannot take them: {@code arb.db.spill.jsonl} next
 * to the database, append-only, one batch a line ({@code {"batch": id, "records": [...]}}, amounts
 * as decimal strings), each line written and {@code fsync}'d before it counts, the file {@code
 * 0600}. {@link #replay} writes the batches into the database in their order, each in one
 * transaction together with its id ({@code spill_batches}, migration V6), so a replay cut short by
 * a crash and run again writes each batch exactly once; the file is removed when all are in. A last
 * line without its newline is the torn end of an append that never counted, and is left out.
 *
 * <p>Used by one thread at a time: the batch writer of the process holding the data directory, or
 * that process while it opens the store.
 */
final class SpillJournal {
  /** The spill's name next to a database file {@code arb.db}: {@code arb.db.spill.jsonl}. */
  static final String SUFFIX = ".spill.jsonl";

  /** Writes a spilled batch once (see {@link SqliteOpportunityRepository#saveOnce}). */
  @FunctionalInterface
  interface Target {
    /** Writes the batch unless one with this id is in already; whether it was written now. */
    boolean saveOnce(String batchId, List<OpportunityRecord> records, Instant at);
  }

  /** One line of the file. */
  record Line(String batch, List<Spilled> records) {}

  /** One record as spilled: exact decimal strings, ISO instants, codes. */
  record Spilled(
      String detectedAt,
      String status,
      String startAsset,
      List<String> exchanges,
      List<String> assets,
      String path,
      String solution,
      String estimatedProfit,
      double returnBp,
      String realizedProfit,
      String reason) {

    static Spilled of(OpportunityRecord r) {
      return new Spilled(
          r.detectedAt().toString(),
          r.status().code(),
          r.startAsset(),
          r.exchanges(),
          r.assets(),
          r.pathJson(),
          r.solutionJson(),
          r.estimatedProfit().toPlainString(),
          r.returnBp(),
          r.realizedProfit() == null ? null : r.realizedProfit().toPlainString(),
          r.reason());
    }

    OpportunityRecord record() {
      return new OpportunityRecord(
          0,
          Instant.parse(detectedAt),
          OpportunityStatus.parse(status),
          startAsset,
          exchanges,
          assets,
          path,
          solution,
          new BigDecimal(estimatedProfit),
          returnBp,
          realizedProfit == null ? null : new BigDecimal(realizedProfit),
          reason);
    }
  }

  private final Path file;
  private final Target target;
  private final Clock clock;
  private long records = -1;

  /**
   * @param database the database file the spill sits next to
   * @param target where {@link #replay} writes the batches
   */
  SpillJournal(Path database, Target target, Clock clock) {
    this.file = database.resolveSibling(database.getFileName() + SUFFIX);
    this.target = target;
    this.clock = clock;
  }

  /** The spill file. */
  Path file() {
    return file;
  }

  /** Records in the file, not in the database yet (0 without a file). */
  long records() {
    if (records < 0) {
      records = 0;
      for (Line l : lines()) {
        records += l.records().size();
      }
    }
    return records;
  }

  /**
   * Appends a batch as one line and forces it to disk; it counts only once this returns.
   *
   * @throws IOException when it cannot be written (the file may then end in a torn line, which a
   *     replay leaves out)
   */
  void append(List<OpportunityRecord> batch) throws IOException {
    long before = records();
    List<Spilled> rs = new ArrayList<>(batch.size());
    batch.forEach(r -> rs.add(Spilled.of(r)));
    byte[] line =
        (Json.writer().writeValueAsString(new Line(UUID.randomUUID().toString(), rs)) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    boolean created = !Files.exists(file);
    if (created) {
      PrivateFiles.file(file);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    if (created) {
      forceDirectory();
    }
    records = before + batch.size();
  }

  /**
   * Writes every batch of the file into the database, in order, each exactly once, then removes the
   * file. Nothing to do without a file.
   *
   * @return the records written now (batches written by an earlier, cut-short replay not counted)
   * @throws StorageException when the database cannot take them (the file stays; batches written so
   *     far are not written again), or when a line is damaged
   */
  long replay() {
    long written = 0;
    for (Line l : lines()) {
      List<OpportunityRecord> batch = new ArrayList<>(l.records().size());
      for (Spilled s : l.records()) {
        batch.add(s.record());
      }
      if (target.saveOnce(l.batch(), batch, clock.instant())) {
        written += batch.size();
      }
    }
    try {
      Files.deleteIfExists(file);
      forceDirectory();
    } catch (IOException e) {
      throw new StorageException(
          "the records of "
              + file
              + " are in the database now, but the file could not be removed: "
              + e.getMessage()
              + "; remove it by hand (a replay would not write them twice)",
          e);
    }
    records = 0;
    return written;
  }

  /** The complete lines of the file, oldest first. */
  private List<Line> lines() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException(
          "could not read the spill " + file + ": " + e.getMessage() + "; check its permissions",
          e);
    }
    List<Line> out = new ArrayList<>();
    int start = 0;
    int n = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        break; // torn end of an append that never counted
      }
      n++;
      String line = text.substring(start, end);
      start = end + 1;
      if (line.isBlank()) {
        continue;
      }
      try {
        Line l = Json.read(line, Line.class);
        if (l.batch() == null || l.records() == null) {
          throw new IllegalArgumentException("a line needs batch and records");
        }
        l.records().forEach(Spilled::record); // every record must read back
        out.add(l);
      } catch (JsonProcessingException | RuntimeException e) {
        throw new StorageException(
            "the spill "
                + file
                + " is damaged at line "
                + n
                + " ("
                + e.getMessage()
                + "); its records are not in the database: move the file away to start without"
                + " them, and keep it to recover them by hand",
            e);
      }
    }
    return out;
  }

  /** Makes the file's creation or removal durable. */
  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UncheckedIOException e) {
      // not every file system lets a directory be forced; the data is forced already
    }
  }
}
