package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in of the Telegram Bot API on 127.0.0.1: {@code POST /bot<token>/getUpdates} (long
 * polling with {@code offset} and {@code timeout}; an offset confirms the updates before it) and
 * {@code POST /bot<token>/sendMessage}, answering in the Bot API's documented shape ({@code {"ok":
 * true, "result": ...}}, errors {@code {"ok": false, "error_code": N, "description": ...}}). It can
 * be told to answer the next calls with HTTP 500 or with a body that is not JSON.
 */
final class BotApiStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message the bot sent. */
  record Sent(long chatId, String text) {}

  private final String token;
  private final HttpServer server;
  private final List<ObjectNode> pending = new ArrayList<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final AtomicInteger fail500 = new AtomicInteger();
  private final AtomicInteger failGarbage = new AtomicInteger();
  private final AtomicInteger wrongToken = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();
  private long nextUpdateId = 700_000_001L;
  private int nextMessageId = 1;

  BotApiStandIn(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** The base URL, as arb.chat.telegram.api-url. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues a private-chat text message from {@code chatId}, sent now. */
  synchronized void message(long chatId, String text) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", nextUpdateId++);
    ObjectNode m = u.putObject("message");
    m.put("message_id", nextMessageId++);
    ObjectNode from = m.putObject("from");
    from.put("id", chatId);
    from.put("is_bot", false);
    from.put("first_name", "Operator");
    ObjectNode chat = m.putObject("chat");
    chat.put("id", chatId);
    chat.put("first_name", "Operator");
    chat.put("type", "private");
    m.put("date", Instant.now().getEpochSecond());
    m.put("text", text);
    pending.add(u);
    notifyAll();
  }

  /** The next {@code n} calls answer HTTP 500 with an HTML page. */
  void fail500(int n) {
    fail500.set(n);
  }

  /** The next {@code n} calls answer 200 with a body that is not JSON. */
  void failGarbage(int n) {
    failGarbage.set(n);
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Answered getUpdates calls. */
  int polls() {
    return polls.get();
  }

  /** Calls with another token in the path. */
  int wrongToken() {
    return wrongToken.get();
  }

  /** Waits (10 s at most) until {@code n} messages were sent; the messages sent. */
  List<Sent> awaitSent(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sent.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return sent();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = x.getRequestURI().getPath();
      String prefix = "/bot" + token + "/";
      if (!path.startsWith(prefix)) {
        wrongToken.incrementAndGet();
        reply(x, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        return;
      }
      if (fail500.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        reply(x, 500, "<html><body>Internal Server Error</body></html>");
        return;
      }
      if (failGarbage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        reply(x, 200, "{\"ok\": tru");
        return;
      }
      JsonNode req = JSON.readTree(body.isEmpty() ? "{}" : body);
      switch (path.substring(prefix.length())) {
        case "getUpdates" -> reply(x, 200, updates(req));
        case "sendMessage" -> {
          sent.add(new Sent(req.path("chat_id").asLong(), req.path("text").asText()));
          ObjectNode r = JSON.createObjectNode();
          r.put("ok", true);
          ObjectNode m = r.putObject("result");
          m.put("message_id", 9000 + sent.size());
          m.putObject("chat").put("id", req.path("chat_id").asLong()).put("type", "private");
          m.put("date", Instant.now().getEpochSecond());
          m.put("text", req.path("text").asText());
          reply(x, 200, JSON.writeValueAsString(r));
        }
        default -> reply(x, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized String updates(JsonNode req) throws InterruptedException, IOException {
    long offset = req.path("offset").asLong(0);
    pending.removeIf(u -> u.get("update_id").asLong() < offset);
    long waitMs = Math.min(req.path("timeout").asLong(0), 5) * 1000L;
    long deadline = System.currentTimeMillis() + waitMs;
    while (pending.isEmpty() && System.currentTimeMillis() < deadline) {
      wait(Math.max(1, deadline - System.currentTimeMillis()));
    }
    ObjectNode r = JSON.createObjectNode();
    r.put("ok", true);
    ArrayNode result = r.putArray("result");
    pending.forEach(result::add);
    polls.incrementAndGet();
    return JSON.writeValueAsString(r);
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }

  @Override
  public void close() {
    synchronized (this) {
      notifyAll();
    }
    server.stop(0);
  }
}
