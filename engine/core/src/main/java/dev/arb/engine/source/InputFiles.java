package dev.arb.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** File access shared by the readers: every I/O failure becomes a {@link ConfigException}. */
final class InputFiles {
  /** Numbers stay exact: floats are read as {@link java.math.BigDecimal}. */
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

  static String text(Path path) {
    requireReadable(path);
    if (Files.isDirectory(path)) {
      throw new ConfigException(
          "cannot read "
              + path
              + ": it is a folder; give a file, or --format l2-json for a folder");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read " + path + ": " + e.getMessage() + "; check the file is UTF-8 text", e);
    }
  }

  static JsonNode json(String text, String source) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ConfigException("cannot read " + source + ": the file is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "cannot read "
              + source
              + ": not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage()
              + ")",
          e);
    }
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
    return n.isTextual() ? n.textValue() : n.toString();
  }

  /** Strips a leading byte-order mark. */
  static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }
}
