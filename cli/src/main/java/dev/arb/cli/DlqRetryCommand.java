package dev.arb.cli;

import dev.arb.cli.wiring.Exchanges;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.TradingConfig;
import dev.arb.daemon.trade.RetryOutcome;
import dev.arb.daemon.trade.TradingService;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.json.ExecutionJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arb dlq retry ID}: re-attempts what a dead letter left, through the same risk limits, and
 * records the outcome as a new execution. Holdings an incomplete unwind left are sold back to the
 * start asset on the current books; a cycle with nothing left over is re-sized and executed again.
 * {@code --dry-run} trades on paper; without it (live mode, keys configured) a live dead letter's
 * leftover holdings are sold back with live orders.
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Re-attempt what an open dead letter left, through the same risk limits, and record the"
          + " outcome as a new execution:",
      "  - holdings left by an incomplete unwind are sold back to the start asset at the best"
          + " price on the current books (direct market, or the cycle's legs in reverse);",
      "  - a cycle with nothing left over is re-sized on the current books and executed again"
          + " (risk limits, balance check, re-check before each leg, unwind on failure).",
      "When something was traded the dead letter becomes retried (what the retry still left is a"
          + " new dead letter); when nothing was, it stays open with the new error.",
      "--dry-run trades on paper: the paper ledger in arb.db, the books of --input (default: the"
          + " bundled sample). Without --dry-run (arb.trading.mode = live and the exchanges' API"
          + " keys) a live dead letter's leftover holdings are sold back with live orders, on the"
          + " exchanges' current books (or --input), journaled like 'arb run' orders.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb dlq retry 3 --dry-run",
      "  arb dlq retry 3 --dry-run --input snapshots/latest.json --json",
      "",
      "Exit codes: 0 retried, 1 the retry traded nothing (the dead letter stays open) or live"
          + " mode is not set, 2 unknown id, not open, missing keys, or bad input."
    })
