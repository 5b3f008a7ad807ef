package dev.arb.daemon.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.config.Secret;
import dev.arb.error.ConfigException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The token stays out of every message the API client makes. */
class TelegramApiTest {
  private static final String TOKEN = "123456789:AAE-not-a-real-token_0123";

  @Test
  void whatAServerSaysIsClearedOfTheTokenAndCut() {
    TelegramApi api =
        new TelegramApi(URI.create("http://127.0.0.1:1/"), new Secret(TOKEN, "env ARB_X"));
    assertThat(api.clean("POST http://127.0.0.1:1/bot" + TOKEN + "/getUpdates: reset"))
        .isEqualTo("POST http://127.0.0.1:1/bot<token>/getUpdates: reset");
    assertThat(api.clean("x".repeat(300))).hasSize(201).endsWith("…");
    assertThat(api.clean(null)).isEqualTo("no detail");
  }

  @Test
  void aMalformedTokenIsRefusedNamingWhereItCameFromNotWhatItIs() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                new TelegramApi(
                    URI.create("https://api.telegram.org"),
                    new Secret("pasted/../secret value", "env ARB_TELEGRAM_TOKEN")));
    assertThat(e.getMessage())
        .startsWith("config: arb.chat.telegram.token (env ARB_TELEGRAM_TOKEN) is not a bot token")
        .doesNotContain("pasted")
        .doesNotContain("secret value");
  }
}
