package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryTimeArgTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "90s, 2026-11-24T11:58:30Z",
    "30m, 2026-11-24T11:30:00Z",
    "2h, 2026-11-24T10:00:00Z",
    "7d, 2026-11-17T12:00:00Z",
    "2H, 2026-11-24T10:00:00Z",
    "2026-11-24T10:00:00Z, 2026-11-24T10:00:00Z",
    "2026-11-24T10:00:00.250Z, 2026-11-24T10:00:00.250Z",
    "2026-11-24T10:00:00+01:00, 2026-11-24T09:00:00Z",
    "2026-11-20, 2026-11-20T00:00:00Z"
  })
  void resolvesEveryAcceptedForm(String text, String expected) {
    assertThat(TimeArg.parse(text).resolve(NOW)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void relativeValuesFollowTheClock() {
    TimeArg twoHours = TimeArg.parse("2h");
    Clock later = Clock.offset(NOW, java.time.Duration.ofHours(1));
    assertThat(twoHours.resolve(later)).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2h30m", "-2h", "2026-13-01", "2026-11-24T10:00:00", ""})
  void rejectsOtherTextNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> TimeArg.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a time; use " + TimeArg.FORMS);
  }
}
