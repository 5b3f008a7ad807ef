package dev.arb.daemon.http;

import java.util.Map;
import java.util.Objects;

/**
 * An answer to send.
 *
 * @param status the HTTP status code, 100 to 599
 * @param contentType the {@code Content-Type}
 * @param body the body, sent as UTF-8 (empty for none)
 * @param headers further headers ({@code Allow}, {@code Retry-After}, ...), by name
 */
public record Reply(int status, String contentType, String body, Map<String, String> headers) {
  public Reply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 100 to 599, got " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The same answer with one more header. */
  public Reply withHeader(String name, String value) {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, h);
  }
}
