package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.RelayPolicy;
import dev.arb.defi.gasless.Relayer;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi relay}: relays signed gasless requests (from {@code arb defi sign}) through the
 * forwarder, paying the gas from the keystore account, for requests that pass every check and
 * simulation and stay within the spending limits. A JSON array of requests goes in one {@code
 * executeBatch} transaction. Every request and outcome is stored in {@code arb.db} (see {@code arb
 * defi relays}), and the day's limits start from what is stored there, so they hold across runs.
 */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = {
      "Relay signed gasless requests (JSON from 'arb defi sign'; an array is one batch) through the"
          + " forwarder, paying gas from the keystore account.",
      "Checks signature, nonce, deadline, allow-list, gas and spending limits, then simulates"
          + " (eth_call) before sending anything. Every request is recorded in arb.db (arb defi"
          + " relays); the per-day limits count every run of the UTC day.",
      "Example: --request signed.json --allow 0xTARGET"
    })
final class DefiRelayCommand extends BaseCommand {
  /** Where {@code --request -} reads from; tests replace it. */
  static InputStream stdin = System.in;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE|-",
      description = "The signed request (or a JSON array of them); '-' reads stdin.")
  String request;

  @Option(
      names = "--allow",
      required = true,
      split = ",",
      paramLabel = "ADDRESS[:SELECTOR]",
      description =
          "Targets requests may call, optionally only one function (0xTARGET:0xd09de08a);"
              + " repeat or comma-separate. Anything else is refused.")
  List<String> allow;

  @Option(
      names = "--max-request-gas",
      paramLabel = "GAS",
      description = "Most gas a request may ask for. Default: ${DEFAULT-VALUE}.")
  BigInteger maxRequestGas = BigInteger.valueOf(1_000_000);

  @Option(
      names = "--max-wei-per-request",
      paramLabel = "WEI",
      description = "Most one relayed transaction may cost. Default: ${DEFAULT-VALUE} (0.01 ETH).")
  BigInteger maxWeiPerRequest = BigInteger.TEN.pow(16);

  @Option(
      names = "--max-wei-per-signer",
      paramLabel = "WEI",
      description = "Most one signer's requests may cost. Default: ${DEFAULT-VALUE} (0.05 ETH).")
  BigInteger maxWeiPerSigner = BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(16));

  @Option(
      names = "--max-wei-total",
      paramLabel = "WEI",
      description = "Most all requests may cost. Default: ${DEFAULT-VALUE} (0.1 ETH).")
  BigInteger maxWeiTotal = BigInteger.TEN.pow(17);

  @Option(
      names = "--max-requests-per-signer",
      paramLabel = "N",
      description = "Most requests relayed per signer. Default: ${DEFAULT-VALUE}.")
  int maxRequestsPerSigner = 10;

  @Option(
      names = "--min-validity",
      paramLabel = "SECONDS",
      description = "Refuse requests expiring sooner than this. Default: ${DEFAULT-VALUE}.")
  long minValiditySeconds = 30;

  @Mixin DefiNetworkOptions network;

  @Override
  protected int execute() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String a : allow) {
      DefiAddressArg.check("--allow", a.split(":", 2)[0], problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    RelayPolicy policy;
    try {
      policy =
          new RelayPolicy(
              Set.copyOf(allow),
              maxRequestGas,
              maxWeiPerRequest,
              maxWeiPerSigner,
              maxWeiTotal,
              maxRequestsPerSigner,
              Duration.ofSeconds(minValiditySeconds));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("relay limits: " + e.getMessage());
    }
    JsonNode input = read();
    boolean batch = input.isArray();
    List<SignedRequest> requests = SignedRequestJson.fromJsonAll(input, where());
    String forwarder = requests.get(0).domain().verifyingContract();
    ArbConfig cfg = config().config();
    // the store first: a data directory that cannot be written fails before anything is sent
    try (RecordStore db = Stores.open(cfg);
        DefiNetwork net = DefiNetwork.open(cfg.defi(), context().env(), network.maxFeeGwei)) {
      Relayer relayer =
          new Relayer(
              net.wallet(),
              net.gasOracle(),
              new GaslessForwarder(net.chain(), forwarder),
              policy,
              Clock.systemUTC(),
              FlashLoanArbitrageContract.decoder(),
              db.relays());
      List<RelayOutcome> outcomes =
          batch ? relayer.relayBatch(requests) : List.of(relayer.relay(requests.get(0)));
      print(requests, outcomes, batch);
      return outcomes.stream().allMatch(o -> o instanceof RelayOutcome.Mined)
          ? ExitCode.OK
          : ExitCode.FAILURE;
    }
  }

  private String where() {
    return "-".equals(request) ? "stdin" : request;
  }

  private JsonNode read() throws IOException {
    try {
      if ("-".equals(request)) {
        return Json.reader().readTree(stdin);
      }
      Path file = Path.of(request);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("relay: no file " + file + " (--request)");
      }
      return Json.reader().readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("relay: " + where() + " is not JSON: " + e.getOriginalMessage());
    }
  }

  private void print(List<SignedRequest> requests, List<RelayOutcome> outcomes, boolean batch)
      throws IOException {
    List<RelayJson.Outcome> rows = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      rows.add(RelayJson.outcome(requests.get(i), outcomes.get(i)));
    }
    if (network.json) {
      out().println(Json.write(batch ? rows : rows.get(0)));
    } else {
      for (RelayJson.Outcome row : rows) {
        out()
            .println(
                switch (row.status()) {
                  case "rejected" ->
                      "rejected "
                          + row.from()
                          + " nonce "
                          + row.nonce()
                          + ": "
                          + row.reason()
                          + ": "
                          + row.detail();
                  default ->
                      row.status()
                          + " "
                          + row.from()
                          + " nonce "
                          + row.nonce()
                          + " in "
                          + row.txHash()
                          + ", gas used "
                          + row.gasUsed()
                          + ", charged "
                          + row.costWei()
                          + " wei"
                          + (row.detail() != null ? ": " + row.detail() : "");
                });
      }
    }
    out().flush();
  }
}
