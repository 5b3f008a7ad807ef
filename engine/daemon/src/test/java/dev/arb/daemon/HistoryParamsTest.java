package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryParamsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void readsHistorysFiltersFromQueryParameters() {
    HistoryQuery q =
        HistoryParams.parse(
            Map.of(
                "since", "2h",
                "until", "2026-03-01T09:30:00+01:00",
                "status", "executed,Failed",
                "exchange", " kraken ",
                "asset", "ETH",
                "min_profit_bp", "2.5"),
            NOW,
            50);
    assertThat(q.since()).contains(Instant.parse("2026-03-01T08:00:00Z"));
    assertThat(q.until()).contains(Instant.parse("2026-03-01T08:30:00Z"));
    assertThat(q.statuses())
        .containsExactlyInAnyOrder(OpportunityStatus.EXECUTED, OpportunityStatus.FAILED);
    assertThat(q.exchange()).contains("kraken");
    assertThat(q.asset()).contains("ETH");
    assertThat(q.minProfitBp().getAsDouble()).isEqualTo(2.5);
    assertThat(q.limit()).isEqualTo(50);

    HistoryQuery day = HistoryParams.parse(Map.of("since", "2026-02-27"), NOW, 1);
    assertThat(day.since()).contains(Instant.parse("2026-02-27T00:00:00Z"));
    assertThat(day.until()).isEmpty();
    assertThat(day.statuses()).isEmpty();
  }

  @Test
  void refusesBadValuesNamingTheParameter() {
    assertThatThrownBy(() -> HistoryParams.parse(Map.of("since", "yesterday"), NOW, 1))
        .isInstanceOf(HistoryParams.BadParameter.class)
        .hasMessageStartingWith("since: 'yesterday' is not a time; use an ISO-8601 instant");
    assertThatThrownBy(() -> HistoryParams.parse(Map.of("status", "won"), NOW, 1))
        .hasMessageStartingWith("status: unknown status 'won'");
    assertThatThrownBy(() -> HistoryParams.parse(Map.of("min_profit_bp", "lots"), NOW, 1))
        .hasMessage("min_profit_bp must be a number of basis points, got 'lots'");
    assertThatThrownBy(() -> HistoryParams.parse(Map.of("since", "1h", "until", "2h"), NOW, 1))
        .hasMessageContaining("must be before until");
  }
}
