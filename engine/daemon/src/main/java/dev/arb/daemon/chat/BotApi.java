package dev.arb.daemon.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A chat service's bot API as the bot uses it: read new messages, answer one. */
public interface BotApi {

  /**
   * A text message to the bot.
   *
   * @param updateId the update that carried it
   * @param chatId the chat it came from (negative for groups)
   * @param text its text, empty when it has none (a photo, a sticker)
   * @param sentAt when it was sent, as the service says
   */
  record Message(long updateId, long chatId, String text, Instant sentAt) {
    public Message {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sentAt, "sentAt");
    }
  }

  /**
   * What one poll returned.
   *
   * @param lastUpdateId the highest update id in it, -1 when it had none; the next poll asks for
   *     the updates after it
   * @param messages the text messages in it, in order (other updates are skipped)
   */
  record Updates(long lastUpdateId, List<Message> messages) {
    public Updates {
      messages = List.copyOf(messages);
    }
  }

  /**
   * The updates from {@code offset} on, waiting up to {@code wait} for one (long polling); asking
   * with an offset confirms every update before it.
   *
   * @throws ChatApiException when the service cannot be reached or refuses
   */
  Updates updates(long offset, Duration wait);

  /**
   * Sends {@code text} to chat {@code chatId}.
   *
   * @throws ChatApiException when the service cannot be reached or refuses
   */
  void send(long chatId, String text);
}
