package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.gasless.Eip712Signer;
import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.GaslessCounterContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.defi.keystore.Keystore;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * {@code arb run} with {@code arb.defi.relayer} configured relays signed requests on {@code POST
 * /relay} (behind the bearer token) against anvil, and records every one in its store.
 */
class DaemonRelayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "relay-test-token-0123456789";

  @TempDir Path dir;
  private DefiChain net;
  private ChainClient chain;
  private GaslessForwarder forwarder;
  private GaslessCounterContract counter;
  private Path config;
  private String relayer;
  private Map<String, String> env;

  @BeforeEach
  void chainContractsAndConfig() throws Exception {
    net = DefiChain.start();
    chain = net.chain();
    DefiChain.Gasless gasless = net.deployGasless();
    forwarder = gasless.forwarder();
    counter = gasless.counter();
    Keystore.Imported r =
        Keystore.importKey(
            DefiChain.RELAYER_KEY, "relayer-pw", dir.resolve("keys"), Keystore.Kdf.LIGHT);
    relayer = r.address();
    config = dir.resolve("arb.conf");
    Files.writeString(
        config,
        net.defiConfig(
            r.file(),
            "RELAYER_PW",
            "  relayer {\n    forwarder = \""
                + forwarder.address()
                + "\"\n    allow = [\""
                + counter.address()
                + "\"]\n  }\n"));
    env = Map.of("HOME", dir.toString(), "RELAYER_PW", "relayer-pw", "ARB_HTTP_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  private String signedIncrement(Credentials user) throws Exception {
    return signedIncrement(user, forwarder.nonce(user.getAddress()));
  }

  private String signedIncrement(Credentials user, BigInteger nonce) throws Exception {
    ForwardRequest r =
        new ForwardRequest(
            user.getAddress(),
            counter.address(),
            BigInteger.ZERO,
            BigInteger.valueOf(100_000),
            nonce,
            Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond(),
            GaslessCounterContract.INCREMENT);
    return JSON.writeValueAsString(
        SignedRequestJson.toJson(Eip712Signer.sign(forwarder.domain(), r, user)));
  }

  @Test
  void relaysASignedRequestOverHttpBehindTheTokenAndRecordsEveryOne() throws Exception {
    Credentials user = Credentials.create(Keys.createEcKeyPair());
    String body = signedIncrement(user);
    BigInteger relayerBefore = chain.etherBalance(relayer);
    String data = dir.resolve("data").toString();

    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            config.toString(),
            "--data-dir",
            data,
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "50ms")) {
      String url = d.url() + "/relay";
      assertThat(d.out.toString())
          .contains("relaying requests signed for forwarder " + forwarder.address())
          .contains("/metrics /relay); control routes on");

      HttpResponse<String> noToken = Http.post(url, null, body);
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(counter.count(user.getAddress())).isZero();

      HttpResponse<String> mined = Http.post(url, TOKEN, body);

      assertThat(mined.statusCode()).as(mined.body()).isEqualTo(200);
      JsonNode m = JSON.readTree(mined.body());
      assertThat(m.path("status").asText()).isEqualTo("mined");
      assertThat(m.path("from").asText()).isEqualTo(user.getAddress());
      BigInteger cost = new BigInteger(m.path("cost_wei").asText());
      assertThat(counter.count(user.getAddress())).isEqualTo(BigInteger.ONE);
      assertThat(counter.lastSender()).isEqualTo(user.getAddress());
      assertThat(chain.etherBalance(user.getAddress())).isZero();
      assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore.subtract(cost));

      HttpResponse<String> replay = Http.post(url, TOKEN, body);

      assertThat(replay.statusCode()).isEqualTo(422);
      JsonNode rj = JSON.readTree(replay.body());
      assertThat(rj.path("status").asText()).isEqualTo("rejected");
      assertThat(rj.path("reason").asText()).isEqualTo("NONCE");
      assertThat(rj.path("detail").asText()).contains("already used: a replay");
      assertThat(chain.etherBalance(relayer)).isEqualTo(relayerBefore.subtract(cost));

      HttpResponse<String> malformed = Http.post(url, TOKEN, "{\"request\": 1}");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(malformed.body()).path("error").asText()).isNotBlank();
      assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");

      // a batch larger than the 4 KB of the other routes: one executeBatch transaction of 10
      // requests
      Credentials batcher = Credentials.create(Keys.createEcKeyPair());
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 10; i++) {
        batch.append(i == 0 ? "" : ",").append(signedIncrement(batcher, BigInteger.valueOf(i)));
      }
      String batchBody = batch.append(']').toString();
      assertThat(batchBody.length()).isGreaterThan(4096);

      HttpResponse<String> batched = Http.post(url, TOKEN, batchBody);

      assertThat(batched.statusCode()).as(batched.body()).isEqualTo(200);
      JsonNode b = JSON.readTree(batched.body());
      assertThat(b).hasSize(10);
      assertThat(b.findValuesAsText("status")).containsOnly("mined");
      assertThat(b.findValuesAsText("tx_hash"))
          .hasSize(10)
          .containsOnly(b.get(0).path("tx_hash").asText());
      assertThat(counter.count(batcher.getAddress())).isEqualTo(BigInteger.TEN);

      HttpResponse<String> huge = Http.post(url, TOKEN, "x".repeat(70_000));
      assertThat(huge.statusCode()).isEqualTo(413);
      assertThat(Http.get(url).statusCode()).isEqualTo(405);
    }

    CliRun listed =
        CliRun.run(
            env, "--config", config.toString(), "--data-dir", data, "defi", "relays", "--json");
    assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCode.OK);
    JsonNode rows = JSON.readTree(listed.out()).path("requests");
    assertThat(rows).hasSize(12);
    for (int i = 0; i < 10; i++) {
      assertThat(rows.get(i).path("outcome").asText()).isEqualTo("mined");
    }
    JsonNode replayed = rows.get(10);
    assertThat(replayed.path("outcome").asText()).isEqualTo("rejected");
    assertThat(replayed.path("reason_code").asText()).isEqualTo("NONCE");
    assertThat(replayed.path("signer").asText()).isEqualTo(user.getAddress());
    JsonNode first = rows.get(11);
    assertThat(first.path("outcome").asText()).isEqualTo("mined");
    assertThat(first.path("tx_hash").asText()).startsWith("0x");
    BigInteger paid = BigInteger.ZERO;
    for (JsonNode row : rows) {
      if (!row.path("wei_paid").isNull()) {
        paid = paid.add(new BigInteger(row.path("wei_paid").asText()));
      }
    }
    assertThat(paid)
        .as("what the records say the relayer paid is what its balance lost")
        .isEqualTo(relayerBefore.subtract(chain.etherBalance(relayer)));
  }
}
