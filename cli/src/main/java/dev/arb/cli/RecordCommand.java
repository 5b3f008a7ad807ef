package dev.arb.cli;

import dev.arb.cli.wiring.MarketData;
import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.engine.source.SnapshotJson;
import dev.arb.error.ConfigException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb record}: saves one live snapshot in arb's snapshot format, for replay with --input.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fetch the live books of the exchanges once and save them as an arb snapshot, to replay with"
          + " 'arb scan --input FILE'. Books left out (stale, crossed, failed) are listed on"
          + " stderr.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb record --exchange kraken --exchange bitstamp --output snap.json",
      "  arb scan --input snap.json",
      "",
      "Exit codes: 0 ok, 1 no book could be fetched, 2 bad options or configuration."
    })
final class RecordCommand extends BaseCommand {

  @Mixin LiveExchangeOptions liveOptions;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "Snapshot file to write (replaced if it exists).")
  Path output;

  @Override
  protected int execute() {
    ArbConfig cfg = config().config();
    List<ExchangeConfig> live = liveOptions.select(cfg, "record");
    if (live.isEmpty()) {
      throw new ConfigException(
          "record: no exchange to record; give --exchange NAME or enable one in arb.exchanges");
    }
    MarketSnapshot snapshot;
    try (MarketDataSource source = MarketData.open(cfg, live, context().clock(), context().env())) {
      snapshot = source.snapshot();
      for (String line : LiveExchangeLines.healthLines(source.health())) {
        err().println(line);
      }
    }
    for (String p : snapshot.problems()) {
      err().println("warning: " + p);
    }
    if (snapshot.books().isEmpty()) {
      err().println("record: no book could be fetched; nothing written");
      return ExitCode.FAILURE;
    }
    SnapshotJson.write(snapshot, output);
    out().println(snapshot.books().size() + " books written to " + output);
    return ExitCode.OK;
  }
}
