package dev.arb.defi.gasless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link SignedRequest}, what {@code arb defi sign} prints and {@code arb defi
 * relay} (and the daemon's {@code POST /relay}) read. Numbers that can pass 2^53 are decimal
 * strings:
 *
 * <pre>{@code
 * {"forwarder":{"name":"arb-gasless","version":"1","chain_id":31337,"address":"0x…"},
 *  "request":{"from":"0x…","to":"0x…","value":"0","gas":"100000","nonce":"0",
 *             "deadline":1764000000,"data":"0x…"},
 *  "signature":"0x…"}
 * }</pre>
 *
 * Requests signed before keys were snake_case have {@code chainId} in place of {@code chain_id};
 * they are read too.
 *
 * @param forwarder the EIP-712 domain: the forwarder it was signed for
 * @param request what the forwarder is asked to call
 * @param signature the 65-byte signature, 0x-hex
 */
public record SignedRequestJson(Forwarder forwarder, Request request, String signature) {

  /** The forwarder's EIP-712 domain. */
  public record Forwarder(String name, String version, long chainId, String address) {}

  /** The forward request: amounts of wei and gas and the nonce are decimal strings. */
  public record Request(
      String from,
      String to,
      BigInteger value,
      BigInteger gas,
      BigInteger nonce,
      long deadline,
      String data) {}

  /** The JSON form of {@code s}. */
  public static SignedRequestJson of(SignedRequest s) {
    return new SignedRequestJson(
        new Forwarder(
            s.domain().name(),
            s.domain().version(),
            s.domain().chainId(),
            s.domain().verifyingContract()),
        new Request(
            s.request().from(),
            s.request().to(),
            s.request().value(),
            s.request().gas(),
            s.request().nonce(),
            s.request().deadline(),
            s.request().data()),
        s.signature());
  }

  /** {@code s} as a JSON tree. */
  public static JsonNode toJson(SignedRequest s) {
    return Json.toTree(of(s));
  }

  /**
   * Reads one signed request, or a JSON array of them (a batch).
   *
   * @param where names the input in error messages, e.g. the file
   * @throws ConfigException if the array is empty or a request is malformed
   */
  public static List<SignedRequest> fromJsonAll(JsonNode input, String where) {
    List<SignedRequest> requests = new ArrayList<>();
    if (!input.isArray()) {
      requests.add(fromJson(input, where));
      return requests;
    }
    for (int i = 0; i < input.size(); i++) {
      requests.add(fromJson(input.get(i), where + "[" + i + "]"));
    }
    if (requests.isEmpty()) {
      throw new ConfigException("gasless: " + where + " holds an empty array");
    }
    return requests;
  }

  /**
   * Reads the JSON form.
   *
   * @param where names the input in error messages, e.g. the file
   * @throws ConfigException if a field is missing or malformed
   */
  public static SignedRequest fromJson(JsonNode o, String where) {
    try {
      JsonNode d = o.path("forwarder");
      JsonNode r = o.path("request");
      return new SignedRequest(
          new ForwarderDomain(
              text(d, "name", where),
              text(d, "version", where),
              number(d, d.has("chainId") && !d.has("chain_id") ? "chainId" : "chain_id", where)
                  .longValueExact(),
              text(d, "address", where)),
          new ForwardRequest(
              text(r, "from", where),
              text(r, "to", where),
              number(r, "value", where),
              number(r, "gas", where),
              number(r, "nonce", where),
              number(r, "deadline", where).longValueExact(),
              text(r, "data", where)),
          text(o, "signature", where));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ConfigException(
          "gasless: " + where + ": not a valid signed request: " + e.getMessage());
    }
  }

  private static String text(JsonNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new ConfigException("gasless: " + where + ": missing text field " + field);
    }
    return v.asText();
  }

  private static BigInteger number(JsonNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v != null && v.isIntegralNumber()) {
      return v.bigIntegerValue();
    }
    if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,78}")) {
      return new BigInteger(v.asText());
    }
    throw new ConfigException(
        "gasless: " + where + ": field " + field + " must be a non-negative integer");
  }
}
