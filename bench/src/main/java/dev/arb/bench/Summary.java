package dev.arb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the medians of a JMH {@code -rf json} results file: one line per benchmark and parameter
 * set (the 50th percentile of the measured iterations, JMH's {@code scorePercentiles."50.0"}), then
 * the JGraphT / SPFA and LP / exact-sweep ratios for matching parameters.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.arb.bench.Summary results.json}
 */
public final class Summary {
  private Summary() {}

  /** One measured benchmark and parameter set. */
  record Row(String benchmark, String params, String mode, double median, String unit) {
    /** The median in microseconds per operation, or NaN for a unit that is not a time per op. */
    double micros() {
      return switch (unit) {
        case "ns/op" -> median / 1_000.0;
        case "us/op" -> median;
        case "ms/op" -> median * 1_000.0;
        case "s/op" -> median * 1_000_000.0;
        default -> Double.NaN;
      };
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Summary RESULTS.json (a JMH -rf json file)");
      System.exit(2);
    }
    print(read(Path.of(args[0])), System.out);
  }

  static List<Row> read(Path file) throws IOException {
    JsonNode root = Json.tree(Files.readString(file));
    List<Row> rows = new ArrayList<>();
    for (JsonNode b : root) {
      String name = b.get("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      JsonNode ps = b.get("params");
      if (ps != null) {
        for (Map.Entry<String, JsonNode> p : ps.properties()) {
          if (params.length() > 0) {
            params.append(' ');
          }
          params.append(p.getKey()).append('=').append(p.getValue().asText());
        }
      }
      JsonNode metric = b.get("primaryMetric");
      rows.add(
          new Row(
              name,
              params.toString(),
              b.get("mode").asText(),
              metric.get("scorePercentiles").get("50.0").asDouble(),
              metric.get("scoreUnit").asText()));
    }
    return rows;
  }

  static void print(List<Row> rows, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-45s %-28s %-4s %14s  %s%n",
        "benchmark",
        "params",
        "mode",
        "median",
        "unit");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-45s %-28s %-4s %14s  %s%n",
          r.benchmark(),
          r.params(),
          r.mode(),
          format(r.median()),
          r.unit());
    }
    ratios(
        rows,
        out,
        "CycleDetectionBenchmark.jgraphtBellmanFord",
        "CycleDetectionBenchmark.spfa",
        "JGraphT Bellman-Ford / SPFA");
    Map<String, Row> lp = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.benchmark().equals("LpSizingBenchmark.lp")) {
        lp.put(r.params(), r);
      }
    }
    boolean header = false;
    for (Row r : rows) {
      if (r.benchmark().equals("SizingBenchmark.exactSweep") && lp.containsKey(r.params())) {
        if (!header) {
          out.println();
          out.println("LP / exact sweep (median over median):");
          header = true;
        }
        out.printf(
            Locale.ROOT,
            "  %-28s %14s x%n",
            r.params(),
            format(lp.get(r.params()).micros() / r.micros()));
      }
    }
  }

  private static void ratios(
      List<Row> rows, PrintStream out, String slow, String fast, String title) {
    Map<String, Row> fastRows = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.benchmark().equals(fast)) {
        fastRows.put(r.params(), r);
      }
    }
    boolean header = false;
    for (Row r : rows) {
      Row f = fastRows.get(r.params());
      if (r.benchmark().equals(slow) && f != null) {
        if (!header) {
          out.println();
          out.println(title + " (median over median):");
          header = true;
        }
        out.printf(Locale.ROOT, "  %-28s %14s x%n", r.params(), format(r.micros() / f.micros()));
      }
    }
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
