package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.config.HttpConfig;
import dev.arb.engine.json.Json;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb status}: what the running daemon says about itself ({@code GET /status}). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show the running daemon's status (its GET /status): state, uptime, data and its age, last"
          + " scan, opportunities, records, errors.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb status",
      "  arb status --json",
      "  arb status --url http://127.0.0.1:8742",
      "",
      "Exit codes: 0 the daemon answered, 1 it could not be reached, 2 bad options."
    })
final class StatusCommand extends BaseCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Base URL of the daemon. Default: http://arb.http.host:arb.http.port (127.0.0.1 when"
              + " bound to all addresses).")
  String url;

  @Option(names = "--json", description = "Print the status JSON as the daemon gives it.")
  boolean json;

  @Override
  protected int execute() {
    String base = url != null ? url : defaultUrl(config().config().http());
    URI uri;
    try {
      uri = URI.create(base.replaceAll("/+$", "") + "/status");
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http URL");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "status: --url must be an http:// URL such as http://127.0.0.1:8742, got " + base);
    }
    String body = fetch(uri);
    JsonNode status;
    try {
      status = Json.tree(body);
    } catch (IOException e) {
      throw new ArbException("status: " + uri + " did not answer JSON; is it arb?");
    }
    if (json) {
      out().println(Json.pretty(status));
    } else {
      print(status);
    }
    return ExitCode.OK;
  }

  static String defaultUrl(HttpConfig http) {
    String host = http.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + http.port();
  }

  private static String fetch(URI uri) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new ArbException(
            "status: " + uri + " answered HTTP " + r.statusCode() + "; is it the arb daemon?");
      }
      return r.body();
    } catch (IOException e) {
      throw new ArbException(
          "status: cannot reach the daemon at "
              + uri
              + " ("
              + e.getClass().getSimpleName()
              + "); is 'arb run' running? (check 'systemctl status arb', or pass --url)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArbException("status: interrupted");
    }
  }

  private void print(JsonNode s) {
    row(
        "state",
        s.path("state").asText() + (s.path("kill_switch").asBoolean() ? " (KILL SWITCH ON)" : ""));
    row(
        "uptime",
        duration(s.path("uptime_seconds").asDouble())
            + " (since "
            + s.path("started_at").asText()
            + ")");
    JsonNode d = s.path("data");
    row(
        "data",
        d.path("source").asText()
            + "; "
            + d.path("snapshots").asLong()
            + " snapshots"
            + (d.path("ended").asBoolean() ? ", input ended" : ""));
    if (!d.path("last_input").isNull()) {
      row(
          "last input",
          d.path("last_input").asText() + ", received " + age(d.path("age_seconds")) + " ago");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = d.path("exchanges").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      row(
          "  " + e.getKey(),
          e.getValue().path("books").asInt()
              + " books, newest "
              + age(e.getValue().path("age_seconds"))
              + " old");
    }
    JsonNode scan = s.path("last_scan");
    row(
        "last scan",
        scan.path("at").isNull()
            ? "none yet"
            : String.format(
                Locale.ROOT,
                "%s, %.1f ms, %d markets, %d opportunities",
                scan.path("at").asText(),
                scan.path("duration_ms").asDouble(),
                scan.path("markets").asInt(),
                scan.path("opportunities").asInt()));
    row("scans", Long.toString(s.path("scans").asLong()));
    row(
        "opportunities",
        s.path("opportunities_found").asLong()
            + " found"
            + (s.path("opportunities_not_recorded").asLong() > 0
                ? ", "
                    + s.path("opportunities_not_recorded").asLong()
                    + " not recorded (kill switch)"
                : ""));
    JsonNode rec = s.path("records");
    row(
        "records",
        rec.path("written").asLong()
            + " written, "
            + rec.path("queued").asLong()
            + " queued ("
            + (rec.has("storage") ? rec.path("storage").asText() + " " : "")
            + rec.path("database").asText()
            + ")");
    JsonNode chat = s.path("chat");
    if (chat.path("enabled").asBoolean()) {
      row(
          "chat",
          chat.path("service").asText()
              + ", last poll "
              + (chat.path("last_poll_at").isNull()
                  ? "none yet"
                  : age(chat.path("last_poll_age_seconds")) + " ago")
              + ", "
              + chat.path("commands").asLong()
              + " commands, "
              + chat.path("ignored").asLong()
              + " ignored, "
              + (chat.path("errors").asLong() == 0
                  ? "no errors"
                  : chat.path("errors").asLong()
                      + " errors, last: "
                      + chat.path("last_error").asText()));
    }
    JsonNode err = s.path("errors");
    row(
        "errors",
        err.path("count").asLong() == 0
            ? "none"
            : err.path("count").asLong()
                + ", last at "
                + err.path("last_at").asText()
                + ": "
                + err.path("last").asText());
  }

  private void row(String label, String value) {
    out().printf(Locale.ROOT, "%-14s %s%n", label + ":", value);
  }

  private static String age(JsonNode seconds) {
    return seconds.isNull() || seconds.isMissingNode()
        ? "?"
        : String.format(Locale.ROOT, "%.1f s", seconds.asDouble());
  }

  private static String duration(double seconds) {
    long s = (long) seconds;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    }
    return s / 3600 + "h " + (s % 3600) / 60 + "m";
  }
}
