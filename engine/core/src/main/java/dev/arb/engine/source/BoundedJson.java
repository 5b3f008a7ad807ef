package dev.arb.engine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON input into a tree within {@link InputLimits}: nesting depth, token count, string and
 * number lengths bounded by the parser before anything is allocated; numbers checked by {@link
 * StrictNumbers} (at most {@value StrictNumbers#MAX_DIGITS} digits, a written exponent of at most
 * 1000) before they become {@link BigDecimal}s; duplicate keys and content after the value refused.
 * Integers become {@link java.math.BigInteger} nodes and other numbers exact {@link BigDecimal}
 * nodes, as written. Every failure is a {@link ConfigException} naming the input, the line and the
 * column.
 */
final class BoundedJson {
  /** Longest string value or key; numbers are bounded by {@link StrictNumbers}. */
  static final int MAX_STRING_CHARS = 1 << 20;

  private static final int MAX_NAME_CHARS = 1000;
  private static final int MAX_NUMBER_CHARS = 2 * StrictNumbers.MAX_DIGITS + 20;

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private BoundedJson() {}

  /**
   * The JSON value of {@code text}.
   *
   * @param source the input's name, for messages
   * @throws ConfigException if the text is empty, not JSON, or beyond a limit
   */
  static JsonNode read(String text, String source, InputLimits limits) {
    try (JsonParser p = factory(limits).createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConfigException("cannot read " + source + ": the file is empty");
      }
      JsonNode root = value(p, source);
      if (p.nextToken() != null) {
        throw new ConfigException(
            "cannot read " + source + ": " + at(p.currentTokenLocation()) + "more after the JSON");
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new ConfigException(
          "cannot read " + source + ": " + at(e.getLocation()) + constraint(e, limits), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "cannot read "
              + source
              + ": not valid JSON ("
              + at(e.getLocation())
              + e.getOriginalMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The keys of the top-level object of {@code text}, without reading the values; empty if the text
   * is not a JSON object or not valid JSON up to its end.
   */
  static Set<String> topLevelKeys(String text, InputLimits limits) {
    Set<String> keys = new HashSet<>();
    try (JsonParser p = factory(limits).createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Set.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        keys.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      return keys;
    } catch (IOException e) {
      // a file that is not JSON, or beyond a limit: the keys read so far tell its format, and
      // reading it reports the error with its line and column
      return keys;
    }
  }

  private static JsonFactory factory(InputLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(InputLimits.MAX_JSON_DEPTH)
                .maxDocumentLength(limits.maxBytes())
                .maxTokenCount(limits.maxJsonTokens())
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .build())
        .build();
  }

  /** The value starting at the current token; recursion is bounded by the nesting depth. */
  private static JsonNode value(JsonParser p, String source) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          ObjectNode o = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation where = p.currentTokenLocation();
            p.nextToken();
            if (o.replace(name, value(p, source)) != null) {
              throw new ConfigException(
                  "cannot read " + source + ": " + at(where) + "the key \"" + name + "\" repeats");
            }
          }
          return o;
        }
      case START_ARRAY:
        {
          ArrayNode a = NODES.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p, source));
          }
          return a;
        }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(p, source);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new ConfigException(
            "cannot read " + source + ": " + at(p.currentTokenLocation()) + "unexpected " + t);
    }
  }

  private static JsonNode number(JsonParser p, String source) throws IOException {
    String text = p.getText();
    JsonLocation where = p.currentTokenLocation();
    BigDecimal v;
    try {
      v = StrictNumbers.parse(text, "number", StrictNumbers.MAX_WRITTEN_EXPONENT);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("cannot read " + source + ": " + at(where) + e.getMessage(), e);
    }
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return NODES.numberNode(new BigInteger(text));
    }
    return NODES.numberNode(v);
  }

  /** {@code line 3, column 14: } or nothing if the location is unknown. */
  private static String at(JsonLocation l) {
    if (l == null || l.getLineNr() < 1) {
      return "";
    }
    return "line " + l.getLineNr() + ", column " + l.getColumnNr() + ": ";
  }

  /** What limit the input broke, in words (Jackson's message names its own classes). */
  private static String constraint(StreamConstraintsException e, InputLimits limits) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("nesting depth")) {
      return "nested more than " + InputLimits.MAX_JSON_DEPTH + " levels deep";
    }
    if (m.contains("token count")) {
      return "more than "
          + limits.maxJsonTokens()
          + " JSON values, the limit for this Java heap; "
          + InputLimits.moreMemory();
    }
    if (m.contains("document length")) {
      return "larger than the input limit of " + InputLimits.size(limits.maxBytes());
    }
    if (m.contains("number value length")) {
      return "a number longer than " + MAX_NUMBER_CHARS + " characters";
    }
    if (m.contains("name length")) {
      return "a key longer than " + MAX_NAME_CHARS + " characters";
    }
    if (m.contains("string value length")) {
      return "a string longer than " + MAX_STRING_CHARS + " characters";
    }
    return "beyond a limit of the JSON reader";
  }
}
