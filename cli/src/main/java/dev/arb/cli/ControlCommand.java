package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.config.ArbConfig;
import dev.arb.config.Secret;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.json.Json;
import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The control commands of a running daemon ({@code arb pause}, {@code resume}, {@code kill-switch
 * on|off}, {@code stop}): each is one {@code POST} to the daemon's control route with the bearer
 * token from the same place the daemon reads it ({@code arb.http.token}, default env {@code
 * ARB_HTTP_TOKEN}), at the address of {@code arb.http} or {@code --url}.
 */
abstract class ControlCommand extends BaseCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The exit codes, as every control command's help says them. */
  static final String EXIT_CODES =
      "Exit codes: 0 done (or already so), 1 no daemon answers or it refused (e.g. resume while"
          + " stopping), 2 bad options, no token, or the daemon rejected the token.";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Base URL of the daemon. Default: http://arb.http.host:arb.http.port (127.0.0.1 when"
              + " bound to all addresses).")
  String url;

  @Option(names = "--json", description = "Print the daemon's answer as JSON.")
  boolean json;

  /** The route posted to, e.g. {@code /pause}. */
  abstract String route();

  /** What was done, for people, from the daemon's answer. */
  abstract String done(JsonNode answer);

  @Override
  protected int execute() {
    String name = spec.qualifiedName(" ").replaceFirst("^arb ", "");
    ArbConfig cfg = config().config();
    String base = (url != null ? url : StatusCommand.defaultUrl(cfg.http())).replaceAll("/+$", "");
    URI uri = uri(name, base);
    String tokenKey = "arb.http.token";
    Optional<SecretRef> ref = cfg.http().token();
    String where = ref.map(SecretRef::describe).orElse("arb.http.token");
    Optional<Secret> token = new SecretResolver(context().env()).resolveIfSet(tokenKey, ref);
    if (token.isEmpty()) {
      throw new ConfigException(
          name
              + ": no control token: "
              + (ref.isPresent()
                  ? "set " + variable(ref.get()) + " to the token the daemon was started with"
                  : "arb.http.token is off in the config; set it to { env = \"ARB_HTTP_TOKEN\" }"
                      + " as the daemon has it"));
    }
    HttpResponse<String> r = post(name, uri, base, token.get());
    JsonNode answer = answer(name, uri, r);
    int code = r.statusCode();
    if (code == 401 || code == 403) {
      String said = answer.path("error").asText("");
      if (said.contains("no token is configured")) {
        throw new ArbException(
            name
                + ": the daemon at "
                + base
                + " has its control routes off (it was started without a token); restart it"
                + " with ARB_HTTP_TOKEN set");
      }
      throw new ConfigException(
          name
              + ": the daemon at "
              + base
              + " rejected the token from "
              + where
              + "; set it to the token the daemon was started with");
    }
    if (code == 409) {
      throw new ArbException(name + ": the daemon refused: " + answer.path("error").asText());
    }
    if (code != 200 && code != 202) {
      throw new ArbException(
          name
              + ": the daemon at "
              + base
              + " answered HTTP "
              + code
              + (answer.has("error") ? ": " + answer.path("error").asText() : ""));
    }
    out().println(json ? Json.pretty(answer) : done(answer));
    return ExitCode.OK;
  }

  private static String variable(SecretRef ref) {
    return ref instanceof SecretRef.Env e ? e.name() : "the file " + ((SecretRef.File) ref).path();
  }

  private URI uri(String name, String base) {
    try {
      URI u = URI.create(base + route());
      if (u.getScheme() == null || !u.getScheme().startsWith("http") || u.getHost() == null) {
        throw new IllegalArgumentException("not an http URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          name + ": --url must be an http:// URL such as http://127.0.0.1:8742, got " + base);
    }
  }

  private static HttpResponse<String> post(String name, URI uri, String base, Secret token) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      return client.send(
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + token.reveal())
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ArbException(
          name
              + ": no arb daemon answers at "
              + base
              + " — is `arb run` running? (check 'systemctl status arb', or pass --url)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArbException(name + ": interrupted");
    }
  }

  private static JsonNode answer(String name, URI uri, HttpResponse<String> r) {
    try {
      JsonNode n = Json.tree(r.body());
      if (n.isObject()) {
        return n;
      }
    } catch (IOException e) {
      // not JSON: said below
    }
    throw new ArbException(
        name + ": " + uri + " answered HTTP " + r.statusCode() + " without JSON; is it arb?");
  }

  static String state(JsonNode a) {
    return "state "
        + a.path("state").asText()
        + ", kill switch "
        + (a.path("kill_switch").asBoolean() ? "on" : "off");
  }

  /** {@code arb pause}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Pause the running daemon (POST /pause): it stops scanning and keeps serving.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  arb pause",
        "  arb pause --url http://127.0.0.1:8742",
        "",
        EXIT_CODES
      })
  static final class Pause extends ControlCommand {
    @Override
    String route() {
      return "/pause";
    }

    @Override
    String done(JsonNode a) {
      return (a.path("changed").asBoolean() ? "paused" : "already paused") + " (" + state(a) + ")";
    }
  }

  /** {@code arb resume}. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Resume the running daemon (POST /resume): it scans again; this also turns the kill"
            + " switch off.",
        ""
      },
      footer = {"", "Examples:", "  arb resume", "  arb resume --json", "", EXIT_CODES})
  static final class Resume extends ControlCommand {
    @Override
    String route() {
      return "/resume";
    }

    @Override
    String done(JsonNode a) {
      return (a.path("changed").asBoolean() ? "resumed" : "already running")
          + " ("
          + state(a)
          + ")";
    }
  }

  /** {@code arb kill-switch on|off}. */
  @Command(
      name = "kill-switch",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Turn the running daemon's kill switch on (POST /kill-switch: no new scan, nothing more"
            + " recorded, at once) or off (POST /resume: the daemon scans again, and is no longer"
            + " paused).",
        ""
      },
      footer = {"", "Examples:", "  arb kill-switch on", "  arb kill-switch off", "", EXIT_CODES})
  static final class KillSwitch extends ControlCommand {
    /** The two positions. */
    enum Position {
      ON,
      OFF
    }

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off")
    Position position;

    @Override
    String route() {
      return position == Position.ON ? "/kill-switch" : "/resume";
    }

    @Override
    String done(JsonNode a) {
      boolean changed = a.path("changed").asBoolean();
      String what =
          position == Position.ON
              ? (changed ? "kill switch on" : "kill switch already on")
              : (changed ? "kill switch off, running" : "kill switch already off, running");
      return what + " (" + state(a) + ")";
    }
  }

  /** {@code arb stop}. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Stop the running daemon cleanly (POST /stop), as SIGTERM: the scan in progress ends and"
            + " every record is written first.",
        ""
      },
      footer = {"", "Examples:", "  arb stop", "  arb stop --json", "", EXIT_CODES})
  static final class Stop extends ControlCommand {
    @Override
    String route() {
      return "/stop";
    }

    @Override
    String done(JsonNode a) {
      return (a.path("changed").asBoolean() ? "stopping" : "already stopping")
          + " ("
          + state(a)
          + ")";
    }
  }
}
