package dev.arb.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time given on the command line: an ISO-8601 instant ({@code 2026-11-24T10:00:00Z}, an
 * offset such as {@code +01:00} allowed), a date ({@code 2026-11-24}, meaning the start of that day
 * in UTC), or an age relative to now ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}). Relative
 * values are resolved against a clock when the command runs.
 *
 * @param absolute the instant, or null when relative
 * @param ago how long before now, or null when absolute
 */
record TimeArg(Instant absolute, Duration ago) {

  /** What the parser accepts, for error messages and help. */
  static final String FORMS =
      "an ISO-8601 instant (2026-11-24T10:00:00Z), a date (2026-11-24, start of day UTC)"
          + " or an age (90s, 30m, 2h, 7d)";

  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");

  /** The instant this stands for, relative values counted back from the clock's now. */
  Instant resolve(Clock clock) {
    return absolute != null ? absolute : clock.instant().minus(ago);
  }

  /**
   * Parses a time argument.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  static TimeArg parse(String text) {
    String t = text.trim();
    Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return new TimeArg(null, d);
    }
    try {
      if (t.length() == 10) {
        return new TimeArg(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant(), null);
      }
      return new TimeArg(OffsetDateTime.parse(t).toInstant(), null);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time; use " + FORMS, e);
    }
  }

  /** picocli converter: a bad value becomes a usage error naming the option. */
  static final class Converter implements ITypeConverter<TimeArg> {
    @Override
    public TimeArg convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
