package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The keys of the daemon's JSON answers: present, left out, and in order. */
class StatusJsonTest {
  private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aReplayedExchangeHasOnlyItsBooksAndAge() {
    assertThat(Json.write(new StatusJson.Exchange(2, T, 1.5, null)))
        .isEqualTo("{\"books\":2,\"newest_book\":\"2026-12-07T10:00:00Z\",\"age_seconds\":1.5}");
  }

  @Test
  void aLiveExchangeAddsItsHealthWithNullsWhereNothingIsKnown() {
    StatusJson.Live down =
        new StatusJson.Live("unknown", "poll", true, null, T, 0, null, null, 3, 1, null);
    assertThat(Json.write(new StatusJson.Exchange(0, null, null, down)))
        .isEqualTo(
            "{\"books\":0,\"age_seconds\":null,\"health\":\"unknown\",\"feed\":\"poll\","
                + "\"down\":true,\"last_data_at\":null,\"no_data_since\":\"2026-12-07T10:00:00Z\","
                + "\"problems\":0,\"last_error\":null,\"retry_at\":null,\"api_errors_total\":3,"
                + "\"api_retries_total\":1}");
    StatusJson.Live streaming =
        new StatusJson.Live(
            "ok",
            "stream",
            false,
            T,
            null,
            0,
            null,
            null,
            0,
            0,
            new StatusJson.Stream(true, 2, 0, T, 0.25));
    assertThat(Json.write(new StatusJson.Exchange(4, T, 0.25, streaming)))
        .endsWith(
            "\"api_retries_total\":0,\"stream\":{\"connected\":true,\"reconnects\":2,\"gaps\":0,"
                + "\"last_message_at\":\"2026-12-07T10:00:00Z\",\"last_message_age_seconds\":0.25}}");
  }

  @Test
  void healthGivesAReasonOnlyWhenUnavailableAndErrorsAreOneShape() {
    assertThat(Json.write(new Routes.HealthJson("ok", "running", false, null)))
        .isEqualTo("{\"status\":\"ok\",\"state\":\"running\",\"kill_switch\":false}");
    assertThat(Json.write(new Routes.HealthJson("unavailable", "paused", true, "x")))
        .isEqualTo(
            "{\"status\":\"unavailable\",\"state\":\"paused\",\"kill_switch\":true,"
                + "\"reason\":\"x\"}");
    HttpEndpoint.Response r = HttpEndpoint.Response.error(404, "no such \"route\"");
    assertThat(r.body()).isEqualTo("{\"error\":\"no such \\\"route\\\"\"}");
    assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
  }
}
