package dev.arb.daemon;

import dev.arb.config.Secret;
import dev.arb.daemon.http.Admission;
import dev.arb.daemon.http.Dispatcher;
import dev.arb.daemon.http.HttpLimits;
import dev.arb.daemon.http.Lane;
import dev.arb.daemon.http.NettyHttpServer;
import dev.arb.daemon.http.Percent;
import dev.arb.daemon.http.Reply;
import dev.arb.daemon.http.RequestHead;
import dev.arb.engine.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's HTTP endpoint: a fixed table of routes, each with one method, served by the hardened
 * {@link NettyHttpServer} (deadlines for request heads and bodies, a share of connections per
 * client, handler lanes; see {@link HttpLimits}). For every request whose framing is sound, in
 * order: route (404), method (405 with {@code Allow}), query (414 when longer than {@link
 * #MAX_QUERY}, 400 when not valid percent-encoding), declared body size (413), then
 *
 * <ul>
 *   <li>for control routes the bearer token: none configured → 403 (control is off, never open), no
 *       {@code Authorization: Bearer} header → 401, a wrong token → 403 (compared in constant
 *       time). A missing or wrong token spends the client's small budget of denials (then 429); the
 *       right one spends the client's control budget, apart from every anonymous budget, so a flood
 *       never locks the operator out;
 *   <li>for the other routes the client's budget of that route class, and the budget shared by all
 *       anonymous clients (429 with {@code Retry-After} when spent). Refusals (404, 405, 400, 413,
 *       414) spend the client's read budget too.
 * </ul>
 *
 * Every error, the server's own included (malformed framing, deadlines, limits), is arb's JSON
 * error {@code {"error": "..."}}, never a stack trace or a Java type. Failures inside a handler
 * answer 500 with a short message.
 */
public final class HttpEndpoint implements AutoCloseable {

  /** Largest request body accepted, in bytes, unless a route allows more. */
  static final int MAX_BODY = 4096;

  /** Largest body any route may allow, in bytes. */
  static final int MAX_BODY_LIMIT = 65_536;

  /** Largest query string accepted, in characters. */
  static final int MAX_QUERY = 1024;

  /**
   * An answer.
   *
   * @param headers further headers by name ({@code Content-Security-Policy}, ...); none for JSON
   */
  public record Response(int status, String contentType, String body, Map<String, String> headers) {
    public Response {
      headers = Map.copyOf(headers);
    }

    /** An answer without further headers. */
    public Response(int status, String contentType, String body) {
      this(status, contentType, body, Map.of());
    }

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
   * @param probe a liveness probe: cheap, never blocks; it runs on a lane and spends a budget of
   *     its own, so that busy reads never make a probe wait
   */
  public record Route(
      String method,
      boolean control,
      int maxBody,
      Function<Request, Response> handler,
      boolean probe) {
    public Route {
      if (maxBody < 0 || maxBody > MAX_BODY_LIMIT) {
        throw new IllegalArgumentException(
            "a route's body limit must be 0 to " + MAX_BODY_LIMIT + ", got " + maxBody);
      }
      if (probe && control) {
        throw new IllegalArgumentException("a probe is open to everyone: it cannot be a control");
      }
    }

    /** A route that is no probe. */
    public Route(String method, boolean control, int maxBody, Function<Request, Response> handler) {
      this(method, control, maxBody, handler, false);
    }

    /** A route accepting bodies up to {@link #MAX_BODY}. */
    public Route(String method, boolean control, Function<Request, Response> handler) {
      this(method, control, MAX_BODY, handler);
    }

    /** A {@code GET} liveness probe for everyone. */
    public static Route probe(Function<Request, Response> handler) {
      return new Route("GET", false, MAX_BODY, handler, true);
    }
  }

  private final NettyHttpServer server;
  private final String host;

  private HttpEndpoint(NettyHttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Binds and starts serving.
   *
   * @param host address to bind
   * @param port port, 0 for a free one
   * @param routes by exact (decoded) path
   * @param token the control token; empty disables the control routes
   * @throws IOException if the address cannot be bound
   */
  public static HttpEndpoint start(
      String host, int port, Map<String, Route> routes, Optional<Secret> token) throws IOException {
    return start(host, port, routes, token, HttpLimits.defaults());
  }

  /**
   * As {@link #start(String, int, Map, Optional)}, within {@code limits} (tests use short ones).
   */
  static HttpEndpoint start(
      String host, int port, Map<String, Route> routes, Optional<Secret> token, HttpLimits limits)
      throws IOException {
    Routing routing = new Routing(Map.copyOf(routes), token, new ClientBudgets(System::nanoTime));
    return new HttpEndpoint(NettyHttpServer.start(host, port, limits, routing), host);
  }

  /** The bound port (the actual one when 0 was asked). */
  public int port() {
    return server.address().getPort();
  }

  /** The bound address as a URL, e.g. {@code http://127.0.0.1:8742}. */
  public String url() {
    InetSocketAddress a = server.address();
    String h = a.getAddress() != null ? a.getAddress().getHostAddress() : host;
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
  }

  /** Stops accepting, lets requests in progress finish for up to a second. */
  @Override
  public void close() {
    server.close();
  }

  /** What each request means: the route table, the token and the budgets. */
  private record Routing(Map<String, Route> routes, Optional<Secret> token, ClientBudgets budgets)
      implements Dispatcher {

    @Override
    public Admission admit(RequestHead head) {
      Route route = routes.get(head.path());
      if (route == null) {
        return refuse(head, Response.error(404, "no such route; try /health, /status, /metrics"));
      }
      if (!route.method().equals(head.method())) {
        return refuse(
            head,
            Response.error(405, head.path() + " answers " + route.method() + " only"),
            "Allow",
            route.method());
      }
      String rawQuery = head.rawQuery().orElse(null);
      if (rawQuery != null && rawQuery.length() > MAX_QUERY) {
        return refuse(head, Response.error(414, "query too long"));
      }
      Optional<Map<String, String>> query = query(rawQuery);
      if (query.isEmpty()) {
        return refuse(
            head,
            Response.error(
                400, "the query is not valid percent-encoding; write e.g. ?limit=5&status=sized"));
      }
      if (head.declaredLength() > route.maxBody()) {
        return refuse(
            head, Response.error(413, "request body larger than " + route.maxBody() + " bytes"));
      }
      Lane lane;
      if (route.control()) {
        Optional<Response> denied = authorize(head);
        if (denied.isPresent()) {
          if (!budgets.tryAcquire(head.client(), ClientBudgets.Kind.DENIED)) {
            return tooMany();
          }
          Response d = denied.get();
          return d.status() == 401
              ? answer(d, "WWW-Authenticate", "Bearer realm=\"arb\"")
              : answer(d, null, null);
        }
        if (!budgets.tryAcquire(head.client(), ClientBudgets.Kind.CONTROL)) {
          return tooMany();
        }
        lane = Lane.CONTROL;
      } else {
        ClientBudgets.Kind kind =
            route.probe() ? ClientBudgets.Kind.PROBE : ClientBudgets.Kind.READ;
        if (!budgets.tryAcquire(head.client(), kind)) {
          return tooMany();
        }
        lane = route.probe() ? Lane.PROBE : Lane.READ;
      }
      Map<String, String> params = query.get();
      return new Admission.Handle(
          route.maxBody(), lane, body -> reply(route.handler().apply(new Request(params, body))));
    }

    @Override
    public Reply error(int status, String message) {
      return reply(Response.error(status, message));
    }

    /** A refusal before any handler: it spends the client's read budget. */
    private Admission refuse(RequestHead head, Response r) {
      return refuse(head, r, null, null);
    }

    private Admission refuse(RequestHead head, Response r, String header, String value) {
      if (!budgets.tryAcquire(head.client(), ClientBudgets.Kind.READ)) {
        return tooMany();
      }
      return answer(r, header, value);
    }

    private static Admission tooMany() {
      return answer(Response.error(429, "too many requests; slow down"), "Retry-After", "1");
    }

    private static Admission answer(Response r, String header, String value) {
      Reply reply = reply(r);
      return new Admission.Answer(header == null ? reply : reply.withHeader(header, value));
    }

    private static Reply reply(Response r) {
      return new Reply(r.status(), r.contentType(), r.body(), r.headers());
    }

    private Optional<Response> authorize(RequestHead head) {
      if (token.isEmpty()) {
        return Optional.of(
            Response.error(
                403,
                "control routes are off: no token is configured (arb.http.token, default env"
                    + " ARB_HTTP_TOKEN)"));
      }
      String header = head.header("Authorization").orElse(null);
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.of(Response.error(401, "an Authorization: Bearer token is required"));
      }
      if (!token.get().matches(header.substring(7).trim())) {
        return Optional.of(Response.error(403, "wrong token"));
      }
      return Optional.empty();
    }
  }

  /** The parameters of a raw query (first value of each); empty when it is not valid. */
  static Optional<Map<String, String>> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return Optional.of(out);
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      Optional<String> k = Percent.decode(eq < 0 ? part : part.substring(0, eq), true);
      Optional<String> v = eq < 0 ? Optional.of("") : Percent.decode(part.substring(eq + 1), true);
      if (k.isEmpty() || v.isEmpty()) {
        return Optional.empty();
      }
      out.putIfAbsent(k.get(), v.get());
    }
    return Optional.of(out);
  }
}
