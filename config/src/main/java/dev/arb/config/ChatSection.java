package dev.arb.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code arb.chat}: the Telegram bot's switch, API URL, allowed chats, token and wait. */
final class ChatSection {
  private static final String P = "arb.chat.telegram";

  private ChatSection() {}

  /** The section; null when it has problems (they are in {@code r}). */
  static ChatConfig read(ConfigReader r) {
    int before = r.problems().size();
    boolean enabled = r.bool(P + ".enabled", false);
    String api = r.url(P + ".api-url", List.of("http", "https"));
    List<Long> chats = chatIds(r);
    Optional<SecretRef> token = r.secret(P + ".token");
    Duration wait =
        r.duration(
            P + ".poll-timeout",
            Duration.ofSeconds(1),
            false,
            false,
            "a duration from 1s to 50s such as 25s");
    if (wait != null && wait.compareTo(ChatConfig.MAX_POLL_TIMEOUT) > 0) {
      r.problem(P + ".poll-timeout", r.value(P + ".poll-timeout"), "a duration from 1s to 50s");
      wait = null;
    }
    if (enabled && chats.isEmpty() && r.problems().size() == before) {
      ConfigValue v = r.value(P + ".enabled");
      r.note(
          P + ".allowed-chats",
          v.origin(),
          "is empty while the bot is enabled: list the chat ids it obeys, such as [123456789]"
              + " (send the bot a message and read the chat id from `arb run`'s log)");
    }
    if (enabled && token.isEmpty() && r.problems().size() == before) {
      ConfigValue v = r.value(P + ".enabled");
      r.note(
          P + ".token",
          v.origin(),
          "is null while the bot is enabled: say where the bot token is kept, such as"
              + " { env = \"ARB_TELEGRAM_TOKEN\" }");
    }
    if (r.problems().size() != before || wait == null) {
      return null;
    }
    return new ChatConfig(
        new ChatConfig.Telegram(
            enabled,
            api == null ? ChatConfig.Telegram.DEFAULT_API_URL : URI.create(stripSlash(api)),
            chats,
            token,
            wait));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static List<Long> chatIds(ConfigReader r) {
    String path = P + ".allowed-chats";
    String allowed = "a list of chat ids (whole numbers, negative for groups), such as [123456789]";
    ConfigValue v = r.value(path);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return List.of();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      r.problem(path, v, allowed);
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    for (ConfigValue e : (ConfigList) v) {
      BigDecimal d = null;
      if (e.valueType() == ConfigValueType.NUMBER || e.valueType() == ConfigValueType.STRING) {
        try {
          d = new BigDecimal(e.unwrapped().toString().trim());
        } catch (NumberFormatException x) {
          d = null;
        }
      }
      if (d == null
          || d.stripTrailingZeros().scale() > 0
          || d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        r.problem(path, e, allowed);
        return List.of();
      }
      out.add(d.longValueExact());
    }
    return List.copyOf(out);
  }
}
