package dev.arb.daemon.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the bot reads as a command. */
class ChatCommandTest {

  @Test
  void readsCommandsWithBotNamesArgumentsAndCase() {
    assertThat(ChatCommand.parse("/status")).contains(ChatCommand.STATUS);
    assertThat(ChatCommand.parse("  /Pause@arb_bot  ")).contains(ChatCommand.PAUSE);
    assertThat(ChatCommand.parse("/resume please")).contains(ChatCommand.RESUME);
    assertThat(ChatCommand.parse("/kill_on")).contains(ChatCommand.KILL_ON);
    assertThat(ChatCommand.parse("/killswitch ON")).contains(ChatCommand.KILL_ON);
    assertThat(ChatCommand.parse("/killswitch@arb_bot off")).contains(ChatCommand.KILL_OFF);
    assertThat(ChatCommand.parse("/start")).contains(ChatCommand.HELP);
  }

  @Test
  void anythingElseIsNoCommand() {
    assertThat(ChatCommand.parse("/killswitch")).isEmpty();
    assertThat(ChatCommand.parse("/killswitch maybe")).isEmpty();
    assertThat(ChatCommand.parse("pause")).isEmpty();
    assertThat(ChatCommand.parse("/pauses")).isEmpty();
    assertThat(ChatCommand.parse("")).isEmpty();
    assertThat(ChatCommand.parse(null)).isEmpty();
  }

  @Test
  void helpListsEveryCommand() {
    String help = ChatCommand.help();
    for (ChatCommand c : ChatCommand.values()) {
      assertThat(help).contains("\n" + c.word() + " - ");
    }
    assertThat(help).contains("/killswitch on|off");
  }
}
