package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.config.AlertsConfig.Format;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Alert ALERT =
      new Alert(
          "kill_switch",
          "critical",
          "kill switch \"engaged\"",
          Instant.parse("2026-11-24T10:00:00Z"),
          Map.of("b", "2", "a", "1"));

  @Test
  void genericCarriesEveryFieldAsJson() throws Exception {
    JsonNode n = JSON.readTree(WebhookNotifier.payload(ALERT, Format.GENERIC));
    assertThat(n.get("source").asText()).isEqualTo("arb");
    assertThat(n.get("event").asText()).isEqualTo("kill_switch");
    assertThat(n.get("severity").asText()).isEqualTo("critical");
    assertThat(n.get("text").asText()).isEqualTo("kill switch \"engaged\"");
    assertThat(n.get("at").asText()).isEqualTo("2026-11-24T10:00:00Z");
    assertThat(n.get("fields").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void slackAndDiscordGetTheirOneTextField() throws Exception {
    JsonNode slack = JSON.readTree(WebhookNotifier.payload(ALERT, Format.SLACK));
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get("text").asText())
        .isEqualTo("[arb] CRITICAL kill_switch: kill switch \"engaged\"");
    JsonNode discord = JSON.readTree(WebhookNotifier.payload(ALERT, Format.DISCORD));
    assertThat(discord.size()).isEqualTo(1);
    assertThat(discord.get("content").asText()).isEqualTo(slack.get("text").asText());
  }
}
