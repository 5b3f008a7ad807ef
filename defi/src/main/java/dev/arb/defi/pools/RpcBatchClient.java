package dev.arb.defi.pools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.defi.chain.ChainClient;
import dev.arb.engine.json.Json;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.RetryPolicy;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over HTTP in batches: many calls per request (at most {@code batchSize}), answers
 * matched to calls by id whatever their order. Reads only, so a request that fails in transport
 * (connection refused, timeout, HTTP 5xx or 429, an answer that is not JSON-RPC) is sent again, up
 * to {@value #ATTEMPTS} times with a growing pause (the core's {@link Retry}); then it fails with a
 * {@link ChainException} naming the RPC by scheme, host and port only (provider URLs carry API keys
 * in their path or query). An error object in one call's answer is that call's answer, not a
 * failure of the batch.
 */
final class RpcBatchClient {
  private static final Logger LOG = LoggerFactory.getLogger(RpcBatchClient.class);

  /** How many times one batch request is sent at most. */
  static final int ATTEMPTS = 3;

  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

  /** A batch request: {@value #ATTEMPTS} attempts, 200 ms then 400 ms apart, transients only. */
  private static final Retry RETRY =
      Retry.of(RetryPolicy.doubling(ATTEMPTS, FIRST_PAUSE), RpcBatchClient::classify);

  private static final int MAX_MESSAGE = 200;

  /**
   * One JSON-RPC call.
   *
   * @param method such as {@code eth_call}
   * @param params its positional parameters, each written by the shared mapper ({@link Json})
   */
  record Call(String method, List<Object> params) {
    Call {
      Objects.requireNonNull(method, "method");
      params = List.copyOf(params);
    }
  }

  /** One call as sent: {@code {"jsonrpc":"2.0","id":N,"method":...,"params":[...]}}. */
  private record Request(String jsonrpc, long id, String method, List<Object> params) {}

  /** The node's answer to one call: a result or an error object. */
  sealed interface Answer {}

  /** The call's {@code result} (JSON {@code null} included). */
  record Result(JsonNode value) implements Answer {}

  /**
   * The call's {@code error} object.
   *
   * @param code JSON-RPC error code
   * @param message the node's message (control characters removed), cut to 200 characters
   */
  record Error(long code, String message) implements Answer {}

  private final URI uri;
  private final String shownUrl;
  private final Duration timeout;
  private final int batchSize;
  private final HttpClient http;
  private long nextId = 1;
  private int requests;
  private int calls;

  /**
   * @param url the JSON-RPC endpoint (http or https)
   * @param timeout timeout of one HTTP request
   * @param batchSize most calls in one request
   * @throws ChainException if the URL is not an http(s) URL
   */
  RpcBatchClient(String url, Duration timeout, int batchSize) {
    this.shownUrl = ChainClient.redact(url);
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ChainException("chain: the RPC URL " + shownUrl + " is not a valid URL");
    }
    if (u.getScheme() == null
        || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
        || u.getHost() == null) {
      throw new ChainException(
          "chain: the RPC URL "
              + shownUrl
              + " must start with http:// or https:// and name a host");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.uri = u;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.batchSize = batchSize;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The RPC as it may be shown: scheme, host and port, {@code /…} when more was cut. */
  String shownUrl() {
    return shownUrl;
  }

  /** HTTP requests sent so far (retries included). */
  int requests() {
    return requests;
  }

  /** Calls answered so far. */
  int calls() {
    return calls;
  }

  /**
   * Sends {@code calls} in batches of at most {@code batchSize} and returns the answers in the same
   * order.
   *
   * @param what what the calls are for, in messages (such as {@code "token symbols"})
   * @throws ChainException if a batch cannot be sent or its answer is not JSON-RPC
   */
  List<Answer> send(List<Call> calls, String what) {
    List<Answer> out = new ArrayList<>(calls.size());
    for (int from = 0; from < calls.size(); from += batchSize) {
      out.addAll(sendBatch(calls.subList(from, Math.min(calls.size(), from + batchSize)), what));
    }
    return out;
  }

  private List<Answer> sendBatch(List<Call> batch, String what) {
    long firstId = nextId;
    nextId += batch.size();
    List<Request> body = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      body.add(new Request("2.0", firstId + i, batch.get(i).method(), batch.get(i).params()));
    }
    byte[] bytes;
    try {
      bytes = Json.writer().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON-RPC request", e);
    }
    Retry.Outcome<List<Answer>> o =
        RETRY.callUnchecked(
            () -> answers(post(bytes), batch, firstId, what),
            (attempt, fault, wait) ->
                LOG.debug(
                    "RPC {} attempt {} for {} failed ({}), again in {} ms",
                    shownUrl,
                    attempt,
                    what,
                    fault.message(),
                    wait.toMillis()),
            e -> new ChainException("chain: interrupted while waiting to retry an RPC read", e));
    if (o.ok()) {
      calls += batch.size();
      return o.value();
    }
    if (o.error() instanceof Transient t) {
      throw new ChainException(
          "chain: the RPC at "
              + shownUrl
              + " failed while reading "
              + what
              + ": "
              + t.getMessage()
              + " ("
              + ATTEMPTS
              + " attempts); check that the node is up and the URL is right");
    }
    // the node or proxy answered no (a ChainException): not worth repeating
    throw o.rethrow(e -> new ChainException("chain: " + e.getMessage(), e));
  }

  /** A {@link Transient} failure is worth another attempt; anything else is final. */
  private static Fault classify(Throwable t) {
    return t instanceof Transient
        ? Fault.of(Fault.Kind.CONNECTION, t.getMessage())
        : Fault.of(Fault.Kind.REJECTED, String.valueOf(t.getMessage()));
  }

  /** A failure worth another attempt; its message is safe to show. */
  private static final class Transient extends Exception {
    private static final long serialVersionUID = 1L;

    Transient(String message) {
      super(message, null, false, false);
    }
  }

  private byte[] post(byte[] body) throws Transient {
    requests++;
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new Transient("no answer within " + human(timeout));
    } catch (ConnectException e) {
      throw new Transient("cannot connect");
    } catch (IOException e) {
      // the library's message may quote the URL: show the kind of failure only
      throw new Transient("connection failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("chain: interrupted while reading from the RPC at " + shownUrl, e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403 || status == 404) {
      throw new ChainException(
          "chain: the RPC at "
              + shownUrl
              + " answered HTTP "
              + status
              + "; check the RPC URL and the API key it carries");
    }
    if (status != 200) {
      throw new Transient("HTTP " + status);
    }
    return response.body();
  }

  private List<Answer> answers(byte[] body, List<Call> batch, long firstId, String what)
      throws Transient {
    JsonNode root;
    try {
      root = Json.reader().readTree(body);
    } catch (IOException e) {
      throw new Transient("the answer is not JSON (" + body.length + " bytes)");
    }
    if (root != null && root.isObject() && root.has("error")) {
      // the whole batch refused (too large, rate limited, batches not supported)
      throw new ChainException(
          "chain: the RPC at "
              + shownUrl
              + " refused a batch of "
              + batch.size()
              + " calls reading "
              + what
              + ": "
              + message(root.get("error"))
              + "; a smaller batch-size may help");
    }
    if (root == null || !root.isArray()) {
      throw new Transient("the answer is not a JSON-RPC batch answer");
    }
    Map<Long, Answer> byId = new HashMap<>();
    for (JsonNode a : root) {
      JsonNode id = a.get("id");
      if (id == null || !id.canConvertToLong()) {
        continue;
      }
      long i = id.asLong();
      if (i < firstId || i >= firstId + batch.size()) {
        continue;
      }
      if (a.has("error") && a.get("error").isObject()) {
        JsonNode e = a.get("error");
        byId.put(i, new Error(e.path("code").asLong(0), message(e)));
      } else if (a.has("result")) {
        byId.put(i, new Result(a.get("result")));
      }
    }
    if (byId.size() != batch.size()) {
      throw new Transient(
          "the answer holds "
              + byId.size()
              + " of the "
              + batch.size()
              + " answers asked for (a proxy or node dropping calls)");
    }
    List<Answer> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(byId.get(firstId + i));
    }
    return out;
  }

  private static String message(JsonNode error) {
    String m = error.path("message").asText("");
    if (m.isEmpty()) {
      m = "error " + error.path("code").asText("?");
    }
    m = m.replaceAll("\\p{Cntrl}", " ");
    return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
