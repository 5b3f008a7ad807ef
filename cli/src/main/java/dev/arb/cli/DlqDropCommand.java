package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code arb dlq drop ID --reason TEXT}: close an open dead letter without retrying it. */
@Command(
    name = "drop",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Close an open dead letter without retrying it, e.g. after you sold the leftover by hand."
          + " The row is kept, with status dropped, the time and your reason; nothing is traded.",
      ""
    },
    footer = {"", "Examples:", "  arb dlq drop 3 --reason \"sold 0.02 BTC by hand on kraken\""})
final class DlqDropCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id (arb dlq list).")
  long id;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "Why it is dropped (kept with it; required).")
  String reason;

  @Option(names = "--json", description = "Print the dropped dead letter as JSON.")
  boolean json;

  @Override
  protected int execute() throws Exception {
    if (reason.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "--reason must say why the dead letter is dropped");
    }
    ArbConfig cfg = config().config();
    Optional<RecordStore> db = DlqCommand.open(cfg);
    if (db.isEmpty()) {
      err().println(DlqCommand.unknown("drop", id, cfg.databaseFile()));
      err().flush();
      return ExitCode.USAGE;
    }
    try (RecordStore d = db.get()) {
      DeadLetterRepository repo = d.deadLetters();
      Optional<DeadLetter> found = repo.find(id);
      if (found.isEmpty()) {
        err().println(DlqCommand.unknown("drop", id, cfg.databaseFile()));
        err().flush();
        return ExitCode.USAGE;
      }
      if (!repo.drop(id, reason.strip(), context().clock().instant())) {
        err().println(DlqCommand.notOpen("drop", repo.find(id).orElse(found.get())));
        err().flush();
        return ExitCode.USAGE;
      }
      DeadLetter dropped = repo.find(id).orElseThrow();
      if (json) {
        out().println(Json.pretty(DeadLetterJson.of(dropped)));
      } else {
        out().println("dead letter " + id + " dropped: " + reason.strip());
      }
    }
    out().flush();
    return ExitCode.OK;
  }
}
