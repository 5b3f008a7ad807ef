package dev.arb.daemon;

import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.ArbException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters of {@code arb history} as query parameters of an HTTP route: {@code since}, {@code
 * until} (an ISO-8601 instant, a date meaning the start of that day in UTC, or an age such as
 * {@code 30m}, {@code 2h}, {@code 7d}), {@code status} (comma-separated), {@code exchange}, {@code
 * asset}, {@code min_profit_bp} and {@code instance} (records stored by that arb process).
 */
final class HistoryParams {

  /** The parameter names understood. */
  static final Set<String> KEYS =
      Set.of("since", "until", "status", "exchange", "asset", "min_profit_bp", "instance");

  /** The same, for error messages. */
  static final String NAMES = "since, until, status, exchange, asset, min_profit_bp, instance";

  private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

  private HistoryParams() {}

  /** A parameter that is not valid; its message is for people and names the parameter. */
  static final class BadParameter extends ArbException {
    private static final long serialVersionUID = 1L;

    BadParameter(String message) {
      super(message);
    }
  }

  /**
   * The query the history parameters among {@code params} ask for (other parameters are left to the
   * caller), with at most {@code limit} rows; ages are counted back from {@code now}.
   *
   * @throws BadParameter naming the parameter and what it accepts
   */
  static HistoryQuery parse(Map<String, String> params, Instant now, int limit) {
    Optional<Instant> since = time(params, "since", now);
    Optional<Instant> until = time(params, "until", now);
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      throw new BadParameter(
          "since (" + since.get() + ") must be before until (" + until.get() + ")");
    }
    Set<OpportunityStatus> statuses = EnumSet.noneOf(OpportunityStatus.class);
    String status = params.get("status");
    if (status != null && !status.isBlank()) {
      for (String s : status.split(",")) {
        try {
          statuses.add(OpportunityStatus.parse(s));
        } catch (IllegalArgumentException e) {
          throw new BadParameter("status: " + e.getMessage());
        }
      }
    }
    OptionalDouble minBp = OptionalDouble.empty();
    String bp = params.get("min_profit_bp");
    if (bp != null) {
      try {
        double v = Double.parseDouble(bp.trim());
        if (!Double.isFinite(v)) {
          throw new NumberFormatException();
        }
        minBp = OptionalDouble.of(v);
      } catch (NumberFormatException e) {
        throw new BadParameter("min_profit_bp must be a number of basis points, got '" + bp + "'");
      }
    }
    return new HistoryQuery(
        since,
        until,
        statuses,
        text(params, "exchange"),
        text(params, "asset"),
        minBp,
        limit,
        text(params, "instance"));
  }

  private static Optional<String> text(Map<String, String> params, String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static Optional<Instant> time(Map<String, String> params, String name, Instant now) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    String t = v.trim();
    Matcher m = AGE.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return Optional.of(now.minus(d));
    }
    try {
      if (t.length() == 10) {
        return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeException e) {
      throw new BadParameter(
          name
              + ": '"
              + v
              + "' is not a time; use an ISO-8601 instant (2026-11-24T10:00:00Z), a date"
              + " (2026-11-24) or an age (90s, 30m, 2h, 7d)");
    }
  }
}
