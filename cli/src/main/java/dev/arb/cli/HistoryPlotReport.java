package dev.arb.cli;

import dev.arb.cli.chart.ChartFiles;
import dev.arb.cli.chart.Html;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.daemon.ChartData;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.HistoryQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code arb history --plot FILE}: the records {@code history}'s filters select drawn as the
 * dashboard draws them (the same chart model, {@link ChartData}): opportunities per bucket by
 * status, expected vs realized profit over time per start asset, trades and dead letters. A {@code
 * .png} is drawn with Java2D, a {@code .html} is a self-contained page of SVG charts.
 */
final class HistoryPlotReport {
  /** Most records drawn unless {@code --limit} says otherwise: the newest of the window. */
  static final int MAX_RECORDS = 200_000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HistoryPlotReport() {}

  /**
   * The chart of what {@code query} selects (at most {@code query.limit()} newest records) and the
   * dead letters of the window, ending at {@code until} or {@code now}.
   */
  static ChartData.ChartJson chart(ArbConfig cfg, HistoryQuery query, Instant now) {
    if (cfg.storage().postgres().isEmpty() && !Files.exists(cfg.databaseFile())) {
      Instant to = query.until().filter(u -> u.isBefore(now)).orElse(now);
      return ChartData.of(List.of(), true, List.of(), Optional.empty(), query.since(), to);
    }
    try (RecordStore db = Stores.open(cfg)) {
      return ChartData.read(db, query, Optional.empty(), now);
    }
  }

  /** One line saying what is drawn, for the image's heading and the page's title. */
  static String heading(ChartData.ChartJson c) {
    return "arb history: "
        + String.format(Locale.ROOT, "%,d", c.records())
        + " records from "
        + TIME.format(c.from())
        + " to "
        + TIME.format(c.to())
        + " UTC, per "
        + c.bucket()
        + (c.complete() ? "" : " (only the newest; narrow the filters or raise --limit)");
  }

  /** Draws {@code c} into {@code file} in the format its extension names. */
  static void write(ChartData.ChartJson c, Path file, ChartFiles.Format format, int w, int h) {
    byte[] content =
        switch (format) {
          case PNG -> ChartFiles.png(c, heading(c), w, h);
          case HTML ->
              new Html("arb history")
                  .paragraph(heading(c))
                  .charts(c)
                  .note(
                      "Profit lines sum the expected and the realized profit of traded records (executed,"
                          + " or failed with a realized profit) from the window's start; the legend"
                          + " shows each total, at most 8 decimals.")
                  .render()
                  .getBytes(StandardCharsets.UTF_8);
        };
    ChartFiles.write(file, content);
  }
}
