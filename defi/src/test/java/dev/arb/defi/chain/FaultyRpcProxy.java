package dev.arb.defi.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of a node that can break the next {@code eth_sendRawTransaction}
 * requests in scripted ways: lose them before the node sees them, lose the node's answer, or hold
 * them until released. Every other request passes through unchanged.
 */
final class FaultyRpcProxy implements AutoCloseable {

  /** What to do with one {@code eth_sendRawTransaction}. */
  sealed interface Fault {}

  /** Close the connection without forwarding: the node never sees the transaction. */
  record LoseRequest() implements Fault {}

  /**
   * Forward, then close the connection without answering: the node has it, the client does not
   * know.
   */
  record LoseAnswer() implements Fault {}

  /** Signal {@code arrived}, wait for {@code release}, then forward normally. */
  record Hold(CountDownLatch arrived, CountDownLatch release) implements Fault {}

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI node;
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sendRequests = new AtomicInteger();
  private final Queue<String> methods = new ConcurrentLinkedQueue<>();
  private static final java.util.regex.Pattern METHOD =
      java.util.regex.Pattern.compile("\"method\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");

  FaultyRpcProxy(String nodeUrl) throws IOException {
    this.node = URI.create(nodeUrl);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code eth_sendRawTransaction} not yet faulted gets {@code fault}. */
  void next(Fault fault) {
    faults.add(fault);
  }

  /** Forgets the faults not used yet. */
  void clearFaults() {
    faults.clear();
  }

  /** How many {@code eth_sendRawTransaction} requests arrived. */
  int sendRequests() {
    return sendRequests.get();
  }

  /** The JSON-RPC methods of every request that arrived, in order (a batch: each of its calls). */
  java.util.List<String> methods() {
    return java.util.List.copyOf(methods);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    java.util.regex.Matcher m =
        METHOD.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    while (m.find()) {
      methods.add(m.group(1));
    }
    Fault fault = null;
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8)
        .contains("\"eth_sendRawTransaction\"")) {
      sendRequests.incrementAndGet();
      fault = faults.poll();
    }
    try {
      if (fault instanceof LoseRequest) {
        exchange.close();
        return;
      }
      if (fault instanceof Hold h) {
        h.arrived().countDown();
        if (!h.release().await(30, TimeUnit.SECONDS)) {
          exchange.close();
          return;
        }
      }
      HttpResponse<byte[]> answer =
          client.send(
              HttpRequest.newBuilder(node)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (fault instanceof LoseAnswer) {
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
