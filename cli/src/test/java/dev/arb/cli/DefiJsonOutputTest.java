package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.ForwarderDomain;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON and text of the defi commands' reports and of relay outcomes: keys and their order. */
class DefiJsonOutputTest {
  private static final String ZERO = "0x0000000000000000000000000000000000000000";
  private static final String FROM = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String TO = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";

  private static DefiContractReport.Settings settings(List<String> factories) {
    return new DefiContractReport.Settings(
        "0xi", BigInteger.valueOf(4), ZERO, "0xo", "0xe", "0xb", "0xa", factories, List.of("0xv3"));
  }

  private static String print(Object o, boolean json) {
    StringWriter s = new StringWriter();
    DefiContractReport.print(new PrintWriter(s), o, json);
    return s.toString();
  }

  @Test
  void deployPrintsTheSettingsInlineInSnakeCase() {
    assertThat(
            print(
                new DefiContractReport.Deployed(31337, "0xp", settings(List.of("0xf1", "0xf2"))),
                true))
        .isEqualTo(
            "{\"chain_id\":31337,\"proxy\":\"0xp\",\"implementation\":\"0xi\",\"version\":\"4\","
                + "\"trusted_forwarder\":\""
                + ZERO
                + "\",\"owner\":\"0xo\",\"executor\":\"0xe\",\"balancer_vault\":\"0xb\","
                + "\"aave_pool\":\"0xa\",\"allowed_factories\":[\"0xf1\",\"0xf2\"],"
                + "\"allowed_v3_factories\":[\"0xv3\"]}\n");
  }

  @Test
  void upgradeKeepsItsOrderAroundTheSettings() throws Exception {
    var j =
        Json.tree(
            print(
                new DefiContractReport.Upgraded(
                    "0xp", "0xold", BigInteger.ONE, true, settings(List.of()), BigInteger.TEN),
                true));
    List<String> keys = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "proxy",
            "previous_implementation",
            "previous_version",
            "upgraded",
            "implementation",
            "version",
            "trusted_forwarder",
            "owner",
            "executor",
            "balancer_vault",
            "aave_pool",
            "allowed_factories",
            "allowed_v3_factories",
            "executions");
    assertThat(j.get("executions").asText()).isEqualTo("10");
  }

  @Test
  void theTextFormUsesTheSameNamesAlignedForPeople() {
    assertThat(
            print(
                new DefiContractReport.Factories(
                    "0xp",
                    List.of("0xf"),
                    List.of(),
                    List.of("0xf"),
                    List.of(),
                    List.of("0xv"),
                    List.of()),
                false))
        .isEqualTo(
            "proxy:                0xp\n"
                + "allowed:              0xf\n"
                + "disallowed:           none\n"
                + "allowed factories:    0xf\n"
                + "allowed v3:           none\n"
                + "disallowed v3:        0xv\n"
                + "allowed v3 factories: none\n");
  }

  private static SignedRequest request() {
    return new SignedRequest(
        new ForwarderDomain("arb-gasless", "1", 31337, ZERO.replace("0x00", "0x11")),
        new ForwardRequest(
            FROM,
            TO,
            BigInteger.ZERO,
            BigInteger.valueOf(100_000),
            BigInteger.TWO,
            1_764_000_000L,
            "0x"),
        "0x" + "cd".repeat(65));
  }

  @Test
  void aRelayOutcomeHasOnlyTheKeysOfItsKind() {
    String head = "{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\",\"nonce\":\"2\",";
    assertThat(
            Json.write(
                RelayJson.outcome(
                    request(),
                    new RelayOutcome.Rejected(RelayOutcome.Reason.NONCE, "nonce 2 is used"))))
        .isEqualTo(
            head + "\"status\":\"rejected\",\"reason\":\"NONCE\",\"detail\":\"nonce 2 is used\"}");
    assertThat(
            Json.write(
                RelayJson.outcome(
                    request(),
                    new RelayOutcome.Mined(
                        "0xt", BigInteger.valueOf(50_000), BigInteger.valueOf(7)))))
        .isEqualTo(
            head
                + "\"status\":\"mined\",\"tx_hash\":\"0xt\",\"gas_used\":\"50000\",\"cost_wei\":\"7\"}");
    assertThat(
            Json.write(
                RelayJson.outcome(
                    request(),
                    new RelayOutcome.Reverted(
                        "0xt", BigInteger.valueOf(50_000), BigInteger.valueOf(7), "Boom()"))))
        .isEqualTo(
            head
                + "\"status\":\"reverted\",\"tx_hash\":\"0xt\",\"gas_used\":\"50000\","
                + "\"cost_wei\":\"7\",\"detail\":\"Boom()\"}");
  }
}
