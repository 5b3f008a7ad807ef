package dev.arb.defi.pools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of a node that answers the next requests wrong in scripted ways (HTTP
 * errors, text that is not JSON, an error object for every {@code eth_call}, a batch answer missing
 * one call, no answer at all); once the script is used up it passes requests through. Any path and
 * query are accepted, so tests can give it URLs that look like a provider's with a key in them.
 */
final class RpcFaultProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to do with one request. */
  enum Fault {
    /** Answer HTTP 500 without asking the node. */
    HTTP_500,
    /** Answer HTTP 401 without asking the node. */
    HTTP_401,
    /** Answer an HTML page with status 200. */
    NOT_JSON,
    /** Ask the node, then replace every eth_call answer with a rate-limit error object. */
    CALL_ERRORS,
    /** Ask the node, then answer every eth_call as a node without the block's state does. */
    PRUNED,
    /** Ask the node, then drop the last answer of the batch. */
    DROP_ONE,
    /** Answer one error object for the whole batch (a provider refusing batches). */
    REFUSE_BATCH,
    /** Hold the request for 3 s, longer than the client waits, then close it. */
    HANG,
    /** Ask the node, then make every getReserves() answer's reserve0 2^112, one above uint112. */
    HUGE_RESERVE
  }

  /** The selector of Uniswap V2's getReserves(). */
  private static final String GET_RESERVES = "0x0902f1ac";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI node;
  private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();

  RpcFaultProxy(String nodeUrl) throws IOException {
    this.node = URI.create(nodeUrl);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The proxy's base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code times} requests get {@code fault}. */
  void next(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      script.add(fault);
    }
  }

  /** Requests received so far. */
  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    Fault fault = script.poll();
    try {
      if (fault == Fault.HTTP_500 || fault == Fault.HTTP_401) {
        reply(exchange, fault == Fault.HTTP_500 ? 500 : 401, "text/plain", "no".getBytes());
        return;
      }
      if (fault == Fault.NOT_JSON) {
        reply(exchange, 200, "text/html", "<html>Bad gateway</html>".getBytes());
        return;
      }
      if (fault == Fault.REFUSE_BATCH) {
        reply(
            exchange,
            200,
            "application/json",
            ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                    + "\"message\":\"batch of more than 5 requests not allowed\"}}")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (fault == Fault.HANG) {
        Thread.sleep(3000);
        exchange.close();
        return;
      }
      HttpResponse<byte[]> answer =
          client.send(
              HttpRequest.newBuilder(node)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      byte[] out = answer.body();
      if (fault == Fault.HUGE_RESERVE) {
        ArrayNode answers = (ArrayNode) JSON.readTree(out);
        JsonNode request = JSON.readTree(body);
        String huge = String.format("%064x", java.math.BigInteger.ONE.shiftLeft(112));
        for (int i = 0; i < answers.size(); i++) {
          JsonNode params = request.get(i).path("params").path(0);
          String result = answers.get(i).path("result").asText("");
          if (params.path("data").asText("").startsWith(GET_RESERVES) && result.length() >= 66) {
            ((ObjectNode) answers.get(i)).put("result", "0x" + huge + result.substring(66));
          }
        }
        out = JSON.writeValueAsBytes(answers);
      }
      if (fault == Fault.CALL_ERRORS || fault == Fault.PRUNED || fault == Fault.DROP_ONE) {
        ArrayNode answers = (ArrayNode) JSON.readTree(out);
        JsonNode request = JSON.readTree(body);
        if (fault == Fault.DROP_ONE) {
          answers.remove(answers.size() - 1);
        } else {
          for (int i = 0; i < answers.size(); i++) {
            if (request.get(i).get("method").asText().equals("eth_call")) {
              ObjectNode a = (ObjectNode) answers.get(i);
              a.remove("result");
              if (fault == Fault.PRUNED) {
                a.putObject("error").put("code", -32000).put("message", "missing trie node 5e1f");
              } else {
                a.putObject("error").put("code", -32005).put("message", "rate limit exceeded");
              }
            }
          }
        }
        out = JSON.writeValueAsBytes(answers);
      }
      reply(exchange, answer.statusCode(), "application/json", out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
