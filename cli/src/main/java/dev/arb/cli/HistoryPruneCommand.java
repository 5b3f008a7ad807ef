package dev.arb.cli;

import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code arb history prune}: deletes the records older than an age, in batches, and says how many;
 * {@code --dry-run} only counts them. Records still executing are never deleted.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Delete the records detected longer ago than --older-than (of --status, else of every"
          + " status), in batches of "
          + HistoryPruneCommand.BATCH
          + ", and print how many. Records still executing are never deleted.",
      "The daemon does the same at start and every hour when arb.run.retention is set.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb history prune --older-than 30d --dry-run",
      "  arb history prune --older-than 30d",
      "  arb history prune --older-than '2h 30m' --status rejected --json",
      "",
      "Exit codes: 0 ok (also when nothing was old enough), 1 the database could not be written,"
          + " 2 bad options."
    })
final class HistoryPruneCommand extends BaseCommand {

  /** Records deleted per transaction. */
  static final int BATCH = 1000;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "AGE",
      converter = AgeConverter.class,
      description = "Delete records detected longer ago than AGE: 30d, 12h, '2h 30m', 90s.")
  Duration olderThan;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      converter = HistoryCommand.StatusConverter.class,
      description =
          "Only records with any of these statuses (repeatable or comma-separated): detected,"
              + " sized, rejected, executed, failed. Default: every status but executing.")
  List<OpportunityStatus> statuses = new ArrayList<>();

  @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "Print what was done as JSON.")
  boolean json;

  /**
   * What {@code arb history prune --json} prints.
   *
   * @param olderThan the age given, as people write it ({@code 30d})
   * @param before records detected before this instant were chosen, ISO-8601
   * @param statuses the statuses chosen; empty: every status but executing
   * @param dryRun whether only counted
   * @param matched records older than the age (of the statuses)
   * @param deleted records deleted (0 on a dry run)
   */
  record Pruned(
      String olderThan,
      String before,
      List<String> statuses,
      boolean dryRun,
      long matched,
      long deleted) {}

  /** A positive age such as {@code 30d} or {@code 2h 30m}. */
  static final class AgeConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d;
      try {
        d = Json.parseDuration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an age; write it like 30d, 12h, '2h 30m' or 90s");
      }
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("'" + value + "' must be more than 0, such as 30d");
      }
      return d;
    }
  }

  @Override
  protected int execute() {
    Set<OpportunityStatus> chosen = new LinkedHashSet<>(statuses);
    if (chosen.contains(OpportunityStatus.EXECUTING)) {
      throw new ParameterException(
          spec.commandLine(),
          "--status executing: records still executing are in flight and never pruned");
    }
    ArbConfig cfg = config().config();
    Instant before = context().clock().instant().minus(olderThan);
    long matched = 0;
    long deleted = 0;
    Optional<RecordStore> opened = Stores.openExisting(cfg);
    if (opened.isPresent()) {
      try (RecordStore store = opened.get()) {
        OpportunityRepository repo = store.opportunities();
        matched = repo.countPrunable(before, chosen);
        if (!dryRun && matched > 0) {
          deleted = repo.prune(before, chosen, BATCH);
        }
      }
    }
    String age = Durations.format(olderThan);
    if (json) {
      out()
          .println(
              Json.pretty(
                  new Pruned(
                      age,
                      before.toString(),
                      chosen.stream().map(OpportunityStatus::code).toList(),
                      dryRun,
                      matched,
                      deleted)));
    } else {
      String which =
          chosen.isEmpty()
              ? "records"
              : String.join(",", chosen.stream().map(OpportunityStatus::code).toList())
                  + " records";
      out()
          .println(
              dryRun
                  ? "would delete "
                      + matched
                      + " "
                      + which
                      + " detected before "
                      + before
                      + " (older than "
                      + age
                      + "); dry run, nothing deleted"
                  : "deleted "
                      + deleted
                      + " "
                      + which
                      + " detected before "
                      + before
                      + " (older than "
                      + age
                      + ")");
    }
    out().flush();
    return ExitCode.OK;
  }
}
