package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arb dlq show ID}: one dead letter with its full context. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Show one dead letter: why it is here, and its full context (plan, fills, unwind, leftover"
          + " holdings, exchanges, the risk limits at the time).",
      ""
    },
    footer = {"", "Examples:", "  arb dlq show 3", "  arb dlq show 3 --json"})
final class DlqShowCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id (arb dlq list).")
  long id;

  @Option(names = "--json", description = "Print it as one JSON object.")
  boolean json;

  @Override
  protected int execute() {
    ArbConfig cfg = config().config();
    Optional<DeadLetter> found = Optional.empty();
    Optional<RecordStore> db = DlqCommand.open(cfg);
    if (db.isPresent()) {
      try (RecordStore d = db.get()) {
        found = d.deadLetters().find(id);
      }
    }
    if (found.isEmpty()) {
      err().println(DlqCommand.unknown("show", id, cfg.databaseFile()));
      err().flush();
      return ExitCode.USAGE;
    }
    DeadLetter d = found.get();
    if (json) {
      out().println(Json.pretty(DeadLetterJson.of(d)));
    } else {
      out().println("dead letter " + d.id());
      out().println("  status:      " + d.status().code());
      out().println("  kind:        " + d.kind());
      out().println("  created:     " + d.createdAt());
      out().println("  execution:   " + d.executionId());
      out().println("  detected:    " + d.detectedAt());
      out().println("  error:       " + d.error());
      d.resolvedAt().ifPresent(t -> out().println("  resolved:    " + t));
      d.resolution().ifPresent(r -> out().println("  resolution:  " + r));
      out().println("  context:");
      String ctx = Json.pretty(Json.treeOrText(d.context()));
      for (String line : ctx.split("\n", -1)) {
        out().println("    " + line);
      }
    }
    out().flush();
    return ExitCode.OK;
  }
}
