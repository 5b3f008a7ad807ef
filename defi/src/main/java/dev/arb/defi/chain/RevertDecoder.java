package dev.arb.defi.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into text a person can act on: {@code Error(string)}, {@code Panic(uint256)}
 * and the custom errors declared in the ABIs it was given (e.g. {@code
 * ProfitBelowMinimum(routeIndex=0, profit=5, minProfit=10)}).
 */
public final class RevertDecoder {
  private static final String ERROR_STRING = "0x08c379a0";
  private static final String PANIC = "0x4e487b71";

  private record CustomError(String name, List<String> names, List<String> types) {}

  private final Map<String, CustomError> errors = new HashMap<>();

  /** A decoder knowing only the built-in {@code Error(string)} and {@code Panic(uint256)}. */
  public RevertDecoder() {}

  /** Adds every {@code error} entry of a contract ABI (JSON array). Returns this. */
  public RevertDecoder withAbi(JsonNode abi) {
    for (JsonNode item : abi) {
      if (!"error".equals(item.path("type").asText())) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (JsonNode in : item.path("inputs")) {
        names.add(in.path("name").asText());
        types.add(in.path("type").asText());
      }
      String signature = item.path("name").asText() + "(" + String.join(",", types) + ")";
      String selector = Hash.sha3String(signature).substring(0, 10);
      errors.put(selector, new CustomError(item.path("name").asText(), names, types));
    }
    return this;
  }

  /**
   * Decodes revert data (0x-hex). Falls back to the raw hex if the selector is unknown, and to
   * {@code fallback} if there is no data at all.
   */
  public String decode(String data, String fallback) {
    if (data == null || data.length() < 10) {
      return fallback == null || fallback.isBlank() ? "reverted without a reason" : fallback;
    }
    String hex = data.toLowerCase(Locale.ROOT);
    String selector = hex.substring(0, 10);
    String body = "0x" + hex.substring(10);
    try {
      if (selector.equals(ERROR_STRING)) {
        return decodeArgs(body, List.of("string")).get(0).toString();
      }
      if (selector.equals(PANIC)) {
        BigInteger code = (BigInteger) decodeArgs(body, List.of("uint256")).get(0);
        return "Panic(0x" + code.toString(16) + ")";
      }
      CustomError e = errors.get(selector);
      if (e != null) {
        List<Object> values = decodeArgs(body, e.types());
        StringBuilder sb = new StringBuilder(e.name()).append('(');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          String n = e.names().get(i);
          if (!n.isEmpty()) {
            sb.append(n).append('=');
          }
          sb.append(values.get(i));
        }
        return sb.append(')').toString();
      }
    } catch (RuntimeException | ClassNotFoundException ex) {
      return "undecodable revert data " + data;
    }
    return "unknown error " + data;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Object> decodeArgs(String body, List<String> types)
      throws ClassNotFoundException {
    List<TypeReference<Type>> refs = new ArrayList<>();
    for (String t : types) {
      refs.add(TypeReference.makeTypeReference(t));
    }
    List<Type> decoded = FunctionReturnDecoder.decode(body, refs);
    if (decoded.size() != types.size()) {
      throw new IllegalArgumentException("expected " + types.size() + " values");
    }
    List<Object> values = new ArrayList<>();
    for (Type v : decoded) {
      Object value = v.getValue();
      values.add(value instanceof byte[] b ? Numeric.toHexString(b) : value);
    }
    return values;
  }
}
