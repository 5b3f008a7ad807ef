package dev.arb.engine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.PoolKind;
import dev.arb.engine.model.Token;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code chains} section of arb's snapshot format, version {@value #FORMAT_VERSION}: reader and
 * writer. A chain has {@code name}, {@code chain_id}, optional {@code block}, {@code observed_at},
 * optional {@code native_token} (the wrapped native token, to value gas), {@code tokens} ({@code
 * address}, {@code symbol}, {@code decimals}) and {@code pools} ({@code address}, {@code dex},
 * {@code kind}, {@code fee}, {@code token0}, {@code token1}, and for {@code constant-product} the
 * integer {@code reserve0}, {@code reserve1} in smallest units; for {@code concentrated} (Uniswap
 * V3) {@code tick_spacing}, {@code sqrt_price_x96}, {@code tick}, {@code liquidity}, {@code
 * tick_range} [lowest, highest] and {@code ticks}, the initialized ticks of that range as {@code
 * index} and signed {@code liquidity_net}, sorted). Addresses are compared case-insensitively and
 * written checksummed; big integers are written as strings.
 *
 * <p>Bad input is reported and left out, as bad books are: a token with a bad address, symbol or
 * decimals, or listed twice; a pool with a bad address, an unknown kind, a fee outside {@code [0,
 * 1)}, a token missing from {@code tokens}, a missing, non-integer, zero or oversized reserve, or
 * an address listed twice; a concentrated pool whose ticks are unsorted, duplicated, outside {@code
 * tick_range} or off its spacing, whose {@code liquidity_net} does not add up with {@code
 * liquidity}, whose price lies outside its tick, or whose fee is not a whole number of pips. Each
 * line names the chain and the pool, e.g. {@code ethereum:0xB4e1…: zero reserve0; pool left out}. A
 * chain without a name, chain id or observation time is left out whole.
 */
public final class ChainJson {
  /** The snapshot format version that has chains, and the newest arb reads. */
  public static final int FORMAT_VERSION = 2;

  private ChainJson() {}

  /**
   * The snapshot read from a document's exchanges, with the chains of its {@code chains} section
   * added (version 2 and later) and their problems reported.
   *
   * @throws ConfigException if {@code chains} is present but not an array
   */
  static MarketSnapshot addChains(
      MarketSnapshot books, JsonNode root, int version, InputLimits limits) {
    JsonNode chains = root.get("chains");
    if (chains == null || chains.isNull()) {
      return books;
    }
    List<String> problems = new ArrayList<>();
    if (version < FORMAT_VERSION) {
      problems.add(
          "chains: a version-" + version + " snapshot has no chains; set format_version to 2");
      return books.withProblems(problems);
    }
    if (!chains.isArray()) {
      throw new ConfigException(
          "cannot read " + books.source() + ": \"chains\" must be an array of chains");
    }
    int pools = 0;
    for (JsonNode c : chains) {
      JsonNode p = c.get("pools");
      pools += p == null ? 0 : p.size();
    }
    if (pools + books.books().size() > limits.maxMarkets()) {
      throw new ConfigException(
          "cannot read "
              + books.source()
              + ": "
              + (pools + books.books().size())
              + " markets and pools, more than the "
              + limits.maxMarkets()
              + " this heap reads safely (raise it with ARB_JAVA_OPTS=-Xmx...)");
    }
    List<ChainSnapshot> read = read(chains, problems, limits);
    return books.withChains(read).withProblems(problems);
  }

  /** The valid chains of a {@code chains} array; a line in {@code problems} per thing left out. */
  static List<ChainSnapshot> read(JsonNode chains, List<String> problems) {
    return read(chains, problems, InputLimits.defaults());
  }

