package dev.arb.cli;

import dev.arb.cli.TableFormatter.Column;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.record.RelayRecord;
import dev.arb.engine.record.RelaySpending;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb defi relays}: the relayer's stored requests (of {@code arb defi relay} and the
 * daemon's {@code POST /relay}), newest first, and what they count against today's limits.
 */
@Command(
    name = "relays",
    mixinStandardHelpOptions = true,
    description = {
      "List the gasless requests the relayer received (arb defi relay, the daemon's POST /relay),",
      "newest first, with their outcome, reason and cost, and today's (UTC) spending."
    })
final class DefiRelaysCommand extends BaseCommand {
  /** The clock that says which day is today; tests replace it. */
  static Clock clock = Clock.systemUTC();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Show at most N requests. Default: ${DEFAULT-VALUE}.")
  int limit = 20;

  @Option(names = "--signer", paramLabel = "ADDRESS", description = "Only this signer's requests.")
  String signer;

  @Option(names = "--json", description = "Print the requests and today's spending as JSON.")
  boolean json;

  @Override
  protected int execute() throws IOException {
    if (limit <= 0) {
      throw new ConfigException("relays: --limit must be positive, got " + limit);
    }
    if (signer != null) {
      DefiAddressArg.require("--signer", signer);
    }
    ArbConfig cfg = config().config();
    Path file = cfg.databaseFile();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<RelayRecord> rows = List.of();
    RelaySpending spent = RelaySpending.NONE;
    if (cfg.storage().postgres().isPresent() || Files.exists(file)) {
      try (RecordStore db = Stores.open(cfg)) {
        RelayRecordStore store = db.relays();
        rows = store.recent(limit, signer == null ? null : signer.toLowerCase(Locale.ROOT));
        spent = store.spending(today);
      }
    }
    if (json) {
      out()
          .println(
              Json.write(
                  new RelaysJson(
                      rows.stream().map(RelayJson::record).toList(),
                      new DayJson(
                          today.toString(), spent.totalWei(), new TreeMap<>(spent.bySigner())))));
      out().flush();
      return ExitCode.OK;
    }
    if (rows.isEmpty()) {
      out()
          .println(
              Files.exists(file)
                  ? "no relay requests recorded in " + file
                  : "no relay requests recorded (" + file + " does not exist yet)");
    } else {
      TableFormatter t =
          new TableFormatter(
              List.of(
                  Column.right("id"),
                  Column.left("received (UTC)"),
                  Column.left("outcome"),
                  Column.left("signer"),
                  Column.left("target"),
                  Column.left("function"),
                  Column.right("nonce"),
                  Column.right("gas used"),
                  Column.right("wei paid"),
                  Column.left("tx"),
                  Column.left("reason").max(60)));
      for (RelayRecord r : rows) {
        t.row(
            List.of(
                String.valueOf(r.id()),
                r.receivedAt().toString(),
                r.outcome().code(),
                r.signer(),
                r.target(),
                r.selector(),
                r.nonce().toString(),
                text(r.gasUsed()),
                text(r.weiPaid()),
                r.txHash() == null ? "" : r.txHash(),
                r.reasonCode() == null
                    ? ""
                    : r.reasonCode() + (r.reason() == null ? "" : ": " + r.reason())));
      }
      out().print(t.render());
    }
    out()
        .println(
            "today ("
                + today
                + " UTC): "
                + spent.totalWei()
                + " wei counted against the limits, "
                + spent.bySigner().values().stream().mapToInt(RelaySpending.Signer::requests).sum()
                + " request(s) from "
                + spent.bySigner().size()
                + " signer(s)");
    out().flush();
    return ExitCode.OK;
  }

  /** {@code --json}: the requests, newest first, and today's spending. */
  record RelaysJson(List<RelayJson.Stored> requests, DayJson today) {}

  /**
   * One UTC day's spending.
   *
   * @param day the day, {@code 2026-12-07}
   * @param totalWei all signers together
   * @param bySigner per signer address, in address order: {@code requests} and {@code wei}
   */
  record DayJson(String day, BigInteger totalWei, Map<String, RelaySpending.Signer> bySigner) {}

  private static String text(BigInteger v) {
    return v == null ? "" : v.toString();
  }
}
