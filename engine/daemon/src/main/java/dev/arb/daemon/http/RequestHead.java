package dev.arb.daemon.http;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request's head, as the server read it: framing already checked, the path percent-decoded.
 *
 * @param method the method, upper case
 * @param path the decoded path, without the query
 * @param rawQuery the query as sent (still percent-encoded), if there is one
 * @param headers the first value of each header, by lower-case name
 * @param client the address the connection came from
 * @param declaredLength the {@code Content-Length}, or -1 when the body is chunked (0: no body)
 */
public record RequestHead(
    String method,
    String path,
    Optional<String> rawQuery,
    Map<String, String> headers,
    InetAddress client,
    long declaredLength) {
  public RequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(client, "client");
    headers = Map.copyOf(headers);
    if (declaredLength < -1) {
      throw new IllegalArgumentException(
          "declaredLength must be -1 or more, got " + declaredLength);
    }
  }

  /** The first value of header {@code name} (any case), if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
