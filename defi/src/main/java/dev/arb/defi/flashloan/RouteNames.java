package dev.arb.defi.flashloan;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

/**
 * Names for a route given by addresses only (the {@code arb defi flashloan} command line), read
 * from the chain in one JSON-RPC batch: each token's {@code symbol()} and {@code decimals()}, each
 * pair's or pool's {@code factory()} (the DEX it belongs to). Labels are {@code
 * uniswap-v2:<factory>} for pairs, {@code uniswap-v3:<factory>} for V3 pools and {@code
 * <source>:<address>} for the lender.
 *
 * <p>What a token says about itself is not trusted: a symbol that is not short plain text is
 * replaced by the address. If the reads fail, the names are the addresses and amounts are recorded
 * in base units (decimals 0), so a record can still be written.
 */
public final class RouteNames {
  private static final Logger LOG = LoggerFactory.getLogger(RouteNames.class);
  private static final Pattern PLAIN_SYMBOL = Pattern.compile("[A-Za-z0-9.+_-]{1,16}");

  private RouteNames() {}

  /** Reads the names of {@code route}'s tokens and pairs; never fails. */
  public static FlashLoanRecords.Names read(ChainClient chain, FlashRoute route) {
    Map<String, String> venues = new LinkedHashMap<>();
    venues.put(
        route.lender(), route.source().name().toLowerCase(Locale.ROOT) + ":" + route.lender());
    Set<String> tokens = new LinkedHashSet<>(route.path());
    Set<String> pairs = new LinkedHashSet<>(route.pairs());
    List<Map.Entry<String, String>> calls = new ArrayList<>();
    for (String t : tokens) {
      calls.add(Map.entry(t, call("symbol")));
      calls.add(Map.entry(t, call("decimals")));
    }
    for (String p : pairs) {
      calls.add(Map.entry(p, call("factory")));
    }
    List<String> out;
    try {
      out = chain.viewBatch(calls);
    } catch (ChainException e) {
      LOG.warn("route names not readable, recording addresses and base units: {}", e.getMessage());
      return new FlashLoanRecords.Names(Map.of(), venues, 0);
    }
    Map<String, String> symbols = new LinkedHashMap<>();
    int decimals = 0;
    int i = 0;
    for (String t : tokens) {
      String symbol = symbol(out.get(i++));
      if (symbol != null) {
        symbols.put(t, symbol);
      }
      Integer d = decimals(out.get(i++));
      if (t.equals(route.token())) {
        if (d == null) {
          // amounts in base units, and the symbol says so
          symbols.put(t, t);
          decimals = 0;
        } else {
          decimals = d;
        }
      }
    }
    for (String p : pairs) {
      String factory = address(out.get(i++));
      venues.put(p, factory == null ? p : dex(route, p) + ":" + factory);
    }
    return new FlashLoanRecords.Names(symbols, venues, decimals);
  }

  /** {@code uniswap-v3} for a V3 hop's pool, {@code uniswap-v2} for a V2-style pair. */
  private static String dex(FlashRoute route, String pool) {
    boolean v3 =
        route.hops().stream()
            .anyMatch(h -> h.pool().equals(pool) && h.kind() == FlashRoute.HopKind.UNISWAP_V3);
    return v3 ? "uniswap-v3" : "uniswap-v2";
  }

  private static String call(String name) {
    return FunctionEncoder.encode(new Function(name, List.of(), List.of()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> decode(String data, TypeReference<?> type) {
    return FunctionReturnDecoder.decode(data, (List) List.of(type));
  }

  /** A string symbol, or a bytes32 one (older tokens); {@code null} unless plain and short. */
  static String symbol(String data) {
    String s = null;
    try {
      List<Type> t = decode(data, new TypeReference<Utf8String>() {});
      s = t.isEmpty() ? null : (String) t.get(0).getValue();
    } catch (RuntimeException e) {
      // not an ABI string: try bytes32 below
    }
    if (s == null || s.isEmpty()) {
      try {
        byte[] b = Numeric.hexStringToByteArray(data);
        if (b.length == 32) {
          int n = 0;
          while (n < b.length && b[n] != 0) {
            n++;
          }
          s = new String(b, 0, n, StandardCharsets.US_ASCII);
        }
      } catch (RuntimeException e) {
        s = null;
      }
    }
    return s != null && PLAIN_SYMBOL.matcher(s).matches() ? s : null;
  }

  /** {@code decimals()} of a token, {@code null} if not a uint8 up to 36. */
  @SuppressWarnings("rawtypes")
  static Integer decimals(String data) {
    try {
      List<Type> t = decode(data, new TypeReference<Uint8>() {});
      if (t.isEmpty()) {
        return null;
      }
      BigInteger d = (BigInteger) t.get(0).getValue();
      return d.compareTo(BigInteger.valueOf(36)) <= 0 ? d.intValue() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("rawtypes")
  private static String address(String data) {
    try {
      List<Type> t = decode(data, new TypeReference<Address>() {});
      if (t.isEmpty()) {
        return null;
      }
      String a = ((String) t.get(0).getValue()).toLowerCase(Locale.ROOT);
      return a.equals(ChainClient.ZERO_ADDRESS) ? null : a;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
