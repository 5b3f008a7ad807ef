package dev.arb.daemon.chat;

import dev.arb.error.ArbException;
import java.time.Duration;
import java.util.Optional;

/**
 * A call to the chat service failed: the message says which call and why, for people, and never
 * holds the bot token (no cause from the HTTP library is attached, since its messages may quote the
 * URL, which holds the token).
 */
public final class ChatApiException extends ArbException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<Duration> retryAfter;

  /**
   * @param message what failed, without the token
   * @param retryAfter how long the service asked to wait before the next call, if it did
   */
  public ChatApiException(String message, Optional<Duration> retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long the service asked to wait (HTTP 429 with {@code retry_after}), if it did. */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
