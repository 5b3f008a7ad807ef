package dev.arb.defi.gasless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.error.ConfigException;
import java.math.BigInteger;

/**
 * The JSON form of a {@link SignedRequest}, what {@code arb defi sign} prints and {@code arb defi
 * relay} reads. Numbers that can pass 2^53 are decimal strings:
 *
 * <pre>{@code
 * {"forwarder":{"name":"arb-gasless","version":"1","chainId":31337,"address":"0x…"},
 *  "request":{"from":"0x…","to":"0x…","value":"0","gas":"100000","nonce":"0",
 *             "deadline":1764000000,"data":"0x…"},
 *  "signature":"0x…"}
 * }</pre>
 */
public final class SignedRequestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedRequestJson() {}

  /** {@code s} as a JSON object. */
  public static ObjectNode toJson(SignedRequest s) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode d = o.putObject("forwarder");
    d.put("name", s.domain().name());
    d.put("version", s.domain().version());
    d.put("chainId", s.domain().chainId());
    d.put("address", s.domain().verifyingContract());
    ObjectNode r = o.putObject("request");
    r.put("from", s.request().from());
    r.put("to", s.request().to());
    r.put("value", s.request().value().toString());
    r.put("gas", s.request().gas().toString());
    r.put("nonce", s.request().nonce().toString());
    r.put("deadline", s.request().deadline());
    r.put("data", s.request().data());
    o.put("signature", s.signature());
    return o;
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
              number(d, "chainId", where).longValueExact(),
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
