package dev.arb.engine.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arb.error.ConfigException;
import dev.arb.error.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * File access shared by the readers: regular files only, read within {@link InputLimits}; every I/O
 * failure becomes a {@link ConfigException} naming the file.
 */
final class InputFiles {
  /** Numbers stay exact: floats are read as {@link java.math.BigDecimal}. Used for writing. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private InputFiles() {}

  static void requireReadable(Path path) {
    if (!Files.exists(path)) {
      throw new ConfigException(
          "cannot read " + path + ": no such file or folder; check the --input path");
    }
    if (!Files.isReadable(path)) {
      throw new ConfigException(
          "cannot read " + path + ": permission denied; make it readable or copy it elsewhere");
    }
  }

  /**
   * Why {@code path} is not a file arb reads, or null: it must be a regular file (a symbolic link
   * to one is fine); a FIFO, device or socket could block or never end. Checked without opening it.
   */
  static String notRegularFile(Path path) {
    if (Files.isDirectory(path)) {
      return "it is a folder";
    }
    if (!Files.isRegularFile(path)) {
      return "not a regular file (a device, FIFO, socket or broken link); give a file";
    }
    return null;
  }

  /**
   * The text of a regular file of at most {@code limits.maxBytes()} bytes, UTF-8.
   *
   * @throws ConfigException if it is missing, not a regular file, too large or not UTF-8 text
   */
  static String text(Path path, InputLimits limits) {
    requireReadable(path);
    if (Files.isDirectory(path)) {
      throw new ConfigException(
          "cannot read "
              + path
              + ": it is a folder; give a file, or --format l2-json for a folder");
    }
    String notRegular = notRegularFile(path);
    if (notRegular != null) {
      throw new ConfigException("cannot read " + path + ": " + notRegular);
    }
    try {
      String tooLarge = limits.tooLarge(Files.size(path), "the file");
      if (tooLarge != null) {
        throw new ConfigException("cannot read " + path + ": " + tooLarge);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        // the size may change while reading: never read more than the limit allows
        bytes = in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
      }
      String grown = limits.tooLarge(bytes.length, "the file");
      if (grown != null) {
        throw new ConfigException("cannot read " + path + ": " + grown);
      }
      return utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          "cannot read " + path + ": not UTF-8 text; save it as UTF-8 (or ASCII)", e);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read " + path + ": " + IoMessages.of(e) + "; check the file is readable", e);
    }
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /**
   * The files of a folder whose names end in {@code suffix} (case-insensitive), sorted by name; at
   * most {@code limits.maxMarkets()} of them, and together at most {@code limits.maxBytes()} bytes.
   * Entries that are not regular files are reported in {@code problems} and left out.
   *
   * @throws ConfigException if the folder cannot be listed or holds more than the limits
   */
  static List<Path> list(Path dir, String suffix, InputLimits limits, List<String> problems) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)) {
          continue;
        }
        if (files.size() >= limits.maxMarkets()) {
          throw new ConfigException(
              "cannot read "
                  + dir
                  + ": more than "
                  + limits.maxMarkets()
                  + " *"
                  + suffix
                  + " files, the limit for this Java heap; "
                  + InputLimits.moreMemory());
        }
        files.add(p);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot list folder " + dir + ": " + e.getMessage(), e);
    }
    files.sort(null);
    List<Path> regular = new ArrayList<>(files.size());
    long total = 0;
    for (Path p : files) {
      String notRegular = notRegularFile(p);
      if (notRegular != null) {
        problems.add(p + ": " + notRegular + "; file left out");
        continue;
      }
      try {
        total += Files.size(p);
      } catch (IOException e) {
        problems.add(p + ": cannot read its size (" + e.getMessage() + "); file left out");
        continue;
      }
      regular.add(p);
    }
    String tooLarge = limits.tooLarge(total, "its *" + suffix + " files");
    if (tooLarge != null) {
      throw new ConfigException("cannot read " + dir + ": " + tooLarge);
    }
    return regular;
  }

  /** The JSON value of a file's text, within the limits (see {@link BoundedJson}). */
  static JsonNode json(String text, String source, InputLimits limits) {
    return BoundedJson.read(stripBom(text), source, limits);
  }

  /** When the file was last written, or the epoch if the file system does not say. */
  static Instant modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  /** A JSON value as decimal text: numbers exactly, strings as they are, else null. */
  static String decimalText(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue().toString();
    }
    if (n.isContainerNode()) {
      return n.isArray() ? "(a list)" : "(an object)";
    }
    return n.isTextual() ? n.textValue() : n.toString();
  }

  /** Strips a leading byte-order mark. */
  static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }
}