  /** As {@link #read(JsonNode, List)}, judging observation times by {@code limits}. */
  static List<ChainSnapshot> read(JsonNode chains, List<String> problems, InputLimits limits) {
    List<ChainSnapshot> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < chains.size(); i++) {
      JsonNode c = chains.get(i);
      String where = "chains[" + i + "]";
      if (!c.isObject()) {
        problems.add(where + ": must be an object; chain left out");
        continue;
      }
      String name;
      long chainId;
      OptionalLong block;
      Instant observedAt;
      try {
        name = text(c, "name").toLowerCase(java.util.Locale.ROOT);
        where = name;
        chainId = wholeNumber(c.get("chain_id"), "chain_id");
        if (chainId <= 0) {
          throw new IllegalArgumentException("chain_id must be positive, got " + chainId);
        }
        JsonNode b = c.get("block");
        block =
            b == null || b.isNull()
                ? OptionalLong.empty()
                : OptionalLong.of(wholeNumber(b, "block"));
        if (block.isPresent() && block.getAsLong() < 0) {
          throw new IllegalArgumentException("block must not be negative");
        }
        observedAt = Instant.parse(text(c, "observed_at"));
        String implausible = limits.implausibleTime(observedAt);
        if (implausible != null) {
          throw new IllegalArgumentException(implausible);
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        problems.add(where + ": " + e.getMessage() + "; chain left out");
        continue;
      }
      if (!names.add(name)) {
        problems.add(name + ": chain listed twice; the second is left out");
        continue;
      }
      Optional<String> nativeToken = Optional.empty();
      JsonNode nt = c.get("native_token");
      if (nt != null && !nt.isNull()) {
        if (nt.isTextual() && Addresses.isAddress(nt.textValue())) {
          nativeToken = Optional.of(Addresses.normalise(nt.textValue()));
        } else {
          problems.add(
              name + ": native_token " + nt + " is not an address; gas cannot be valued on it");
        }
      }
      Map<String, Token> tokens = tokens(name, c.get("tokens"), problems);
      List<Pool> pools = pools(name, c.get("pools"), tokens, problems);
      out.add(
          new ChainSnapshot(
              name, chainId, block, observedAt, nativeToken, List.copyOf(tokens.values()), pools));
    }
    return out;
  }

