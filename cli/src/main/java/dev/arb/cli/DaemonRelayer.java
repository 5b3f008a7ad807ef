package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.config.ArbConfig;
import dev.arb.config.RelayerConfig;
import dev.arb.daemon.HttpEndpoint;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.RelayPolicy;
import dev.arb.defi.gasless.Relayer;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.error.ChainException;
import dev.arb.error.ConfigException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's relayer ({@code arb.defi.relayer}): connected to the configured chain with the
 * {@code arb.defi.keystore} account at start, it answers {@code POST /relay} with a {@link Relayer}
 * that records every request in the daemon's store. Answers: 200 with the outcome JSON (mined or
 * reverted; for a batch, the outcomes in order, if at least one was sent), 422 with the outcome
 * JSON when refused (nothing sent), 400 when the body is not a signed request, 502 when the chain
 * fails; never a stack trace.
 */
final class DaemonRelayer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonRelayer.class);

  private final DefiNetwork net;
  private final RelayPolicy policy;
  private final GaslessForwarder forwarder;
  private final Clock clock;

  private DaemonRelayer(
      DefiNetwork net, RelayPolicy policy, GaslessForwarder forwarder, Clock clock) {
    this.net = net;
    this.policy = policy;
    this.forwarder = forwarder;
    this.clock = clock;
  }

  /**
   * Connects and unlocks the relayer's key; checks that the forwarder answers as one.
   *
   * @throws ConfigException if DeFi is not configured
   * @throws ChainException if the node or the forwarder cannot be reached
   */
  static DaemonRelayer open(
      ArbConfig cfg, RelayerConfig relayer, Map<String, String> env, Clock clock) {
    RelayPolicy policy =
        new RelayPolicy(
            new HashSet<>(relayer.allow()),
            relayer.maxRequestGas(),
            relayer.maxWeiPerRequest(),
            relayer.maxWeiPerSigner(),
            relayer.maxWeiTotal(),
            relayer.maxRequestsPerSigner(),
            relayer.minValidity());
    DefiNetwork net = DefiNetwork.open(cfg.defi(), env, null);
    try {
      GaslessForwarder forwarder = new GaslessForwarder(net.chain(), relayer.forwarder());
      forwarder.domain(); // fails now, naming the address, if nothing answers as a forwarder there
      return new DaemonRelayer(net, policy, forwarder, clock);
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
  }

  /** The account that pays. */
  String address() {
    return net.wallet().address();
  }

  /** The forwarder requests must be signed for. */
  String forwarder() {
    return forwarder.address();
  }

  /** The {@code POST /relay} handler recording in {@code store}: body in, answer out. */
  Function<String, HttpEndpoint.Response> handler(RecordStore store) {
    Relayer relayer =
        new Relayer(
            net.wallet(),
            net.gasOracle(),
            forwarder,
            policy,
            clock,
            FlashLoanArbitrageContract.decoder(),
            store.relays());
    return body -> answer(relayer, body);
  }

  private static HttpEndpoint.Response answer(Relayer relayer, String body) {
    JsonNode input;
    List<SignedRequest> requests;
    try {
      input = Json.tree(body);
      if (input == null || input.isMissingNode()) {
        return error(400, "the body must be a signed request (JSON from 'arb defi sign')");
      }
      if (input.isArray() && input.isEmpty()) {
        return error(400, "the body is an empty array");
      }
      requests = SignedRequestJson.fromJsonAll(input, "body");
    } catch (JsonProcessingException e) {
      return error(400, "the body is not JSON: " + e.getOriginalMessage());
    } catch (ConfigException | IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    try {
      List<RelayOutcome> outcomes =
          input.isArray() ? relayer.relayBatch(requests) : List.of(relayer.relay(requests.get(0)));
      boolean sent = outcomes.stream().anyMatch(o -> !(o instanceof RelayOutcome.Rejected));
      List<RelayJson.Outcome> rows = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        rows.add(RelayJson.outcome(requests.get(i), outcomes.get(i)));
      }
      return HttpEndpoint.Response.json(sent ? 200 : 422, input.isArray() ? rows : rows.get(0));
    } catch (ChainException e) {
      LOG.warn("relay: {}", e.getMessage());
      return error(502, e.getMessage());
    }
  }

  private static HttpEndpoint.Response error(int status, String message) {
    return HttpEndpoint.Response.error(status, message);
  }

  @Override
  public void close() {
    net.close();
  }
}
