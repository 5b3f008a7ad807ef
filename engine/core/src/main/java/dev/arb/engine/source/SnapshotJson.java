package dev.arb.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * arb's own JSON snapshot format, version {@value #FORMAT_VERSION} (books) and {@value
 * ChainJson#FORMAT_VERSION} (books and chain pools, read and written by {@link ChainJson}): reader
 * and writer. The format is documented in the README (section Input formats). Decimals are written
 * as strings and read exactly; every book carries the time it was observed.
 */
public final class SnapshotJson {
  /** The version this code writes for a snapshot without chains. */
  public static final int FORMAT_VERSION = 1;

  private SnapshotJson() {}

  /**
   * Reads a snapshot file.
   *
   * @throws ConfigException if the file cannot be read, is not JSON, or is not an arb snapshot of a
   *     version this arb reads
   */
  public static MarketSnapshot read(Path path) {
    return read(path, InputLimits.defaults());
  }

  /** Reads a snapshot file within these limits (see {@link InputLimits}). */
  public static MarketSnapshot read(Path path, InputLimits limits) {
    return parse(InputFiles.text(path, limits), path.toString(), limits);
  }

  /** Reads a snapshot from a stream (e.g. a classpath resource); the stream is not closed. */
  public static MarketSnapshot read(InputStream in, String sourceName) {
    InputLimits limits = InputLimits.defaults();
    try {
      byte[] bytes = in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > limits.maxBytes()) {
        throw new ConfigException(
            "cannot read " + sourceName + ": " + limits.tooLarge(bytes.length, "it"));
      }
      return parse(new String(bytes, StandardCharsets.UTF_8), sourceName, limits);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + sourceName + ": " + e.getMessage(), e);
    }
  }

  /** Parses snapshot JSON text; {@code sourceName} is used in messages and as the source. */
  public static MarketSnapshot parse(String json, String sourceName) {
    return parse(json, sourceName, InputLimits.defaults());
  }

  /** Parses snapshot JSON text within these limits. */
  static MarketSnapshot parse(String json, String sourceName, InputLimits limits) {
    JsonNode root = InputFiles.json(json, sourceName, limits);
    JsonNode version = root.get("format_version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": not an arb snapshot (no integer \"format_version\"); give --format for other"
              + " formats");
    }
    if (version.intValue() < 1 || version.intValue() > ChainJson.FORMAT_VERSION) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": snapshot format_version "
              + version.intValue()
              + " is not supported (this arb reads 1 to "
              + ChainJson.FORMAT_VERSION
              + "); use a newer arb");
    }
    JsonNode exchanges = root.get("exchanges");
    if (exchanges == null && version.intValue() >= ChainJson.FORMAT_VERSION && root.has("chains")) {
      exchanges = InputFiles.JSON.createArrayNode();
    }
    if (exchanges == null || !exchanges.isArray()) {
      throw new ConfigException(
          "cannot read " + sourceName + ": \"exchanges\" must be an array of exchanges");
    }
    String src = root.hasNonNull("source") ? root.get("source").asText() : sourceName;
    SnapshotAssembler out = new SnapshotAssembler(src, limits);
    for (int e = 0; e < exchanges.size(); e++) {
      JsonNode ex = exchanges.get(e);
      String name = ex.path("name").asText("");
      if (name.isBlank()) {
        out.problem("exchanges[" + e + "]: no \"name\"; exchange left out");
        continue;
      }
      String badName = SnapshotAssembler.badExchangeName(name);
      if (badName != null) {
        out.problem("exchanges[" + e + "]: " + badName + "; exchange left out");
        continue;
      }
      JsonNode markets = ex.get("markets");
      if (markets == null || !markets.isArray()) {
        out.problem(name + ": \"markets\" must be an array; exchange left out");
        continue;
      }
      for (int m = 0; m < markets.size(); m++) {
        readMarket(name, m, markets.get(m), out);
      }
    }
    return ChainJson.addChains(out.build(), root, version.intValue(), limits);
  }

  private static void readMarket(String exchange, int index, JsonNode m, SnapshotAssembler out) {
    String where = exchange + ".markets[" + index + "]";
    Market market;
    Instant observedAt;
    try {
      market =
          new Market(
              exchange,
              Asset.of(text(m, "base")),
              Asset.of(text(m, "quote")),
              SnapshotAssembler.nonNegative(
                  InputFiles.decimalText(m.get("taker_fee")), "taker_fee", null),
              constraint(m, "lot_size"),
              constraint(m, "tick_size"),
              constraint(m, "min_amount"),
              constraint(m, "min_notional"));
      where = market.id();
      observedAt = Instant.parse(text(m, "observed_at"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      out.problem(where + ": " + e.getMessage() + "; market left out");
      return;
    }
    List<String[]> bids = new ArrayList<>();
    List<String[]> asks = new ArrayList<>();
    String bad = side(m.get("bids"), "bids", bids);
    if (bad == null) {
      bad = side(m.get("asks"), "asks", asks);
    }
    if (bad != null) {
      out.problem(where + ": " + bad + "; market left out");
      return;
    }
    out.add(market, bids, asks, observedAt, true);
  }

  private static String text(JsonNode m, String field) {
    JsonNode n = m.get(field);
    if (n == null || n.isNull() || !n.isValueNode()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return n.asText();
  }

  private static BigDecimal constraint(JsonNode m, String field) {
    return SnapshotAssembler.nonNegative(
        InputFiles.decimalText(m.get(field)), field, BigDecimal.ZERO);
  }

  /** Raw {@code [price, amount]} pairs of one side, or what is wrong with its shape. */
  static String side(JsonNode levels, String name, List<String[]> out) {
    if (levels == null || levels.isNull()) {
      return null;
    }
    if (!levels.isArray()) {
      return "\"" + name + "\" must be an array of [price, amount]";
    }
    for (int i = 0; i < levels.size(); i++) {
      JsonNode l = levels.get(i);
      if (!l.isArray() || l.size() != 2 || !l.get(0).isValueNode() || !l.get(1).isValueNode()) {
        return name + "[" + i + "] must be [price, amount]" + shape(l);
      }
      out.add(new String[] {InputFiles.decimalText(l.get(0)), InputFiles.decimalText(l.get(1))});
    }
    return null;
  }

  private static String shape(JsonNode l) {
    if (l.isArray()) {
      return l.size() == 2 ? ", got a list inside" : ", got " + l.size() + " elements";
    }
    return l.isObject() ? ", got an object" : ", got a single value";
  }

  /**
   * Writes the snapshot to a file (replacing it), through a temporary file in the same folder moved
   * into place, so a reader never sees half a file. Missing parent folders are created.
   *
   * @throws ArbException if it cannot be written
   */
  public static void write(MarketSnapshot snapshot, Path path) {
    Path target = path.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".snapshot-", ".tmp");
      try {
        Files.writeString(tmp, toJson(snapshot), StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ArbException("cannot write the snapshot " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The snapshot as JSON text: exchanges in order of first appearance, markets in snapshot order,
   * one book level per line. Problems are not written: only valid books are recorded.
   */
  public static String toJson(MarketSnapshot snapshot) {
    Map<String, List<OrderBook>> byExchange = new LinkedHashMap<>();
    for (OrderBook b : snapshot.books()) {
      byExchange.computeIfAbsent(b.market().exchange(), k -> new ArrayList<>()).add(b);
    }
    StringBuilder sb = new StringBuilder(1 << 12);
    boolean chains = !snapshot.chains().isEmpty();
    sb.append("{\n  \"format_version\": ")
        .append(chains ? ChainJson.FORMAT_VERSION : FORMAT_VERSION)
        .append(",\n");
    sb.append("  \"source\": ").append(quote(snapshot.source())).append(",\n");
    sb.append("  \"exchanges\": [");
    String exSep = "\n";
    for (Map.Entry<String, List<OrderBook>> e : byExchange.entrySet()) {
      sb.append(exSep).append("    {\n      \"name\": ").append(quote(e.getKey()));
      sb.append(",\n      \"markets\": [");
      String mSep = "\n";
      for (OrderBook b : e.getValue()) {
        Market m = b.market();
        sb.append(mSep).append("        {\n");
        field(sb, "base", m.base().code());
        field(sb, "quote", m.quote().code());
        field(sb, "taker_fee", m.takerFee().toPlainString());
        field(sb, "lot_size", m.lotSize().toPlainString());
        field(sb, "tick_size", m.tickSize().toPlainString());
        field(sb, "min_amount", m.minAmount().toPlainString());
        field(sb, "min_notional", m.minNotional().toPlainString());
        field(sb, "observed_at", b.observedAt().toString());
        levels(sb, "bids", b.bids());
        sb.append(",\n");
        levels(sb, "asks", b.asks());
        sb.append("\n        }");
        mSep = ",\n";
      }
      sb.append("\n      ]\n    }");
      exSep = ",\n";
    }
    sb.append(byExchange.isEmpty() ? "]" : "\n  ]");
    if (chains) {
      sb.append(",\n  \"chains\": ").append(ChainJson.toJson(snapshot.chains(), "  "));
    }
    sb.append("\n}\n");
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append("          \"").append(name).append("\": ").append(quote(value)).append(",\n");
  }

  private static void levels(StringBuilder sb, String name, List<BookLevel> levels) {
    sb.append("          \"").append(name).append("\": [");
    for (int i = 0; i < levels.size(); i++) {
      BookLevel l = levels.get(i);
      sb.append(i == 0 ? "\n            [" : ",\n            [");
      sb.append(quote(l.price().toPlainString())).append(", ");
      sb.append(quote(l.amount().toPlainString())).append(']');
    }
    sb.append(levels.isEmpty() ? "]" : "\n          ]");
  }

  private static String quote(String s) {
    try {
      return InputFiles.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a string as JSON", e);
    }
  }
}
