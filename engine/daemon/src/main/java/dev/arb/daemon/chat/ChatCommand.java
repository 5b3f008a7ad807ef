package dev.arb.daemon.chat;

import java.util.Locale;
import java.util.Optional;

/** The commands the bot obeys, as typed in the chat. */
public enum ChatCommand {
  /** {@code /status}. */
  STATUS("/status", "state, kill switch, uptime, scans, data age"),
  /** {@code /pause}. */
  PAUSE("/pause", "pause scanning and trading"),
  /** {@code /resume}. */
  RESUME("/resume", "resume (also clears the kill switch)"),
  /** {@code /kill_on} or {@code /killswitch on}. */
  KILL_ON("/kill_on", "engage the kill switch: nothing new is scanned, recorded or traded"),
  /** {@code /kill_off} or {@code /killswitch off}. */
  KILL_OFF("/kill_off", "clear the kill switch and run again"),
  /** {@code /help} or {@code /start}. */
  HELP("/help", "this list");

  private final String word;
  private final String says;

  ChatCommand(String word, String says) {
    this.word = word;
    this.says = says;
  }

  /** The command as typed. */
  public String word() {
    return word;
  }

  /**
   * The command in a message's text: its first word, without a {@code @botname} suffix (as group
   * chats send it); {@code /killswitch on|off} is the same as {@code /kill_on|/kill_off}. Empty for
   * anything else.
   */
  public static Optional<ChatCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] words = text.trim().split("\\s+");
    String first = words[0].toLowerCase(Locale.ROOT);
    int at = first.indexOf('@');
    if (at > 0) {
      first = first.substring(0, at);
    }
    if (first.equals("/killswitch") || first.equals("/kill_switch")) {
      String arg = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
      return switch (arg) {
        case "on" -> Optional.of(KILL_ON);
        case "off" -> Optional.of(KILL_OFF);
        default -> Optional.empty();
      };
    }
    if (first.equals("/start")) {
      return Optional.of(HELP);
    }
    for (ChatCommand c : values()) {
      if (c.word.equals(first)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The help text: every command and what it does. */
  public static String help() {
    StringBuilder b = new StringBuilder("arb commands:");
    for (ChatCommand c : values()) {
      b.append('\n').append(c.word).append(" - ").append(c.says);
    }
    b.append("\n/killswitch on|off - the same as /kill_on, /kill_off");
    return b.toString();
  }
}
