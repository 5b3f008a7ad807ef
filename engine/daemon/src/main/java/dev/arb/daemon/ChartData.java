package dev.arb.daemon;

import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The chart model: records counted per time bucket by status, expected vs realized profit of the
 * traded ones summed up over time per start asset (exact, in BigDecimal), trades and dead letters
 * per bucket. The daemon's {@code /aggregate} route serves it to the dashboard; {@code arb history
 * --plot} and {@code arb backtest --report} draw it. Pure: it sees the records it is given, nothing
 * else.
 */
public final class ChartData {

  /** Most buckets one answer holds; a finer bucket over a longer window is refused. */
  public static final int MAX_BUCKETS = 2000;

  /** A bucket width. */
  public enum Bucket {
    MINUTE(60),
    HOUR(3600),
    DAY(86_400);

    final long seconds;

    Bucket(long seconds) {
      this.seconds = seconds;
    }

    /** Its name in lower case: minute, hour or day. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The one named {@code text} (minute, hour, day).
     *
     * @throws HistoryParams.BadParameter naming the allowed values
     */
    public static Bucket parse(String text) {
      for (Bucket b : values()) {
        if (b.code().equalsIgnoreCase(text.trim())) {
          return b;
        }
      }
      throw new HistoryParams.BadParameter(
          "bucket must be minute, hour or day, got '" + text + "'");
    }

    /** The finest width giving at most a few hundred buckets over {@code span}. */
    public static Bucket auto(Duration span) {
      if (span.compareTo(Duration.ofHours(6)) <= 0) {
        return MINUTE;
      }
      return span.compareTo(Duration.ofDays(30)) <= 0 ? HOUR : DAY;
    }
  }

  /**
   * The charts' data; every series has one value per bucket of {@code times}.
   *
   * @param bucket the bucket width: minute, hour or day
   * @param bucketSeconds its length in seconds
   * @param from the window's start (the first bucket starts at or before it)
   * @param to the window's end
   * @param records records counted
   * @param complete false when the window held more records than were read: only the newest are
   *     counted (narrow the window or the filters)
   * @param times each bucket's start, seconds since the epoch
   * @param found records detected per bucket, by status (statuses without any left out)
   * @param profit per start asset, of the traded records (realized profit known): expected and
   *     realized profit summed from the window's start to each bucket's end, decimal strings
   * @param executed traded records that executed, per bucket
   * @param failed traded records that failed (aborted or unwound), per bucket
   * @param deadLetters dead letters written per bucket (the exchange, asset, status and profit
   *     filters do not apply to them)
   */
  public record ChartJson(
      String bucket,
      long bucketSeconds,
      Instant from,
      Instant to,
      int records,
      boolean complete,
      List<Long> times,
      Map<String, List<Integer>> found,
      List<Profit> profit,
      List<Integer> executed,
      List<Integer> failed,
      List<Integer> deadLetters) {}

  /**
   * Cumulative profit of one start asset.
   *
   * @param startAsset the asset the cycles start and end in
   * @param trades traded records in the window
   * @param expected expected profit summed up to each bucket's end
   * @param realized realized profit summed up to each bucket's end
   */
  public record Profit(
      String startAsset, int trades, List<String> expected, List<String> realized) {}

  /**
   * What the model needs of one record.
   *
   * @param at when it was detected
   * @param status where it stands
   * @param startAsset the asset its cycle starts and ends in
   * @param expected the profit sizing estimated
   * @param realized the profit made, {@code null} unless traded
   */
  public record Point(
      Instant at,
      OpportunityStatus status,
      String startAsset,
      BigDecimal expected,
      BigDecimal realized) {
    public Point {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(startAsset, "startAsset");
      Objects.requireNonNull(expected, "expected");
    }

    /** The point of a stored (or to be stored) record. */
    public static Point of(OpportunityRecord r) {
      return new Point(
          r.detectedAt(), r.status(), r.startAsset(), r.estimatedProfit(), r.realizedProfit());
    }
  }

  private ChartData() {}

  /**
   * Aggregates {@code records} and {@code deadLetters} (either order) in buckets of {@code bucket}
   * (chosen from the window's length when empty) over {@code from} (the oldest record when empty)
   * to {@code to}.
   *
   * @param complete whether {@code records} are all the window holds
   * @throws HistoryParams.BadParameter when the bucket is too fine for the window
   */
  public static ChartJson of(
      List<OpportunityRecord> records,
      boolean complete,
      List<DeadLetter> deadLetters,
      Optional<Bucket> bucket,
      Optional<Instant> from,
      Instant to) {
    return ofPoints(
        records.stream().map(Point::of).toList(),
        complete,
        deadLetters.stream().map(DeadLetter::createdAt).toList(),
        bucket,
        from,
        to);
  }

  /**
   * The chart of what {@code query} selects in {@code store} (the dashboard's {@code /aggregate},
   * {@code arb history --plot}): at most {@code query.limit()} of the newest records ({@code
   * complete} is false when the window held more) and as many dead letters of the window, which
   * ends at {@code query.until()} or {@code now}, whichever is earlier.
   *
   * @throws HistoryParams.BadParameter when the bucket is too fine for the window
   */
  public static ChartJson read(
      RecordStore store, HistoryQuery query, Optional<Bucket> bucket, Instant now) {
    int limit = query.limit();
    HistoryQuery oneMore =
        new HistoryQuery(
            query.since(),
            query.until(),
            query.statuses(),
            query.exchange(),
            query.asset(),
            query.minProfitBp(),
            limit == Integer.MAX_VALUE ? limit : limit + 1,
            query.instance());
    List<OpportunityRecord> found = store.opportunities().find(oneMore);
    boolean complete = found.size() <= limit;
    List<OpportunityRecord> records = complete ? found : found.subList(0, limit);
    List<DeadLetter> dead =
        store
            .deadLetters()
            .list(new DeadLetterRepository.Query(Set.of(), query.since(), limit))
            .stream()
            .filter(d -> query.until().map(u -> d.createdAt().isBefore(u)).orElse(true))
            .toList();
    Instant to = query.until().filter(u -> u.isBefore(now)).orElse(now);
    return of(records, complete, dead, bucket, query.since(), to);
  }