  private static Map<String, Token> tokens(String chain, JsonNode tokens, List<String> problems) {
    Map<String, Token> out = new LinkedHashMap<>();
    if (tokens == null || !tokens.isArray()) {
      problems.add(chain + ": \"tokens\" must be an array of tokens; its pools are left out");
      return out;
    }
    Map<String, Integer> count = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode t = tokens.get(i);
      try {
        if (!t.isObject()) {
          throw new IllegalArgumentException("must be an object");
        }
        String address = address(t, "address");
        long decimals = wholeNumber(t.get("decimals"), "decimals");
        if (decimals < 0 || decimals > Token.MAX_DECIMALS) {
          throw new IllegalArgumentException(
              "decimals must be 0 to " + Token.MAX_DECIMALS + ", got " + decimals);
        }
        Token token = Token.of(chain, address, text(t, "symbol"), (int) decimals);
        if (count.merge(token.address(), 1, Integer::sum) == 1) {
          out.put(token.address(), token);
        }
      } catch (IllegalArgumentException e) {
        problems.add(chain + ": tokens[" + i + "]: " + e.getMessage() + "; token left out");
      }
    }
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() > 1) {
        out.remove(e.getKey());
        problems.add(
            chain
                + ": token "
                + Addresses.shortForm(e.getKey(), 4)
                + " listed "
                + e.getValue()
                + " times; token left out");
      }
    }
    return out;
  }

  private static List<Pool> pools(
      String chain, JsonNode pools, Map<String, Token> tokens, List<String> problems) {
    List<Pool> out = new ArrayList<>();
    if (pools == null || !pools.isArray()) {
      problems.add(chain + ": \"pools\" must be an array of pools; no pools read");
      return out;
    }
    Map<String, Integer> count = new HashMap<>();
    Map<String, Pool> valid = new LinkedHashMap<>();
    for (int i = 0; i < pools.size(); i++) {
      JsonNode p = pools.get(i);
      String where = chain + ": pools[" + i + "]";
      try {
        if (!p.isObject()) {
          throw new IllegalArgumentException("must be an object");
        }
        String address = Addresses.normalise(address(p, "address"));
        where = chain + ":" + Addresses.shortForm(address, 4);
        if (count.merge(address, 1, Integer::sum) > 1) {
          continue;
        }
        valid.put(address, pool(chain, address, p, tokens));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage() + "; pool left out");
      }
    }
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() > 1) {
        valid.remove(e.getKey());
        problems.add(
            chain
                + ":"
                + Addresses.shortForm(e.getKey(), 4)
                + ": duplicate pool ("
                + e.getValue()
                + " entries); pool left out");
      }
    }
    out.addAll(valid.values());
    return out;
  }

  private static Pool pool(String chain, String address, JsonNode p, Map<String, Token> tokens) {
    String kindText = text(p, "kind");
    PoolKind kind =
        PoolKind.fromCode(kindText)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "kind '" + kindText + "' is not supported (" + PoolKind.codes() + ")"));
    String dex = text(p, "dex");
    BigDecimal fee = fee(p);
    Token token0 = token(p, "token0", tokens);
    Token token1 = token(p, "token1", tokens);
    if (token0.equals(token1)) {
      throw new IllegalArgumentException("token0 and token1 are the same token");
    }
    switch (kind) {
      case CONSTANT_PRODUCT:
        return new ConstantProductPool(
            chain,
            address,
            dex,
            token0,
            token1,
            reserve(p, "reserve0"),
            reserve(p, "reserve1"),
            fee);
      case CONCENTRATED:
        return concentrated(chain, address, dex, token0, token1, fee, p);
      default:
        throw new IllegalStateException("unhandled pool kind " + kind);
    }
  }

  /**
   * A {@code concentrated} pool: {@code tick_spacing}, {@code sqrt_price_x96}, {@code tick}, {@code
   * liquidity}, {@code ticks} ({@code index}, {@code liquidity_net}) and {@code tick_range}.
   */
  private static Pool concentrated(
      String chain, String address, String dex, Token t0, Token t1, BigDecimal fee, JsonNode p) {
    long spacing = wholeNumber(p.get("tick_spacing"), "tick_spacing");
    if (spacing < 1 || spacing > ConcentratedPool.MAX_TICK_SPACING) {
      throw new IllegalArgumentException(
          "tick_spacing must be 1 to " + ConcentratedPool.MAX_TICK_SPACING + ", got " + spacing);
    }
    BigInteger sqrtPrice = integer(p.get("sqrt_price_x96"), "sqrt_price_x96", false);
    int tick = tickIndex(p.get("tick"), "tick");
    BigInteger liquidity = integer(p.get("liquidity"), "liquidity", false);
    JsonNode range = p.get("tick_range");
    if (range == null || !range.isArray() || range.size() != 2) {
      throw new IllegalArgumentException(
          "tick_range must be [lowest, highest], the ticks the list covers");
    }
    ConcentratedPool.TickRange tickRange =
        new ConcentratedPool.TickRange(
            tickIndex(range.get(0), "tick_range[0]"), tickIndex(range.get(1), "tick_range[1]"));
    JsonNode list = p.get("ticks");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(
          "ticks must be an array of {\"index\", \"liquidity_net\"} (empty when none)");
    }
    List<ConcentratedPool.Tick> ticks = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      if (!t.isObject()) {
        throw new IllegalArgumentException("ticks[" + i + "] must be an object");
      }
      ticks.add(
          new ConcentratedPool.Tick(
              tickIndex(t.get("index"), "ticks[" + i + "].index"),
              integer(t.get("liquidity_net"), "ticks[" + i + "].liquidity_net", true)));
    }
    return new ConcentratedPool(
        chain,
        address,
        dex,
        t0,
        t1,
        fee,
        (int) spacing,
        sqrtPrice,
        tick,
        liquidity,
        ticks,
        tickRange);
  }

  private static int tickIndex(JsonNode v, String field) {
    long t = wholeNumber(v, field);
    if (t < Integer.MIN_VALUE || t > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " " + t + " is not a tick");
    }
    return (int) t;
  }

  /** A whole number given as a JSON integer or a string of digits (at most 80). */
  private static BigInteger integer(JsonNode n, String field, boolean signed) {
    String text;
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException(field + " is missing");
    } else if (n.isIntegralNumber()) {
      text = n.bigIntegerValue().toString();
    } else if (n.isTextual()) {
      text = n.textValue().trim();
    } else {
      throw new IllegalArgumentException(field + " must be a whole number, got " + n);
    }
    if (!text.matches(signed ? "-?[0-9]{1,80}" : "[0-9]{1,80}")) {
      throw new IllegalArgumentException(
          field
              + " '"
              + text
              + "' is not a whole number"
              + (signed ? "" : " of at least 0")
              + " (an integer string such as \"123\")");
    }
    return new BigInteger(text);
  }

  private static BigDecimal fee(JsonNode p) {
    String text = InputFiles.decimalText(p.get("fee"));
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("fee is missing");
    }
    BigDecimal fee = StrictNumbers.decimal(text.trim(), "fee");
    if (fee.signum() < 0 || fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "fee must be in [0, 1) (0.003 is 0.3 %), got " + fee.toPlainString());
    }
    if (fee.stripTrailingZeros().scale() > 18) {
      throw new IllegalArgumentException(
          "fee " + fee.toPlainString() + " has more than 18 decimal places");
    }
    return fee;
  }

  private static Token token(JsonNode p, String field, Map<String, Token> tokens) {
    String address = Addresses.normalise(address(p, field));
    Token t = tokens.get(address);
    if (t == null) {
      throw new IllegalArgumentException(
          field + " " + Addresses.shortForm(address, 4) + " is not in the chain's tokens");
    }
    return t;
  }

  private static BigInteger reserve(JsonNode p, String field) {
    JsonNode n = p.get(field);
    String text;
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException(field + " is missing");
    } else if (n.isIntegralNumber()) {
      text = n.bigIntegerValue().toString();
    } else if (n.isTextual()) {
      text = n.textValue().trim();
    } else {
      throw new IllegalArgumentException(field + " must be an integer in smallest units, got " + n);
    }
    if (!text.matches("[0-9]{1,80}")) {
      throw new IllegalArgumentException(
          field + " '" + text + "' is not a whole number of smallest units");
    }
    BigInteger r = new BigInteger(text);
    if (r.signum() == 0) {
      throw new IllegalArgumentException("zero " + field);
    }
    if (r.compareTo(ConstantProductPool.RESERVE_LIMIT) >= 0) {
      throw new IllegalArgumentException(field + " " + text + " does not fit a uint112");
    }
    return r;
  }

  private static String address(JsonNode n, String field) {
    String text = text(n, field);
    if (!Addresses.isAddress(text)) {
      throw new IllegalArgumentException(
          field + " '" + text + "' is not an address (0x and 40 hex digits)");
    }
    return text;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return v.asText().trim();
  }

  private static long wholeNumber(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    String text = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asText().trim();
    if (!text.matches("-?[0-9]{1,18}")) {
      throw new IllegalArgumentException(field + " must be a whole number, got " + v);
    }
    return Long.parseLong(text);
  }

  /** The {@code chains} array as JSON text, indented for the snapshot document at {@code ind}. */
  static String toJson(List<ChainSnapshot> chains, String ind) {
    StringBuilder sb = new StringBuilder("[");
    String sep = "\n";
    for (ChainSnapshot c : chains) {
      String i1 = ind + "  ";
      String i2 = i1 + "  ";
      sb.append(sep).append(i1).append("{\n");
      sb.append(i2).append("\"name\": ").append(quote(c.name())).append(",\n");
      sb.append(i2).append("\"chain_id\": ").append(c.chainId()).append(",\n");
      if (c.block().isPresent()) {
        sb.append(i2).append("\"block\": ").append(c.block().getAsLong()).append(",\n");
      }
      sb.append(i2).append("\"observed_at\": ").append(quote(c.observedAt().toString()));
      if (c.nativeToken().isPresent()) {
        sb.append(",\n")
            .append(i2)
            .append("\"native_token\": ")
            .append(quote(Addresses.checksum(c.nativeToken().get())));
      }
      sb.append(",\n").append(i2).append("\"tokens\": [");
      String tSep = "\n";
      for (Token t : c.tokens()) {
        sb.append(tSep)
            .append(i2)
            .append("  {\"address\": ")
            .append(quote(t.checksumAddress()))
            .append(", \"symbol\": ")
            .append(quote(t.symbol()))
            .append(", \"decimals\": ")
            .append(t.decimals())
            .append('}');
        tSep = ",\n";
      }
      sb.append(c.tokens().isEmpty() ? "]" : "\n" + i2 + "]");
      sb.append(",\n").append(i2).append("\"pools\": [");
      String pSep = "\n";
      for (Pool p : c.pools()) {
        sb.append(pSep).append(i2).append("  {");
        sb.append("\"address\": ").append(quote(Addresses.checksum(p.address())));
        sb.append(", \"dex\": ").append(quote(p.dex()));
        sb.append(", \"kind\": ").append(quote(p.kind().code()));
        sb.append(", \"fee\": ").append(quote(p.fee().toPlainString()));
        sb.append(",\n")
            .append(i2)
            .append("   \"token0\": ")
            .append(quote(p.token0().checksumAddress()));
        sb.append(", \"token1\": ").append(quote(p.token1().checksumAddress()));
        if (p instanceof ConstantProductPool cp) {
          sb.append(",\n")
              .append(i2)
              .append("   \"reserve0\": ")
              .append(quote(cp.reserve0().toString()));
          sb.append(", \"reserve1\": ").append(quote(cp.reserve1().toString()));
        } else if (p instanceof ConcentratedPool cl) {
          concentratedJson(sb, cl, i2 + "   ");
        }
        sb.append('}');
        pSep = ",\n";
      }
      sb.append(c.pools().isEmpty() ? "]" : "\n" + i2 + "]");
      sb.append('\n').append(i1).append('}');
      sep = ",\n";
    }
    sb.append(chains.isEmpty() ? "]" : "\n" + ind + "]");
    return sb.toString();
  }

  private static void concentratedJson(StringBuilder sb, ConcentratedPool p, String ind) {
    sb.append(",\n").append(ind).append("\"tick_spacing\": ").append(p.tickSpacing());
    sb.append(", \"sqrt_price_x96\": ").append(quote(p.sqrtPriceX96().toString()));
    sb.append(", \"tick\": ").append(p.tick());
    sb.append(", \"liquidity\": ").append(quote(p.liquidity().toString()));
    sb.append(",\n").append(ind).append("\"tick_range\": [");
    sb.append(p.tickRange().lowest()).append(", ").append(p.tickRange().highest()).append(']');
    sb.append(", \"ticks\": [");
    String sep = "";
    for (ConcentratedPool.Tick t : p.ticks()) {
      sb.append(sep).append("\n").append(ind).append("  {\"index\": ").append(t.index());
      sb.append(", \"liquidity_net\": ").append(quote(t.liquidityNet().toString())).append('}');
      sep = ",";
    }
    sb.append(p.ticks().isEmpty() ? "]" : "\n" + ind + "]");
  }

  private static String quote(String s) {
    try {
      return InputFiles.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a string as JSON", e);
    }
  }
}
