package dev.arb.daemon.chat;

import java.time.Instant;

/**
 * Chat control in {@code /status} ({@code chat}): never the token.
 *
 * @param service the chat service, {@code telegram}
 * @param enabled whether the bot polls ({@code arb.chat.telegram.enabled})
 * @param allowedChats how many chats it obeys
 * @param lastPollAt the last poll that got an answer, {@code null} before the first
 * @param lastPollAgeSeconds seconds since then
 * @param polls polls answered so far
 * @param commands commands carried out so far (from allowed chats)
 * @param ignored messages ignored so far (chats not allowed, sent before the start)
 * @param errors failed calls so far (polls and answers)
 * @param lastErrorAt the last failure, {@code null} if none
 * @param lastError what it was, for people
 * @param retryInSeconds while failing, the wait before the next poll; {@code null} otherwise
 */
public record ChatStatus(
    String service,
    boolean enabled,
    int allowedChats,
    Instant lastPollAt,
    Double lastPollAgeSeconds,
    long polls,
    long commands,
    long ignored,
    long errors,
    Instant lastErrorAt,
    String lastError,
    Double retryInSeconds) {

  /** Chat control switched off. */
  public static ChatStatus off() {
    return new ChatStatus("telegram", false, 0, null, null, 0, 0, 0, 0, null, null, null);
  }
}
