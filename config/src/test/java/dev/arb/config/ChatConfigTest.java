package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb.chat.telegram}: defaults, a working bot, and the mistakes an operator makes. */
class ChatConfigTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

  @TempDir Path dir;

  private ArbConfig load(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return ConfigLoader.load(Optional.of(p), ENV, Map.of()).config();
  }

  private List<String> problems(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(Optional.of(p), ENV, Map.of()))
        .problems();
  }

  @Test
  void offByDefaultWithTheTokenFromTheEnvironment() {
    ChatConfig.Telegram t =
        ConfigLoader.load(Optional.empty(), ENV, Map.of()).config().chat().telegram();
    assertThat(t.enabled()).isFalse();
    assertThat(t.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
    assertThat(t.allowedChats()).isEmpty();
    assertThat(t.token()).contains(new SecretRef.Env("ARB_TELEGRAM_TOKEN"));
    assertThat(t.pollTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(ChatConfig.defaults()).isEqualTo(new ChatConfig(t));
  }

  @Test
  void readsAnEnabledBotWithGroupIdsAndAStandInUrl() throws IOException {
    ChatConfig.Telegram t =
        load("arb.chat.telegram { enabled = true, api-url = \"http://127.0.0.1:9/\","
                + " allowed-chats = [123456789, -1001234567890, \"42\"], poll-timeout = 2s }")
            .chat()
            .telegram();
    assertThat(t.enabled()).isTrue();
    assertThat(t.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));
    assertThat(t.allowedChats()).containsExactly(123456789L, -1001234567890L, 42L);
    assertThat(t.pollTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void enabledWithoutChatsSaysWhatToList() throws IOException {
    assertThat(problems("arb.chat.telegram.enabled = true"))
        .singleElement()
        .asString()
        .startsWith("config: arb.chat.telegram.allowed-chats is empty while the bot is enabled")
        .contains("arb.conf line 1");
  }

  @Test
  void enabledWithoutTokenReferenceSaysWhereToKeepIt() throws IOException {
    assertThat(problems("arb.chat.telegram { enabled = true, allowed-chats = [1], token = null }"))
        .singleElement()
        .asString()
        .startsWith("config: arb.chat.telegram.token is null while the bot is enabled")
        .contains("ARB_TELEGRAM_TOKEN");
  }

  @Test
  void aPastedTokenIsRefusedWithoutShowingIt() throws IOException {
    String pasted = "123456:AAH-pasted-secret";
    List<String> p = problems("arb.chat.telegram.token = \"" + pasted + "\"");
    assertThat(p).singleElement().asString().startsWith("config: arb.chat.telegram.token must say");
    assertThat(String.join("\n", p)).doesNotContain(pasted);
  }

  @Test
  void badChatIdsAndWaitsAreNamed() throws IOException {
    assertThat(problems("arb.chat.telegram.allowed-chats = [1.5]"))
        .singleElement()
        .asString()
        .startsWith("config: arb.chat.telegram.allowed-chats must be a list of chat ids");
    assertThat(problems("arb.chat.telegram.allowed-chats = [\"me\"]"))
        .singleElement()
        .asString()
        .contains("got \"me\"");
    assertThat(problems("arb.chat.telegram.poll-timeout = 60s"))
        .singleElement()
        .asString()
        .startsWith("config: arb.chat.telegram.poll-timeout must be a duration from 1s to 50s");
    assertThat(problems("arb.chat.telegram.api-url = \"ftp://x\""))
        .singleElement()
        .asString()
        .startsWith("config: arb.chat.telegram.api-url must be a URL starting with http://");
  }
}