final class DlqRetryCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id (arb dlq list).")
  long id;

  @Option(
      names = "--dry-run",
      description = "Retry on paper: the paper ledger and the books of --input (or the sample).")
  boolean dryRun;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "Snapshot (any 'arb scan' input) whose books the retry trades on. Default: the"
              + " bundled sample.")
  Path input;

  @Option(
      names = "--fees",
      paramLabel = "FRACTION",
      description =
          "Taker fee for every market of --input (0.001 = 0.1 %%). Default: the input's own.")
  BigDecimal fees;

  @Option(names = "--json", description = "Print the outcome as one JSON object.")
  boolean json;

  @Override
  protected int execute() throws Exception {
    ArbConfig cfg = config().config();
    Path file = cfg.databaseFile();
    if (cfg.storage().postgres().isEmpty() && !java.nio.file.Files.exists(file)) {
      return fail(ExitCode.USAGE, DlqCommand.unknown("retry", id, file));
    }
    // a retry trades and shares the paper ledger and the order journal with arb run: not beside
    // a running daemon (refused with exit 2, naming it)
    try (Stores.Claim claim = Stores.claim(cfg)) {
      Optional<RecordStore> opened = claim.openExisting();
      if (opened.isEmpty()) {
        return fail(ExitCode.USAGE, DlqCommand.unknown("retry", id, file));
      }
      try (RecordStore store = opened.get()) {
        return retry(cfg, file, store);
      }
    }
  }

  private int retry(ArbConfig cfg, Path file, RecordStore store) throws Exception {
    Optional<DeadLetter> found = store.deadLetters().find(id);
    if (found.isEmpty()) {
      return fail(ExitCode.USAGE, DlqCommand.unknown("retry", id, file));
    }
    DeadLetter d = found.get();
    if (d.status() != DeadLetterStatus.OPEN) {
      return fail(ExitCode.USAGE, DlqCommand.notOpen("retry", d));
    }
    Optional<DeadLetterContext> c = DeadLetterContext.read(d.context());
    String mode = c.map(DeadLetterContext::mode).orElse("");
    if (!dryRun) {
      if (cfg.trading().mode() != TradingConfig.Mode.LIVE) {
        return fail(
            ExitCode.FAILURE,
            "arb dlq retry: without --dry-run a retry sends live orders, which needs"
                + " arb.trading.mode = live (it is paper) and the exchanges' API keys; nothing"
                + " was sent. Use --dry-run to retry on paper, or resolve it by hand and 'arb"
                + " dlq drop "
                + id
                + " --reason TEXT'");
      }
      Optional<String> wrong =
          unretryable(
              id,
              mode,
              c,
              "live",
              "only a live dead letter is retried live (use --dry-run for a paper one)");
      if (wrong.isPresent()) {
        return fail(ExitCode.USAGE, wrong.get());
      }
      return retryLive(store, cfg, d);
    }
    Optional<String> wrong =
        unretryable(
            id,
            mode,
            c,
            "paper",
            "a --dry-run retry only trades on the paper ledger and cannot resolve it");
    if (wrong.isPresent()) {
      return fail(ExitCode.USAGE, wrong.get());
    }
    MarketSnapshot snapshot = books();
    TradingService trading = TradingService.open(store, cfg, context().clock());
    return report(trading.retry(d, snapshot, source(), Optional.empty()));
  }

  /**
   * A live retry: sells what the dead letter holds back to its start asset with live orders (same
   * risk limits' open-cycle slot, same order journal as {@code arb run}). Re-running a whole cycle
   * live from a dead letter is not done: it would trade on an old decision.
   */
  private int retryLive(RecordStore store, ArbConfig cfg, DeadLetter d) {
    List<Holding> leftover = TradingService.leftover(d);
    if (leftover.isEmpty()) {
      return fail(
          ExitCode.USAGE,
          "arb dlq retry: dead letter "
              + id
              + " holds nothing outside its start asset; a live retry only sells leftover"
              + " holdings back (re-running a cycle live is not supported). Retry it with"
              + " --dry-run or drop it");
    }
    List<ExchangeConfig> tradeOn = new ArrayList<>();
    for (String name : leftover.stream().map(Holding::exchange).distinct().toList()) {
      ExchangeConfig e = cfg.exchanges().get(name);
      if (e == null || !e.enabled()) {
        throw new ConfigException(
            "arb dlq retry: dead letter "
                + id
                + " holds assets on "
                + name
                + ", which is not an enabled exchange under arb.exchanges; add it with its"
                + " api-key and api-secret");
      }
      tradeOn.add(e);
    }
    Exchanges.Retry live =
        Exchanges.retry(cfg, tradeOn, context().env(), context().clock(), store.orderJournal());
    MarketSnapshot snapshot = input != null ? books() : live.books().get();
    TradingService trading = TradingService.open(store, cfg, context().clock());
    return report(trading.retry(d, snapshot, source(), Optional.of(live.venues())));
  }

  private int report(RetryOutcome outcome) {
    if (outcome instanceof RetryOutcome.KeptOpen k) {
      if (json) {
        out()
            .println(
                Json.write(
                    new KeptOpenJson(
                        k.deadLetter(), DeadLetterStatus.OPEN.code(), null, k.error())));
        out().flush();
      }
      return fail(
          ExitCode.FAILURE,
          "arb dlq retry: dead letter "
              + k.deadLetter()
              + " stays open, nothing was traded: "
              + k.why());
    }
    if (outcome instanceof RetryOutcome.NothingTraded n) {
      return fail(
          ExitCode.FAILURE,
          "arb dlq retry: dead letter "
              + n.deadLetter()
              + " stays open: the retry traded nothing: "
              + n.reason()
              + " (execution "
              + n.executionId()
              + ")");
    }
    RetryOutcome.Retried r = (RetryOutcome.Retried) outcome;
    if (json) {
      out()
          .println(
              Json.write(
                  new RetriedJson(
                      id,
                      DeadLetterStatus.RETRIED.code(),
                      r.executionId(),
                      r.status().code(),
                      r.start().toString(),
                      r.realized(),
                      ExecutionJson.Holding.of(r.leftover()),
                      r.newDeadLetter().orElse(null),
                      r.note())));
    } else {
      out().println("dead letter " + id + " " + r.note() + " (execution " + r.executionId() + ")");
      r.newDeadLetter()
          .ifPresent(
              n ->
                  out()
                      .println(
                          "the retry did not end as planned either: dead letter "
                              + n
                              + " (arb dlq show "
                              + n
                              + ")"));
    }
    out().flush();
    return ExitCode.OK;
  }

  /** {@code --json} when the dead letter stays open: {@code execution_id} is always null. */
  record KeptOpenJson(long deadLetter, String status, Long executionId, String error) {}

  /**
   * {@code --json} after a retry that traded.
   *
   * @param newDeadLetter the retry's own dead letter when it did not end as planned either
   */
  record RetriedJson(
      long deadLetter,
      String status,
      long executionId,
      String executionStatus,
      String startAsset,
      BigDecimal realizedProfit,
      List<ExecutionJson.Holding> leftover,
      Long newDeadLetter,
      String note) {}

  private int fail(int code, String message) {
    err().println(message);
    err().flush();
    return code;
  }

  private String source() {
    return input == null ? "of the bundled sample" : "of " + input;
  }

  /** The books the retry trades on: --input, else the bundled sample. */
  private MarketSnapshot books() {
    if (fees != null && (fees.signum() < 0 || fees.compareTo(BigDecimal.ONE) >= 0)) {
      throw new ConfigException(
          "arb dlq retry: --fees must be a fraction in [0, 1) such as 0.001 (0.1 %), got "
              + fees.toPlainString());
    }
    MarketSnapshot s;
    if (input == null) {
      s = SampleSnapshot.load();
    } else {
      if (!Files.isReadable(input)) {
        throw new ConfigException(
            "arb dlq retry: --input " + input + " does not exist or cannot be read");
      }
      s =
          SnapshotReaders.read(
              input,
              Optional.of(SnapshotReaders.detect(input)),
              ReadOptions.withFee(fees == null ? BigDecimal.ZERO : fees));
    }
    return fees == null ? s : Snapshots.withTakerFee(s, fees);
  }

  /**
   * Why dead letter {@code id} cannot be retried in {@code wanted} mode: it is from another mode,
   * or its context has no start asset; empty if it can.
   */
  private static Optional<String> unretryable(
      long id, String mode, Optional<DeadLetterContext> context, String wanted, String otherMode) {
    if (!mode.equals(wanted)) {
      return Optional.of(
          "arb dlq retry: dead letter "
              + id
              + " is from "
              + (mode.isEmpty() ? "an unknown mode" : mode + " trading")
              + "; "
              + otherMode);
    }
    if (context.map(DeadLetterContext::startAsset).orElse("").isEmpty()) {
      return Optional.of(
          "arb dlq retry: dead letter " + id + " has no start asset in its context; drop it");
    }
    return Optional.empty();
  }
}
