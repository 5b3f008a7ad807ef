package dev.arb.daemon.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.config.Secret;
import dev.arb.engine.json.Json;
import dev.arb.engine.text.Durations;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Telegram Bot API over HTTPS ({@code POST <api-url>/bot<token>/<method>} with a JSON body;
 * answers {@code {"ok": true, "result": ...}} or {@code {"ok": false, "error_code": N,
 * "description": "..."}}). The token is in the path: every message this class makes names the
 * method and the host only, and anything a server says back is cleared of the token.
 */
public final class TelegramApi implements BotApi {

  /** A bot token as @BotFather gives it: the bot id, a colon, letters, digits, - and _. */
  private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{10,200}");

  /** Connect timeout of every call. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Time a call may take beyond its long-poll wait. */
  static final Duration SLACK = Duration.ofSeconds(10);

  /** Longest text of one message (Telegram's limit is 4096 characters). */
  static final int MAX_TEXT = 4000;

  private final URI apiUrl;
  private final Secret token;
  private final HttpClient client;

  /**
   * @param apiUrl the Bot API's base URL, such as {@code https://api.telegram.org}
   * @param token the bot token
   * @throws ConfigException when the token does not look like a bot token (the value is not shown)
   */
  public TelegramApi(URI apiUrl, Secret token) {
    if (!TOKEN.matcher(token.reveal()).matches()) {
      throw new ConfigException(
          "config: arb.chat.telegram.token ("
              + token.source()
              + ") is not a bot token as @BotFather gives it (digits, a colon, then letters,"
              + " digits, - or _); the value is not shown");
    }
    String base = apiUrl.toString();
    this.apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.token = token;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Updates updates(long offset, Duration wait) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("offset", offset);
    body.put("timeout", Math.max(0, wait.toSeconds()));
    body.put("allowed_updates", List.of("message"));
    JsonNode result = call("getUpdates", body, wait.plus(SLACK));
    if (!result.isArray()) {
      throw new ChatApiException("getUpdates: the answer's result is not a list", Optional.empty());
    }
    long last = -1;
    List<Message> messages = new ArrayList<>();
    for (JsonNode u : result) {
      JsonNode id = u.get("update_id");
      if (id == null || !id.canConvertToLong()) {
        throw new ChatApiException("getUpdates: an update without an update_id", Optional.empty());
      }
      last = Math.max(last, id.asLong());
      JsonNode m = u.get("message");
      if (m == null || !m.isObject()) {
        continue;
      }
      JsonNode chat = m.path("chat").get("id");
      if (chat == null || !chat.canConvertToLong()) {
        continue;
      }
      JsonNode text = m.get("text");
      messages.add(
          new Message(
              id.asLong(),
              chat.asLong(),
              text != null && text.isTextual() ? text.asText() : "",
              Instant.ofEpochSecond(m.path("date").asLong(0))));
    }
    return new Updates(last, messages);
  }

  @Override
  public void send(long chatId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chat_id", chatId);
    body.put("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
    call("sendMessage", body, SLACK);
  }

  /** Calls {@code method} and gives its {@code result}. */
  private JsonNode call(String method, Object body, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token.reveal() + "/" + method))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw failure(method, "no answer from " + host() + " within " + Durations.format(timeout));
    } catch (ConnectException e) {
      throw failure(method, "cannot connect to " + host());
    } catch (IOException e) {
      throw failure(method, "connection to " + host() + " failed (" + clean(e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(method, "interrupted");
    }
    JsonNode answer;
    try {
      answer = Json.tree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject() || !answer.has("ok")) {
      throw failure(
          method, "HTTP " + response.statusCode() + " from " + host() + " and no Bot API answer");
    }
    if (!answer.path("ok").asBoolean(false)) {
      Optional<Duration> retryAfter =
          answer.path("parameters").has("retry_after")
              ? Optional.of(
                  Duration.ofSeconds(answer.path("parameters").path("retry_after").asLong()))
              : Optional.empty();
      String description = clean(answer.path("description").asText("no description"));
      return throwRefused(
          method, answer.path("error_code").asInt(response.statusCode()), description, retryAfter);
    }
    return answer.path("result");
  }

  private static JsonNode throwRefused(
      String method, int code, String description, Optional<Duration> retryAfter) {
    throw new ChatApiException(
        method + ": refused (" + code + ": " + description + ")", retryAfter);
  }

  private static ChatApiException failure(String method, String why) {
    return new ChatApiException(method + ": " + why, Optional.empty());
  }

  private String host() {
    return apiUrl.getPort() < 0 ? apiUrl.getHost() : apiUrl.getHost() + ":" + apiUrl.getPort();
  }

  /** {@code text} without the token, cut to 200 characters. */
  String clean(String text) {
    if (text == null || text.isBlank()) {
      return "no detail";
    }
    String s = text.replace(token.reveal(), "<token>");
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
