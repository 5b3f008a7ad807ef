package dev.arb.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Control of the daemon from a chat ({@code arb.chat}): a Telegram bot that answers {@code
 * /status}, {@code /pause}, {@code /resume} and the kill switch in the chats allowed.
 *
 * @param telegram the Telegram bot ({@code arb.chat.telegram})
 */
public record ChatConfig(Telegram telegram) {

  /** Longest long-poll wait of one {@code getUpdates} call the config accepts. */
  public static final Duration MAX_POLL_TIMEOUT = Duration.ofSeconds(50);

  public ChatConfig {
    Objects.requireNonNull(telegram, "telegram");
  }

  /**
   * The Telegram bot ({@code arb.chat.telegram}).
   *
   * @param enabled whether {@code arb run} polls for commands
   * @param apiUrl the Bot API's base URL, without the {@code /bot<token>} part
   * @param allowedChats the chat ids whose commands are obeyed (group ids are negative); messages
   *     from any other chat are ignored and never answered; not empty when enabled
   * @param token where the bot token is kept (a secret reference); present when enabled
   * @param pollTimeout how long one {@code getUpdates} call waits for a message (1 s to 50 s)
   */
  public record Telegram(
      boolean enabled,
      URI apiUrl,
      List<Long> allowedChats,
      Optional<SecretRef> token,
      Duration pollTimeout) {

    /** Default of {@code api-url}. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");

    public Telegram {
      Objects.requireNonNull(apiUrl, "apiUrl");
      allowedChats = List.copyOf(allowedChats);
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(pollTimeout, "pollTimeout");
      if (pollTimeout.compareTo(Duration.ofSeconds(1)) < 0
          || pollTimeout.compareTo(MAX_POLL_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "pollTimeout must be from 1s to 50s, got " + pollTimeout.toSeconds() + "s");
      }
      if (enabled && allowedChats.isEmpty()) {
        throw new IllegalArgumentException("an enabled bot needs at least one allowed chat");
      }
      if (enabled && token.isEmpty()) {
        throw new IllegalArgumentException("an enabled bot needs a token reference");
      }
    }
  }

  /** The defaults of {@code reference.conf}: off, token from {@code ARB_TELEGRAM_TOKEN}. */
  public static ChatConfig defaults() {
    return new ChatConfig(
        new Telegram(
            false,
            Telegram.DEFAULT_API_URL,
            List.of(),
            Optional.of(new SecretRef.Env(ArbEnv.TELEGRAM_TOKEN)),
            Duration.ofSeconds(25)));
  }
}
