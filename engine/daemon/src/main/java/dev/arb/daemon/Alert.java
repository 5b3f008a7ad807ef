package dev.arb.daemon;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One alert for the webhook.
 *
 * @param event what happened, e.g. {@code daemon_started}, {@code opportunity}, {@code error}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param text one line for a person
 * @param at when it happened
 * @param fields details for programs (string values)
 */
public record Alert(
    String event, String severity, String text, Instant at, Map<String, String> fields) {
  public Alert {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
    fields = Map.copyOf(fields);
  }

  /** The line chat webhooks show: {@code [arb] WARNING error: ...}. */
  public String chatLine() {
    return "[arb] " + severity.toUpperCase(Locale.ROOT) + " " + event + ": " + text;
  }
}
