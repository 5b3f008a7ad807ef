package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The signed request's JSON form: snake_case now, and files signed before are still read. */
class SignedRequestJsonTest {
  private static final String FORWARDER = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String FROM = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String TO = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
  private static final String SIGNATURE = "0x" + "ab".repeat(65);

  private static SignedRequest request() {
    return new SignedRequest(
        new ForwarderDomain("arb-gasless", "1", 31337, FORWARDER),
        new ForwardRequest(
            FROM,
            TO,
            BigInteger.ZERO,
            BigInteger.valueOf(100_000),
            new BigInteger("18446744073709551617"),
            1_764_000_000L,
            "0xd09de08a"),
        SIGNATURE);
  }

  @Test
  void writesSnakeCaseKeysAndLargeIntegersAsStrings() {
    assertThat(Json.write(SignedRequestJson.of(request())))
        .isEqualTo(
            "{\"forwarder\":{\"name\":\"arb-gasless\",\"version\":\"1\",\"chain_id\":31337,"
                + "\"address\":\""
                + FORWARDER
                + "\"},\"request\":{\"from\":\""
                + FROM
                + "\",\"to\":\""
                + TO
                + "\",\"value\":\"0\",\"gas\":\"100000\",\"nonce\":\"18446744073709551617\","
                + "\"deadline\":1764000000,\"data\":\"0xd09de08a\"},\"signature\":\""
                + SIGNATURE
                + "\"}");
  }

  @Test
  void readsWhatItWritesAndRequestsSignedBeforeWithChainIdInCamelCase() throws Exception {
    String now = Json.write(SignedRequestJson.of(request()));
    assertThat(SignedRequestJson.fromJson(Json.tree(now), "now")).isEqualTo(request());
    String before = now.replace("\"chain_id\"", "\"chainId\"");
    assertThat(SignedRequestJson.fromJson(Json.tree(before), "before")).isEqualTo(request());
  }

  @Test
  void aMissingChainIdIsNamedInSnakeCase() throws Exception {
    String none = Json.write(SignedRequestJson.of(request())).replace("\"chain_id\":31337,", "");
    assertThatThrownBy(() -> SignedRequestJson.fromJson(Json.tree(none), "req.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("gasless: req.json: field chain_id must be a non-negative integer");
  }

  @Test
  void readsABatchAndRefusesAnEmptyOne() throws Exception {
    String one = Json.write(SignedRequestJson.of(request()));
    assertThat(SignedRequestJson.fromJsonAll(Json.tree("[" + one + "," + one + "]"), "b"))
        .containsExactly(request(), request());
    assertThat(SignedRequestJson.fromJsonAll(Json.tree(one), "b")).containsExactly(request());
    assertThatThrownBy(() -> SignedRequestJson.fromJsonAll(Json.tree("[]"), "stdin"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("gasless: stdin holds an empty array");
    assertThatThrownBy(() -> SignedRequestJson.fromJsonAll(Json.tree("[" + one + ",{}]"), "f"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("f[1]");
  }
}
