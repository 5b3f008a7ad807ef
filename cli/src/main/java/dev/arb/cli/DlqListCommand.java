package dev.arb.cli;

import dev.arb.cli.TableFormatter.Column;
import dev.arb.config.ArbConfig;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arb dlq list}: dead letters, newest first, as a table or JSON. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {"List dead letters, newest first (default: the open ones).", ""},
    footer = {
      "",
      "Examples:",
      "  arb dlq list",
      "  arb dlq list --status open,retried,dropped --since 7d",
      "  arb dlq list --status dropped --limit 5 --json"
    })
final class DlqListCommand extends BaseCommand {
  static final DateTimeFormatter TABLE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      converter = StatusConverter.class,
      description =
          "Only dead letters with any of these statuses (repeatable or comma-separated): open,"
              + " retried, dropped. Default: open.")
  List<DeadLetterStatus> statuses = new ArrayList<>();

  @Mixin ListOptions list;

  @Override
  protected int execute() {
    int limit = list.limit();
    Optional<Instant> from = list.since(context().clock());
    DeadLetterRepository.Query q =
        new DeadLetterRepository.Query(
            statuses.isEmpty()
                ? java.util.Set.of(DeadLetterStatus.OPEN)
                : new LinkedHashSet<>(statuses),
            from,
            limit);
    ArbConfig cfg = config().config();
    List<DeadLetter> found = List.of();
    Optional<RecordStore> db = DlqCommand.open(cfg);
    if (db.isPresent()) {
      try (RecordStore d = db.get()) {
        found = d.deadLetters().list(q);
      }
    }
    if (list.json) {
      out().print(DeadLetterJson.array(found));
    } else if (db.isEmpty()) {
      out().println("no dead letters (" + cfg.databaseFile() + " does not exist yet)");
    } else if (found.isEmpty()) {
      out()
          .println(
              "no "
                  + String.join(
                      "/", q.statuses().stream().map(DeadLetterStatus::code).sorted().toList())
                  + " dead letters match");
    } else {
      out().print(table(found));
      out()
          .println(
              found.size()
                  + (found.size() == 1 ? " dead letter" : " dead letters")
                  + " shown, newest first; 'arb dlq show ID' for one, 'arb dlq retry ID"
                  + " --dry-run' or 'arb dlq drop ID --reason TEXT' to resolve it");
    }
    out().flush();
    return ExitCode.OK;
  }

  private static String table(List<DeadLetter> found) {
    TableFormatter t =
        new TableFormatter(
            List.of(
                Column.right("id"),
                Column.left("created (UTC)"),
                Column.left("status"),
                Column.left("kind"),
                Column.left("mode"),
                Column.left("start"),
                Column.right("execution"),
                Column.left("error").max(70)));
    for (DeadLetter d : found) {
      Optional<DeadLetterContext> c = DeadLetterContext.read(d.context());
      t.row(
          java.util.Arrays.asList(
              Long.toString(d.id()),
              TABLE_TIME.format(d.createdAt()),
              d.status().code(),
              d.kind(),
              c.map(DeadLetterContext::mode).orElse(""),
              c.map(DeadLetterContext::startAsset).orElse(""),
              Long.toString(d.executionId()),
              d.error()));
    }
    return t.render() + "\n";
  }

  /** {@code --status} values of dead letters. */
  static final class StatusConverter extends ListOptions.StatusConverter<DeadLetterStatus> {
    StatusConverter() {
      super(DeadLetterStatus::parse);
    }
  }
}
