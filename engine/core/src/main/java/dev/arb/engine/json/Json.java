package dev.arb.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arb.engine.text.Durations;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON mapper of arb, configured once. Every document arb writes (the {@code --json} output
 * of every command, the daemon's HTTP answers, webhook payloads, JSON columns of the record store,
 * cache files) goes through it, so they all look alike:
 *
 * <ul>
 *   <li>keys are snake_case: a record component {@code realizedProfit} is written {@code
 *       realized_profit}; keys come in the order the record declares its components;
 *   <li>{@link BigDecimal} is a plain decimal string, never a JSON number and never in scientific
 *       notation ({@code "0.00000001"}, not {@code 1E-8}): amounts keep every digit in JavaScript
 *       too; {@link BigInteger} (wei, gas, nonces) is a decimal string for the same reason;
 *   <li>{@link Instant} is ISO-8601 in UTC ({@code "2026-12-07T10:00:00Z"});
 *   <li>{@link Duration} is written as people write it ({@code "2h 40m"}, {@code "5s"}, {@code
 *       "250ms"}), and read in that form or ISO-8601 ({@code "PT5S"});
 *   <li>{@code null} components are written as {@code null}, unless the component says
 *       {@code @JsonInclude(NON_NULL)} (an optional key).
 * </ul>
 *
 * <p>Reading: {@link #reader()} ignores keys it does not know (stored documents written by a newer
 * version, another program's answer); {@link #strictReader()} refuses them, for inputs whose format
 * requires it. Numbers read into trees keep every digit ({@link BigDecimal}, never {@code double}).
 * Errors of either reader quote no input.
 *
 * <p>The mapper itself is not handed out (it could be reconfigured); use the immutable readers and
 * writers here.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();
  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
  private static final ObjectReader LENIENT =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectReader STRICT =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** {@code value} as one line of JSON. */
  public static String write(Object value) {
    return write(COMPACT, value);
  }

  /** {@code value} as indented JSON (two spaces, one key per line), without a final newline. */
  public static String pretty(Object value) {
    return write(PRETTY, value);
  }

  /** The compact writer, for streams and files. */
  public static ObjectWriter writer() {
    return COMPACT;
  }

  /** The indenting writer, for streams and files. */
  public static ObjectWriter prettyWriter() {
    return PRETTY;
  }

  /**
   * The reader that ignores unknown keys: for stored documents and answers of other programs. Use
   * {@code reader().forType(X.class).readValue(text)}, or {@code reader().readTree(text)}.
   */
  public static ObjectReader reader() {
    return LENIENT;
  }

  /** The reader that refuses unknown keys: for inputs whose format names every key. */
  public static ObjectReader strictReader() {
    return STRICT;
  }

  /**
   * Reads {@code text} as {@code type}, ignoring unknown keys.
   *
   * @throws JsonProcessingException if it is not JSON or does not fit {@code type}
   */
  public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
    return LENIENT.forType(type).readValue(text);
  }

  /**
   * Parses {@code text} as a tree.
   *
   * @throws JsonProcessingException if it is not JSON
   */
  public static JsonNode tree(String text) throws JsonProcessingException {
    return LENIENT.readTree(text);
  }

  /**
   * A stored JSON document as a tree, to embed in an output as it was stored; text that is not JSON
   * (arb never writes such) as a JSON string.
   */
  public static JsonNode treeOrText(String text) {
    try {
      JsonNode n = LENIENT.readTree(text);
      return n == null || n.isMissingNode() ? TextNode.valueOf(text) : n;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }

  /** {@code value} as a tree, as it would be written. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** {@code tree} read as {@code type} (unknown keys ignored). */
  public static <T> T fromTree(JsonNode tree, Class<T> type) throws JsonProcessingException {
    return MAPPER.treeToValue(tree, type);
  }

  /**
   * The factory for trees whose shape is only known at run time (a JSON-RPC call's parameters);
   * decimals in it keep their scale.
   */
  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  /**
   * {@code d} as people write it: its non-zero parts from days down to nanoseconds, largest first
   * ({@code 2h 40m}, {@code 1d 6h}, {@code 5s 250ms}, {@code 0s}); negative durations start with
   * {@code -}.
   */
  public static String duration(Duration d) {
    return Durations.format(d);
  }

  /**
   * Reads a duration written by {@link #duration} ({@code 2h 40m}), or in ISO-8601 ({@code PT5S},
   * as arb stored them before).
   *
   * @throws IllegalArgumentException naming the text and the forms allowed
   */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("-P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw badDuration(text);
      }
    }
    boolean negative = t.startsWith("-");
    String rest = negative ? t.substring(1) : t;
    Matcher m = DURATION_PART.matcher(rest);
    Duration d = Duration.ZERO;
    int at = 0;
    while (at < rest.length()) {
      if (!m.find(at) || m.start() != at) {
        throw badDuration(text);
      }
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofNanos(n);
              });
      at = m.end();
    }
    if (rest.isEmpty()) {
      throw badDuration(text);
    }
    return negative ? d.negated() : d;
  }

  private static final Pattern DURATION_PART = Pattern.compile("\\s*([0-9]{1,18})(ms|ns|d|h|m|s)");

  private static IllegalArgumentException badDuration(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration; write it like 2h 40m, 90s or 250ms");
  }

  private static String write(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write "
              + (value == null ? "null" : value.getClass().getSimpleName())
              + " as JSON",
          e);
    }
  }

  private static ObjectMapper build() {
    SimpleModule m = new SimpleModule("arb");
    m.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
    m.addDeserializer(BigDecimal.class, new DecimalDeserializer());
    m.addSerializer(BigInteger.class, new ToStringSerializer<>(BigInteger.class));
    m.addDeserializer(BigInteger.class, new IntegerDeserializer());
    m.addSerializer(Instant.class, new ToStringSerializer<>(Instant.class));
    m.addDeserializer(Instant.class, new InstantDeserializer());
    m.addSerializer(Duration.class, new DurationSerializer());
    m.addDeserializer(Duration.class, new DurationDeserializer());
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addModule(m)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .build();
  }

  /** An exact decimal as a plain decimal string. */
  private static final class PlainDecimalSerializer extends JsonSerializer<BigDecimal> {
    @Override
    public void serialize(BigDecimal v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(v.toPlainString());
    }

    @Override
    public Class<BigDecimal> handledType() {
      return BigDecimal.class;
    }
  }

  /** A value written as its {@code toString()}. */
  private static final class ToStringSerializer<T> extends JsonSerializer<T> {
    private final Class<T> type;

    ToStringSerializer(Class<T> type) {
      this.type = type;
    }

    @Override
    public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(v.toString());
    }

    @Override
    public Class<T> handledType() {
      return type;
    }
  }

  private static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(duration(v));
    }

    @Override
    public Class<Duration> handledType() {
      return Duration.class;
    }
  }

  /** A decimal from a string or a number, every digit kept. */
  private static final class DecimalDeserializer extends JsonDeserializer<BigDecimal> {
    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext c) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDecimalValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = p.getText().strip();
        try {
          return new BigDecimal(s);
        } catch (NumberFormatException e) {
          return (BigDecimal) c.handleWeirdStringValue(BigDecimal.class, s, "not a decimal number");
        }
      }
      return (BigDecimal) c.handleUnexpectedToken(BigDecimal.class, p);
    }
  }

  /** An integer from a decimal string or an integral number. */
  private static final class IntegerDeserializer extends JsonDeserializer<BigInteger> {
    @Override
    public BigInteger deserialize(JsonParser p, DeserializationContext c) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        return p.getBigIntegerValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = p.getText().strip();
        if (s.matches("-?[0-9]{1,100}")) {
          return new BigInteger(s);
        }
        return (BigInteger) c.handleWeirdStringValue(BigInteger.class, s, "not a whole number");
      }
      return (BigInteger) c.handleUnexpectedToken(BigInteger.class, p);
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) c.handleUnexpectedToken(Instant.class, p);
      }
      String s = p.getText().strip();
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        return (Instant)
            c.handleWeirdStringValue(
                Instant.class, s, "not an ISO-8601 instant such as 2026-12-07T10:00:00Z");
      }
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration) c.handleUnexpectedToken(Duration.class, p);
      }
      String s = p.getText();
      try {
        return parseDuration(s);
      } catch (IllegalArgumentException e) {
        return (Duration)
            c.handleWeirdStringValue(Duration.class, s, "not a duration such as 2h 40m or PT5S");
      }
    }
  }
}
