package dev.arb.cli;

import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code arb dlq}: the dead-letter queue of executions that did not end as planned (unwound,
 * stranded, first order failed), kept with their full context until retried or dropped.
 */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect and resolve dead letters: executions that did not end as planned (a cycle unwound"
          + " at a loss, holdings left after an incomplete unwind, a first order that filled"
          + " nothing). Each is written with its full context (plan, fills, unwind, leftover"
          + " holdings, risk limits) in the same transaction as its execution.",
      ""
    },
    footer = {
      "",
      "Typical use:",
      "  arb dlq list                      open dead letters, newest first",
      "  arb dlq show 3                    everything about dead letter 3",
      "  arb dlq retry 3 --dry-run         sell what is left back / re-run the cycle on paper",
      "  arb dlq drop 3 --reason \"sold by hand on kraken\"",
      "",
      "Exit codes: 0 ok, 1 failure (or a retry that left the dead letter open), 2 usage error,"
          + " unknown id or wrong state."
    },
    subcommands = {
      DlqListCommand.class,
      DlqShowCommand.class,
      DlqRetryCommand.class,
      DlqDropCommand.class
    })
final class DlqCommand extends BaseCommand {

  /** With no subcommand: say so, show the usage, and fail as a usage error. */
  @Override
  protected int execute() {
    err().println("arb dlq: a subcommand is required: list, show, retry or drop");
    spec.commandLine().usage(err());
    err().flush();
    return ExitCode.USAGE;
  }

  /** The record store, or empty when it does not exist yet (then there are no dead letters). */
  static Optional<RecordStore> open(ArbConfig cfg) {
    return Stores.openExisting(cfg);
  }

  /** The message for an id that is not in the queue. */
  static String unknown(String verb, long id, Path file) {
    return "arb dlq "
        + verb
        + ": no dead letter "
        + id
        + " in "
        + file
        + "; see 'arb dlq list --status open,retried,dropped' for the ids";
  }

  /** The message for a dead letter that is not open any more. */
  static String notOpen(String verb, DeadLetter d) {
    return "arb dlq "
        + verb
        + ": dead letter "
        + d.id()
        + " is "
        + d.status().code()
        + d.resolvedAt().map(t -> " since " + t).orElse("")
        + d.resolution().map(r -> " (" + r + ")").orElse("")
        + "; only open dead letters can be retried or dropped";
  }
}
