package dev.arb.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arb.config.Secret;
import dev.arb.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoint on the JDK's {@link HttpServer}: a fixed table of routes, each with
 * one method. For every request, in order: rate limit (429), route (404), method (405 with {@code
 * Allow}), body size (413), then for control routes the bearer token: none configured → 403
 * (control is off, never open), no {@code Authorization: Bearer} header → 401, a wrong token → 403
 * (compared in constant time). Failures inside a handler answer 500 with a short JSON message,
 * never a stack trace.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  /** Largest request body accepted, in bytes, unless a route allows more. */
  static final int MAX_BODY = 4096;

  /** Largest body any route may allow, in bytes. */
  static final int MAX_BODY_LIMIT = 65_536;

  /** Largest query string accepted, in characters. */
  static final int MAX_QUERY = 1024;

  /** Requests a second, on average, before 429. */
  static final double RATE_PER_SECOND = 50;

  /** Requests allowed in a burst. */
  static final int RATE_BURST = 100;

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /** An answer. */
  public record Response(int status, String contentType, String body) {
    static Response json(int status, String json) {
      return new Response(status, "application/json; charset=utf-8", json);
    }

    /** {@code body} written by the shared mapper ({@link Json}). */
    public static Response json(int status, Object body) {
      return json(status, Json.write(body));
    }

    /** An error for people: {@code {"error": message}}. */
    public static Response error(int status, String message) {
      return json(status, new ErrorJson(message));
    }
  }

  /** The body of every error answer. */
  record ErrorJson(String error) {}

  /**
   * A request as a handler sees it: the decoded query parameters (first value of each) and the body
   * as UTF-8 text (empty if none; at most the route's limit).
   */
  public record Request(Map<String, String> query, String body) {}

  /**
   * One route.
   *
   * @param method the one HTTP method it answers
   * @param control whether it needs the bearer token
   * @param maxBody the largest body it accepts, bytes ({@link #MAX_BODY} unless it needs more, at
   *     most {@link #MAX_BODY_LIMIT})
   * @param handler the work
   */
  public record Route(
      String method, boolean control, int maxBody, Function<Request, Response> handler) {
    public Route {
      if (maxBody < 0 || maxBody > MAX_BODY_LIMIT) {
        throw new IllegalArgumentException(
            "a route's body limit must be 0 to " + MAX_BODY_LIMIT + ", got " + maxBody);
      }
    }

    /** A route accepting bodies up to {@link #MAX_BODY}. */
    public Route(String method, boolean control, Function<Request, Response> handler) {
      this(method, control, MAX_BODY, handler);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Route> routes;
  private final Optional<Secret> token;
  private final RateLimiter limiter;

  private HttpEndpoint(
      HttpServer server,
      ExecutorService executor,
      Map<String, Route> routes,
      Optional<Secret> token,
      RateLimiter limiter) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
    this.token = token;
    this.limiter = limiter;
  }

  /**
   * Binds and starts serving.
   *
   * @param host address to bind
   * @param port port, 0 for a free one
   * @param routes by exact path
   * @param token the control token; empty disables the control routes
   * @throws IOException if the address cannot be bound
   */
  public static HttpEndpoint start(
      String host, int port, Map<String, Route> routes, Optional<Secret> token) throws IOException {
    // Without TCP_NODELAY each answer on a kept-alive connection waits for the client's delayed
    // ACK (about 40 ms). The JDK's server reads this once, when first used; a -D setting is kept.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "arb-http");
              t.setDaemon(true);
              return t;
            });
    HttpEndpoint e =
        new HttpEndpoint(
            server,
            executor,
            Map.copyOf(routes),
            token,
            new RateLimiter(RATE_PER_SECOND, RATE_BURST, System::nanoTime));
    server.createContext("/", e::handle);
    server.setExecutor(executor);
    server.start();
    return e;
  }

  /** The bound port (the actual one when 0 was asked). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The bound address as a URL, e.g. {@code http://127.0.0.1:8742}. */
  public String url() {
    String host = server.getAddress().getHostString();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Stops accepting, lets requests in progress finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange x) {
    try (x) {
      Response r;
      try {
        r = respond(x);
      } catch (RuntimeException | IOException e) {
        LOG.debug("request {} {} failed", x.getRequestMethod(), x.getRequestURI().getPath(), e);
        r = Response.error(500, "internal error; see the daemon's log");
      }
      send(x, r);
    } catch (IOException e) {
      LOG.debug("could not answer a request", e);
    }
  }

  private Response respond(HttpExchange x) throws IOException {
    if (!limiter.tryAcquire()) {
      x.getResponseHeaders().set("Retry-After", "1");
      return Response.error(429, "too many requests; slow down");
    }
    String path = x.getRequestURI().getRawPath();
    Route route = routes.get(path);
    if (route == null) {
      return Response.error(404, "no such route; try /health, /status, /metrics");
    }
    String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
    if (!route.method().equals(method)) {
      x.getResponseHeaders().set("Allow", route.method());
      return Response.error(405, path + " answers " + route.method() + " only");
    }
    String rawQuery = x.getRequestURI().getRawQuery();
    if (rawQuery != null && rawQuery.length() > MAX_QUERY) {
      return Response.error(414, "query too long");
    }
    String body = readBodyWithin(x, route.maxBody());
    if (body == null) {
      return Response.error(413, "request body larger than " + route.maxBody() + " bytes");
    }
    if (route.control()) {
      Optional<Response> denied = authorize(x);
      if (denied.isPresent()) {
        return denied.get();
      }
    }
    return route.handler().apply(new Request(query(rawQuery), body));
  }

  private Optional<Response> authorize(HttpExchange x) {
    if (token.isEmpty()) {
      return Optional.of(
          Response.error(
              403,
              "control routes are off: no token is configured (arb.http.token, default env"
                  + " ARB_HTTP_TOKEN)"));
    }
    List<String> auth = x.getRequestHeaders().get("Authorization");
    String header = auth == null || auth.isEmpty() ? null : auth.get(0);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"arb\"");
      return Optional.of(Response.error(401, "an Authorization: Bearer token is required"));
    }
    if (!token.get().matches(header.substring(7).trim())) {
      return Optional.of(Response.error(403, "wrong token"));
    }
    return Optional.empty();
  }

  /** Reads the body as UTF-8; null if it is larger than {@code max} bytes. */
  private static String readBodyWithin(HttpExchange x, int max) throws IOException {
    String length = x.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > max) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    InputStream in = x.getRequestBody();
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (body.size() + n > max) {
        return null;
      }
      body.write(buf, 0, n);
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        out.putIfAbsent("", ""); // undecodable: handlers reject unknown parameters
      }
    }
    return out;
  }

  private static void send(HttpExchange x, Response r) throws IOException {
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", r.contentType());
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
