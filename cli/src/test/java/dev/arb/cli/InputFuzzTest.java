package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.InputLimits;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.error.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz tests of every input format: valid real inputs (the seed corpus in {@code
 * src/test/resources/dev/arb/cli/fuzz}, see its README) mutated the ways an attacker or a bad day
 * would (number blow-ups, other scripts' digits, truncation, deep nesting, wrong shapes, huge
 * counts, extreme timestamps, derivative symbols, duplicate keys, noise), each read through the
 * reader API and through {@code arb scan} in-process. Every try must end as an accepted snapshot
 * with no bogus market, or a refusal naming the input (exit 2); never another exception, exit 1 or
 * 3, a stack trace, or a hang.
 *
 * <p>Reproducible: try {@code i} of seed file {@code f} uses the random seed shown in its name, a
 * function of {@code arb.fuzz.seed} (fixed by default) and {@code (f, i)}. Run one again with
 * {@code -Darb.fuzz.seed=S -Darb.fuzz.tries=N}; {@code arb.fuzz.tries} (default {@value
 * #DEFAULT_TRIES} per seed file) bounds the run time.
 */
class InputFuzzTest {
  private static final long BASE_SEED = Long.getLong("arb.fuzz.seed", 0x5EED_2026_0107L);
  private static final int DEFAULT_TRIES = 40;
  private static final int TRIES = Integer.getInteger("arb.fuzz.tries", DEFAULT_TRIES);

  /** Hang guard per read, not a speed assertion: every try takes milliseconds. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  private record Seed(String file, InputFormat format) {
    String extension() {
      return file.substring(file.lastIndexOf('.'));
    }
  }

  private static final List<Seed> CORPUS =
      List.of(
          new Seed("binanceus-2023-03-02.snapshot.json", InputFormat.SNAPSHOT),
          new Seed("Binance_US_orderbook_saved.csv", InputFormat.TOB_CSV),
          new Seed("BITSTAMP_GALAEUR.json", InputFormat.L2_JSON),
          new Seed("BITSTAMP_USDTUSD.json", InputFormat.L2_JSON),
          new Seed("algs4-rates.txt", InputFormat.RATES),
          new Seed("forex-bloomberg-2022-03-17.tsv", InputFormat.FOREX_TSV));

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> mutatedInputsAreAcceptedCleanlyOrRefusedNamingTheInput() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int f = 0; f < CORPUS.size(); f++) {
      Seed seed = CORPUS.get(f);
      String text = resource(seed.file());
      for (int i = 0; i < TRIES; i++) {
        long s = BASE_SEED + 1_000_003L * f + i;
        List<Mutation> plan = plan(new Random(s));
        String name = seed.file() + " #" + i + " seed " + s + ": " + plan;
        tests.add(DynamicTest.dynamicTest(name, () -> checkNamed(name, seed, text, s, plan)));
      }
    }
    return tests.stream();
  }

  /** One to three mutations, chosen by the seed. */
  private static List<Mutation> plan(Random rnd) {
    Mutation[] all = Mutation.values();
    List<Mutation> plan = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int k = 0; k < n; k++) {
      plan.add(all[rnd.nextInt(all.length)]);
    }
    return plan;
  }

  /** {@link #check}, with the try's name (seed, mutations) in any failure, for reports. */
  private void checkNamed(String name, Seed seed, String text, long s, List<Mutation> plan)
      throws IOException {
    try {
      check(seed, text, s, plan);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(name + ": " + e, e);
    }
  }

  private void check(Seed seed, String text, long s, List<Mutation> plan) throws IOException {
    Random rnd = new Random(~s);
    String mutated = text;
    for (Mutation m : plan) {
      mutated = m.apply(mutated, rnd);
    }
    byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
    if (plan.contains(Mutation.NOISE) && rnd.nextInt(4) == 0) {
      bytes = invalidUtf8(bytes, rnd); // bytes no UTF-8 encoder writes
    }
    Path input = tmp.resolve("try-" + Long.toHexString(s) + seed.extension());
    Files.write(input, bytes);
    // half the tries name the format, half let arb detect it
    boolean named = (s & 1) == 0;
    Optional<InputFormat> format = named ? Optional.of(seed.format()) : Optional.empty();

    Object outcome =
        assertTimeoutPreemptively(
            GUARD,
            () -> {
              try {
                return SnapshotReaders.read(input, format, ReadOptions.defaults());
              } catch (ConfigException e) {
                return e;
              }
            });
    if (outcome instanceof ConfigException e) {
      assertThat(e.getMessage()).as("refusal names the input").contains(input.toString());
    } else {
      assertNoBogusMarket((MarketSnapshot) outcome);
    }

    List<String> args =
        new ArrayList<>(
            List.of(
                "--data-dir",
                tmp.resolve("data").toString(),
                "scan",
                "--input",
                input.toString(),
                "--no-record"));
    if (named) {
      args.addAll(List.of("--format", seed.format().cliName()));
    }
    CliRun r =
        assertTimeoutPreemptively(
            GUARD, () -> CliRun.run(Map.of("HOME", tmp.toString()), args.toArray(String[]::new)));
    assertThat(r.exitCode()).as(r.err()).isIn(ExitCode.OK, ExitCode.USAGE);
    assertThat(r.exitCode() == ExitCode.USAGE)
        .as("arb scan refuses exactly what the reader refuses: %s", r.err())
        .isEqualTo(outcome instanceof ConfigException);
    if (r.exitCode() == ExitCode.USAGE) {
      assertThat(r.err()).contains(input.toString());
    }
    for (String printed : List.of(r.out(), r.err())) {
      assertThat(printed)
          .doesNotContain("unexpected error")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
    Files.delete(input);
  }

  /**
   * Every accepted market is a real spot book: ASCII asset codes, positive finite prices and
   * amounts, bids strictly descending below asks strictly ascending, a plausible time.
   */
  private static void assertNoBogusMarket(MarketSnapshot s) {
    Instant latest = Instant.now().plus(InputLimits.DEFAULT_FUTURE_SKEW).plusSeconds(60);
    for (OrderBook b : s.books()) {
      String id = b.market().id();
      assertThat(b.market().base().code()).as(id).matches("[A-Z0-9._-]{1,20}");
      assertThat(b.market().quote().code())
          .as(id)
          .matches("[A-Z0-9._-]{1,20}")
          .doesNotMatch("PERP|PERPETUAL|SWAP|FUTURES?|\\d{6}|\\d{8}|\\d{1,2}[A-Z]{3}\\d{2}");
      assertThat(b.market().exchange()).as(id).matches("[ -~]{1,64}");
      assertThat(b.market().takerFee().signum()).as(id).isGreaterThanOrEqualTo(0);
      assertThat(b.observedAt()).as(id).isBetween(InputLimits.EARLIEST, latest);
      assertThat(b.bids().size() + b.asks().size()).as(id).isPositive();
      for (List<BookLevel> side : List.of(b.bids(), b.asks())) {
        for (BookLevel l : side) {
          double price = l.price().doubleValue();
          double amount = l.amount().doubleValue();
          assertThat(Double.isFinite(price) && price > 0).as(id + " price " + l.price()).isTrue();
          assertThat(Double.isFinite(amount) && amount > 0)
              .as(id + " amount " + l.amount())
              .isTrue();
        }
      }
      for (int i = 1; i < b.bids().size(); i++) {
        assertThat(b.bids().get(i).price()).as(id).isLessThan(b.bids().get(i - 1).price());
      }
      for (int i = 1; i < b.asks().size(); i++) {
        assertThat(b.asks().get(i).price()).as(id).isGreaterThan(b.asks().get(i - 1).price());
      }
      if (!b.bids().isEmpty() && !b.asks().isEmpty()) {
        assertThat(b.bids().get(0).price()).as(id).isLessThan(b.asks().get(0).price());
      }
    }
  }

  /** The ways inputs are broken; each keeps the rest of the input as it was. */
  enum Mutation {
    /** A number becomes one that overflows, underflows or is no number at all. */
    NUMBER_BLOWUP {
      @Override
      String apply(String t, Random rnd) {
        return replaceOne(t, NUMBER, rnd, pick(rnd, BLOWUPS));
      }
    },
    /** The digits of a number in another script (Arabic-Indic, Devanagari, full-width...). */
    UNICODE_DIGITS {
      @Override
      String apply(String t, Random rnd) {
        Matcher m = NUMBER.matcher(t);
        List<int[]> spans = spans(m);
        if (spans.isEmpty()) {
          return t;
        }
        int[] span = spans.get(rnd.nextInt(spans.size()));
        char zero = ZEROS[rnd.nextInt(ZEROS.length)];
        StringBuilder sb = new StringBuilder(t);
        for (int i = span[0]; i < span[1]; i++) {
          char c = sb.charAt(i);
          if (c >= '0' && c <= '9') {
            sb.setCharAt(i, (char) (zero + (c - '0')));
          }
        }
        return sb.toString();
      }
    },
    /** The input cut anywhere (a partial write). */
    TRUNCATE {
      @Override
      String apply(String t, Random rnd) {
        return t.substring(0, t.isEmpty() ? 0 : rnd.nextInt(t.length()));
      }
    },
    /** Brackets nested far deeper than any format needs. */
    DEEP_NESTING {
      @Override
      String apply(String t, Random rnd) {
        int depth = new int[] {65, 1_000, 100_000}[rnd.nextInt(3)];
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        int at = rnd.nextInt(t.length() + 1);
        return t.substring(0, at)
            + open.repeat(depth)
            + "1"
            + close.repeat(depth)
            + t.substring(at);
      }
    },
    /** A level, cell or row of the wrong shape. */
    WRONG_SHAPE {
      @Override
      String apply(String t, Random rnd) {
        if (LEVEL.matcher(t).find()) {
          return replaceOne(t, LEVEL, rnd, pick(rnd, SHAPES));
        }
        List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        String line = lines.get(i);
        String sep = line.contains("\t") ? "\t" : line.contains(",") ? "," : " ";
        List<String> cells = new ArrayList<>(List.of(line.split(Pattern.quote(sep), -1)));
        int c = rnd.nextInt(cells.size());
        switch (rnd.nextInt(3)) {
          case 0 -> cells.remove(c);
          case 1 -> cells.add(c, cells.get(c));
          default -> cells.set(c, "");
        }
        lines.set(i, String.join(sep, cells));
        return String.join("\n", lines);
      }
    },
    /** Counts and repetitions far beyond the input's size: rate counts, repeated rows. */
    HUGE_COUNT {
      @Override
      String apply(String t, Random rnd) {
        Matcher first = LEADING_COUNT.matcher(t);
        if (first.find() && rnd.nextBoolean()) {
          return t.substring(0, first.start(1)) + pick(rnd, COUNTS) + t.substring(first.end(1));
        }
        String[] lines = t.split("\n", -1);
        String line = lines[rnd.nextInt(lines.length)];
        // up to about a megabyte more: what matters is the count, not the size
        int times =
            Math.min(new int[] {2, 1_000, 20_000}[rnd.nextInt(3)], 1_000_000 / (line.length() + 1));
        return t + "\n" + (line + "\n").repeat(times);
      }
    },
    /** An observation time at the edges: year +999999999, 1970, before 2009, next week. */
    TIMESTAMP_EXTREME {
      @Override
      String apply(String t, Random rnd) {
        String[] extremes = {
          "+999999999-01-01T00:00:00Z",
          "-999999999-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "2008-12-31T23:59:59Z",
          Instant.now().plus(Duration.ofDays(7)).toString(),
          "9999-12-31 23:59:59.999",
          "99999999999999999999",
          "9223372036854775807",
          "-1",
          "1e10"
        };
        return replaceOne(t, TIMESTAMP, rnd, pick(rnd, extremes));
      }
    },
    /** A symbol or asset code of a perpetual, swap or dated future. */
    DERIVATIVE_SYMBOL {
      @Override
      String apply(String t, Random rnd) {
        String[] derivatives = {
          "BTCUSDT-PERP", "BTC-27DEC24", "ETH-USD-SWAP", "BTCUSD_PERP", "ETHUSD_240927", "PERP"
        };
        return replaceOne(t, ASSET, rnd, pick(rnd, derivatives));
      }
    },
    /** A key, line or header given twice. */
    DUPLICATE_KEY {
      @Override
      String apply(String t, Random rnd) {
        Matcher m = KEY_VALUE.matcher(t);
        List<int[]> spans = spans(m);
        if (!spans.isEmpty()) {
          int[] s = spans.get(rnd.nextInt(spans.size()));
          return t.substring(0, s[0]) + t.substring(s[0], s[1]) + ", " + t.substring(s[0]);
        }
        String[] lines = t.split("\n", -1);
        int i = rnd.nextInt(lines.length);
        return t.replaceFirst(
            Pattern.quote(lines[i]), Matcher.quoteReplacement(lines[i] + "\n" + lines[i]));
      }
    },
    /** Stray characters: controls, BOMs, bidi marks, NUL, CR, emoji, a huge digit run. */
    NOISE {
      @Override
      String apply(String t, Random rnd) {
        String[] noise = {
          "\u0000",
          "\uFEFF",
          "\u202E",
          "\r",
          "\t",
          "\u00A0",
          "\uD83D\uDE00",
          "\u2028",
          "\"",
          ",",
          "]",
          "}",
          "-",
          "e",
          ".",
          "9".repeat(5_000)
        };
        int at = rnd.nextInt(t.length() + 1);
        return t.substring(0, at) + pick(rnd, noise) + t.substring(at);
      }
    };

    abstract String apply(String text, Random rnd);

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern LEVEL =
        Pattern.compile("\\[\\s*\"[^\"\\[\\]]*\",\\s*\"[^\"\\[\\]]*\"\\s*\\]");
    private static final Pattern LEADING_COUNT = Pattern.compile("\\A\\s*(\\d+)\\s*\\n");
    private static final Pattern TIMESTAMP =
        Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?"
                + "|(?<=\"recorded_unix\":)[0-9.]+");
    private static final Pattern ASSET =
        Pattern.compile(
            "\\b(BTC|ETH|BNB|USDT|USD|EUR|GBP|GALA|ADA|XBT|CAD|CHF|JPY)\\b|[A-Z]+/[A-Z]+");
    private static final Pattern KEY_VALUE =
        Pattern.compile("\"[a-z_]+\":\\s*(\"[^\"]*\"|[0-9.]+)");
    private static final char[] ZEROS = {'\u0660', '\u06F0', '\u0966', '\u09E6', '\uFF10'};
    private static final String[] BLOWUPS = {
      "1e999999999",
      "1e99999999999",
      "-1e999999999",
      "1e-999999999",
      "99999999999999999999",
      "2147483648",
      "1" + "0".repeat(400),
      "0." + "0".repeat(400) + "1",
      "1e41",
      "1e-41",
      "-1",
      "0",
      "NaN",
      "Infinity",
      "0x1F",
      "1_000"
    };
    private static final String[] SHAPES = {
      "[\"1\", \"2\", \"3\"]",
      "[\"1\"]",
      "[]",
      "{}",
      "\"1\"",
      "null",
      "[[\"1\", \"2\"], \"3\"]",
      "[true, false]",
      "[1e999999999, 1]",
      "[\"1\", {\"amount\": \"2\"}]"
    };
    private static final String[] COUNTS = {
      "2147483648", "99999999999999999999", "100000", "0", "-5", "5000"
    };

    private static String pick(Random rnd, String[] options) {
      return options[rnd.nextInt(options.length)];
    }

    private static List<int[]> spans(Matcher m) {
      List<int[]> out = new ArrayList<>();
      while (m.find()) {
        out.add(new int[] {m.start(), m.end()});
      }
      return out;
    }

    /** {@code t} with one match of {@code p}, chosen at random, replaced; else unchanged. */
    private static String replaceOne(String t, Pattern p, Random rnd, String replacement) {
      List<int[]> spans = spans(p.matcher(t));
      if (spans.isEmpty()) {
        return t;
      }
      int[] s = spans.get(rnd.nextInt(spans.size()));
      return t.substring(0, s[0]) + replacement + t.substring(s[1]);
    }
  }

  /** Inserts bytes that are not UTF-8 (a lone continuation byte, an overlong form, 0xFF). */
  private static byte[] invalidUtf8(byte[] bytes, Random rnd) {
    byte[][] bad = {
      {(byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
    };
    byte[] insert = bad[rnd.nextInt(bad.length)];
    int at = rnd.nextInt(bytes.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
    out.write(bytes, 0, at);
    out.write(insert, 0, insert.length);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private static String resource(String name) {
    try (InputStream in = InputFuzzTest.class.getResourceAsStream("fuzz/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no seed file fuzz/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