  /**
   * Like {@link #of}, from the points of the records and the times dead letters were written.
   *
   * @throws HistoryParams.BadParameter when the bucket is too fine for the window
   */
  public static ChartJson ofPoints(
      List<Point> records,
      boolean complete,
      List<Instant> deadLetters,
      Optional<Bucket> bucket,
      Optional<Instant> from,
      Instant to) {
    Instant earliest = from.orElseGet(() -> oldest(records, deadLetters).orElse(to));
    Instant start = earliest.isAfter(to) ? to : earliest;
    Bucket b = bucket.orElseGet(() -> Bucket.auto(Duration.between(start, to)));
    long first = Math.floorDiv(start.getEpochSecond(), b.seconds) * b.seconds;
    long last = Math.floorDiv(to.getEpochSecond(), b.seconds) * b.seconds;
    long n = (last - first) / b.seconds + 1;
    if (n > MAX_BUCKETS) {
      throw new HistoryParams.BadParameter(
          "bucket="
              + b.code()
              + " gives "
              + n
              + " buckets from "
              + start
              + " to "
              + to
              + "; at most "
              + MAX_BUCKETS
              + ": use a wider bucket or a later since");
    }
    int size = (int) n;
    List<Long> times = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      times.add(first + i * b.seconds);
    }
    int[][] byStatus = new int[OpportunityStatus.values().length][size];
    int[] executed = new int[size];
    int[] failed = new int[size];
    Map<String, BigDecimal[][]> profit = new TreeMap<>();
    Map<String, Integer> trades = new TreeMap<>();
    int counted = 0;
    for (Point r : records) {
      int i = index(r.at(), first, b, size);
      if (i < 0) {
        continue;
      }
      counted++;
      byStatus[r.status().ordinal()][i]++;
      if (r.realized() != null) {
        if (r.status() == OpportunityStatus.EXECUTED) {
          executed[i]++;
        } else {
          failed[i]++;
        }
        BigDecimal[][] p =
            profit.computeIfAbsent(
                r.startAsset(), a -> new BigDecimal[][] {zeros(size), zeros(size)});
        p[0][i] = p[0][i].add(r.expected());
        p[1][i] = p[1][i].add(r.realized());
        trades.merge(r.startAsset(), 1, Integer::sum);
      }
    }
    int[] dead = new int[size];
    for (Instant d : deadLetters) {
      int i = index(d, first, b, size);
      if (i >= 0 && !d.isBefore(start)) {
        dead[i]++;
      }
    }
    Map<String, List<Integer>> found = new LinkedHashMap<>();
    for (OpportunityStatus s : OpportunityStatus.values()) {
      int[] c = byStatus[s.ordinal()];
      if (sum(c) > 0) {
        found.put(s.code(), list(c));
      }
    }
    List<Profit> profits = new ArrayList<>();
    for (Map.Entry<String, BigDecimal[][]> e : profit.entrySet()) {
      profits.add(
          new Profit(
              e.getKey(),
              trades.get(e.getKey()),
              cumulative(e.getValue()[0]),
              cumulative(e.getValue()[1])));
    }
    return new ChartJson(
        b.code(),
        b.seconds,
        start,
        to,
        counted,
        complete,
        times,
        found,
        profits,
        list(executed),
        list(failed),
        list(dead));
  }

  private static Optional<Instant> oldest(List<Point> records, List<Instant> deadLetters) {
    Instant min = null;
    for (Point r : records) {
      min = min == null || r.at().isBefore(min) ? r.at() : min;
    }
    for (Instant d : deadLetters) {
      min = min == null || d.isBefore(min) ? d : min;
    }
    return Optional.ofNullable(min);
  }

  /** The bucket of {@code t}, or -1 outside the window's buckets. */
  private static int index(Instant t, long first, Bucket b, int size) {
    long i = Math.floorDiv(t.getEpochSecond() - first, b.seconds);
    return i < 0 || i >= size ? -1 : (int) i;
  }

  private static BigDecimal[] zeros(int size) {
    BigDecimal[] z = new BigDecimal[size];
    Arrays.fill(z, BigDecimal.ZERO);
    return z;
  }

  private static List<String> cumulative(BigDecimal[] perBucket) {
    List<String> out = new ArrayList<>(perBucket.length);
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal v : perBucket) {
      total = total.add(v);
      BigDecimal s = total.stripTrailingZeros();
      out.add((s.scale() < 0 ? s.setScale(0) : s).toPlainString());
    }
    return out;
  }

  private static int sum(int[] c) {
    int s = 0;
    for (int v : c) {
      s += v;
    }
    return s;
  }

  private static List<Integer> list(int[] c) {
    List<Integer> out = new ArrayList<>(c.length);
    for (int v : c) {
      out.add(v);
    }
    return out;
  }
}
