package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.config.TradingConfig;
import dev.arb.daemon.PaperTrader;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.UnknownOutcomeGuard;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import dev.arb.error.ConfigException;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteDeadLetterRepository;
import dev.arb.storage.SqliteExecutionRepository;
import dev.arb.storage.SqliteOrderJournal;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.XChangeMarketDataSource;
import dev.arb.xchange.live.LiveOrderExecutor;
import dev.arb.xchange.live.LiveVenue;
import dev.arb.xchange.live.LiveVenues;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    Optional<SqliteDatabase> opened = DlqCommand.open(cfg);
    if (opened.isEmpty()) {
      return fail(ExitCode.USAGE, DlqCommand.unknown("retry", id, file));
    }
    try (SqliteDatabase db = opened.get()) {
      SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);
      Optional<DeadLetter> found = dlq.find(id);
      if (found.isEmpty()) {
        return fail(ExitCode.USAGE, DlqCommand.unknown("retry", id, file));
      }
      DeadLetter d = found.get();
      if (d.status() != DeadLetterStatus.OPEN) {
        return fail(ExitCode.USAGE, DlqCommand.notOpen("retry", d));
      }
      JsonNode c = DlqListCommand.context(d);
      String mode = c.path("mode").asText("");
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
        return retryLive(db, cfg, d, c);
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
      return retry(db, cfg, d, c, snapshot);
    }
  }

  private int retry(
      SqliteDatabase db, ArbConfig cfg, DeadLetter d, JsonNode c, MarketSnapshot snapshot) {
    Instant now = context().clock().instant();
    Asset start = Asset.of(c.get("start_asset").asText());
    SqliteExecutionRepository repo =
        new SqliteExecutionRepository(db, PaperTrader.limits(cfg.risk()));
    PaperBalances ledger = ledger(repo, cfg, now);
    RiskGate gate = gate(repo, cfg, now);
    Books books = Books.of(snapshot.books());
    PaperOrderExecutor exchange =
        new PaperOrderExecutor(
            books, Optional.empty(), ledger, PaperTrader.paperModel(cfg.paper()));
    List<Leg> legs = legs(c.path("plan").path("legs"), books);
    List<Holding> leftover = holdings(c.path("leftover"));
    String idPrefix = "r" + d.id() + "-" + now.toEpochMilli();
    SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);

    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return keepOpen(dlq, d, now, "refused: " + busy.get());
    }
    try {
      if (!leftover.isEmpty()) {
        Unwind u =
            ExecutionPolicy.sellBack(leftover, start, legs, exchange::books, exchange, idPrefix);
        boolean sold = u.fills().stream().anyMatch(f -> f.filled());
        if (!sold) {
          String why =
              u.fills().isEmpty()
                  ? "no market back to " + start + " in the books"
                  : u.fills().get(0).note();
          return keepOpen(dlq, d, now, "nothing sold back to " + start + ": " + why);
        }
        String note =
            "retried on paper: sold back to "
                + start
                + ", received "
                + u.returned().toPlainString()
                + " "
                + start
                + (u.leftover().isEmpty() ? "" : ", some is still held");
        SqliteExecutionRepository.Saved s =
            repo.saveSellBack(
                start,
                u,
                "paper",
                d.detectedAt(),
                now,
                ledger.holdings(),
                d.id(),
                c.path("plan").isMissingNode() ? null : c.get("plan"),
                new SqliteExecutionRepository.Resolution(true, note));
        return report(
            s,
            u.leftover().isEmpty() ? ExecutionStatus.UNWOUND : ExecutionStatus.STRANDED,
            u.returned(),
            start,
            u.leftover(),
            note);
      }
      return retryCycle(
          repo,
          dlq,
          gate,
          d,
          legs,
          start,
          snapshot,
          exchange,
          ledger,
          now,
          idPrefix,
          PaperTrader.legMode(cfg.trading()));
    } finally {
      gate.release();
    }
  }

  /**
   * A live retry: sells what the dead letter holds back to its start asset with live orders (same
   * risk limits' open-cycle slot, same order journal as {@code arb run}). Re-running a whole cycle
   * live from a dead letter is not done: it would trade on an old decision.
   */
  private int retryLive(SqliteDatabase db, ArbConfig cfg, DeadLetter d, JsonNode c) {
    List<Holding> leftover = holdings(c.path("leftover"));
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
    SecretResolver secrets = new SecretResolver(context().env());
    // names the missing keys and refuses before anything is sent
    LiveVenues.requireKeys(tradeOn, secrets);
    VenueOptions options = VenueOptions.defaults(cfg.dataDir());
    List<LiveVenue> venues = LiveVenues.create(tradeOn, secrets, options);
    MarketSnapshot snapshot;
    if (input != null) {
      snapshot = books();
    } else {
      try (XChangeMarketDataSource market =
          XChangeMarketDataSource.create(tradeOn, secrets, options)) {
        snapshot = market.snapshot();
      }
    }
    Instant now = context().clock().instant();
    Asset start = Asset.of(c.get("start_asset").asText());
    SqliteExecutionRepository repo =
        new SqliteExecutionRepository(db, PaperTrader.limits(cfg.risk()));
    RiskGate gate = gate(repo, cfg, now);
    Books books = Books.of(snapshot.books());
    List<Leg> legs = legs(c.path("plan").path("legs"), books);
    LiveOrderExecutor.Options o =
        new LiveOrderExecutor.Options(
            cfg.trading().orderTimeout(),
            cfg.trading().pollInterval(),
            2,
            context().clock(),
            System::nanoTime,
            options.sleeper());
    UnknownOutcomeGuard executor =
        new UnknownOutcomeGuard(new LiveOrderExecutor(venues, new SqliteOrderJournal(db), o));
    String idPrefix = "r" + d.id() + "-" + now.toEpochMilli();
    SqliteDeadLetterRepository dlq = new SqliteDeadLetterRepository(db);
    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return keepOpen(dlq, d, now, "refused: " + busy.get());
    }
    try {
      Unwind u = ExecutionPolicy.sellBack(leftover, start, legs, () -> books, executor, idPrefix);
      boolean sold = u.fills().stream().anyMatch(f -> f.filled());
      String unknown =
          executor.unknown().isEmpty()
              ? ""
              : "; "
                  + executor.unknown().size()
                  + " order(s) with unknown outcome, settled by reconciliation when 'arb run'"
                  + " starts";
      if (!sold) {
        String why =
            u.fills().isEmpty()
                ? "no market back to " + start + " in the books"
                : u.fills().get(0).note();
        return keepOpen(dlq, d, now, "nothing sold back to " + start + ": " + why + unknown);
      }
      String note =
          "retried live: sold back to "
              + start
              + ", received "
              + u.returned().toPlainString()
              + " "
              + start
              + (u.leftover().isEmpty() ? "" : ", some is still held")
              + unknown;
      SqliteExecutionRepository.Saved saved =
          repo.saveSellBack(
              start,
              u,
              "live",
              d.detectedAt(),
              now,
              null,
              d.id(),
              c.path("plan").isMissingNode() ? null : c.get("plan"),
              new SqliteExecutionRepository.Resolution(true, note));
      return report(
          saved,
          u.leftover().isEmpty() ? ExecutionStatus.UNWOUND : ExecutionStatus.STRANDED,
          u.returned(),
          start,
          u.leftover(),
          note);
    } finally {
      gate.release();
    }
  }

  private int retryCycle(
      SqliteExecutionRepository repo,
      SqliteDeadLetterRepository dlq,
      RiskGate gate,
      DeadLetter d,
      List<Leg> legs,
      Asset start,
      MarketSnapshot snapshot,
      PaperOrderExecutor exchange,
      PaperBalances ledger,
      Instant now,
      String idPrefix,
      LegMode mode) {
    if (legs.size() < 2) {
      return keepOpen(dlq, d, now, "no cycle in its context to re-run");
    }
    Books books = exchange.books();
    List<OrderBook> cycleBooks = new ArrayList<>();
    for (int i = 0; i < legs.size(); i++) {
      Optional<OrderBook> b = books.book(legs.get(i).market());
      if (b.isEmpty()) {
        throw new ConfigException(
            "arb dlq retry: the books "
                + source()
                + " have no "
                + legs.get(i).market().id()
                + " (leg "
                + (i + 1)
                + " of dead letter "
                + d.id()
                + "); give --input a snapshot with every market of the cycle");
      }
      cycleBooks.add(b.get());
    }
    Cycle cycle;
    try {
      cycle = new Cycle(legs, 1.0);
    } catch (IllegalArgumentException e) {
      return keepOpen(dlq, d, now, "its cycle cannot be rebuilt: " + e.getMessage());
    }
    BigDecimal available = ledger.balance(legs.get(0).exchange(), start);
    SizingOutcome sized = new AmtOptimizer(legs.size()).size(cycle, cycleBooks, available);
    if (sized instanceof SizingOutcome.Rejected r) {
      return keepOpen(
          dlq,
          d,
          now,
          "re-sizing found no trade: "
              + r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": "
              + r.detail());
    }
    TradePlan plan = ((SizingOutcome.Sized) sized).plan();
    Instant dataClock = snapshot.newestObservation().orElse(now);
    Optional<String> refused = gate.check(plan, cycleBooks, now, dataClock, ledger);
    if (refused.isPresent()) {
      return keepOpen(dlq, d, now, "refused: " + refused.get());
    }
    ExecutionResult x =
        ExecutionPolicy.execute(
            plan, exchange::books, exchange, gate.limits().threshold(), idPrefix, mode, ledger);
    String note =
        "retried on paper: "
            + x.status().code()
            + ", realized "
            + x.realizedProfit().toPlainString()
            + " "
            + start
            + (x.reason().isEmpty() ? "" : " (" + x.reason() + ")");
    boolean traded = x.traded();
    SqliteExecutionRepository.Saved s =
        repo.saveRetry(
            x,
            "paper",
            d.detectedAt(),
            now,
            ledger.holdings(),
            d.id(),
            new SqliteExecutionRepository.Resolution(
                traded, traded ? note : "retry at " + now + ": " + x.reason()));
    if (!traded) {
      return fail(
          ExitCode.FAILURE,
          "arb dlq retry: dead letter "
              + d.id()
              + " stays open: the retry traded nothing: "
              + x.reason()
              + " (execution "
              + s.executionId()
              + ")");
    }
    return report(s, x.status(), x.realizedProfit(), start, x.leftover(), note);
  }

  private int report(
      SqliteExecutionRepository.Saved s,
      ExecutionStatus status,
      BigDecimal realized,
      Asset start,
      List<Holding> leftover,
      String note) {
    if (json) {
      ObjectNode o = DlqListCommand.JSON.createObjectNode();
      o.put("dead_letter", id);
      o.put("status", DeadLetterStatus.RETRIED.code());
      o.put("execution_id", s.executionId());
      o.put("execution_status", status.code());
      o.put("start_asset", start.toString());
      o.put("realized_profit", realized.toPlainString());
      var left = o.putArray("leftover");
      for (Holding h : leftover) {
        ObjectNode x = left.addObject();
        x.put("exchange", h.exchange());
        x.put("asset", h.asset().toString());
        x.put("amount", h.amount().toPlainString());
      }
      if (s.deadLetterId().isPresent()) {
        o.put("new_dead_letter", s.deadLetterId().get());
      } else {
        o.putNull("new_dead_letter");
      }
      o.put("note", note);
      out().println(o.toString());
    } else {
      out().println("dead letter " + id + " " + note + " (execution " + s.executionId() + ")");
      s.deadLetterId()
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

  private int keepOpen(SqliteDeadLetterRepository dlq, DeadLetter d, Instant now, String why) {
    dlq.keepOpen(d.id(), "retry at " + now + ": " + why, now);
    if (json) {
      ObjectNode o = DlqListCommand.JSON.createObjectNode();
      o.put("dead_letter", d.id());
      o.put("status", DeadLetterStatus.OPEN.code());
      o.putNull("execution_id");
      o.put("error", "retry at " + now + ": " + why);
      out().println(o.toString());
      out().flush();
    }
    return fail(
        ExitCode.FAILURE,
        "arb dlq retry: dead letter " + d.id() + " stays open, nothing was traded: " + why);
  }

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

  /** The paper ledger, created from arb.paper.balances the first time (as the daemon does). */
  private static PaperBalances ledger(SqliteExecutionRepository repo, ArbConfig cfg, Instant now) {
    List<Holding> initial = new ArrayList<>();
    cfg.paper()
        .balances()
        .forEach(
            (exchange, assets) ->
                assets.forEach(
                    (asset, amount) ->
                        initial.add(new Holding(exchange, Asset.of(asset), amount))));
    repo.seedPaperLedger(initial, now);
    return new PaperBalances(repo.paperBalances());
  }

  /** The risk limits of arb.risk with today's executions counted in, as the daemon has them. */
  private static RiskGate gate(SqliteExecutionRepository repo, ArbConfig cfg, Instant now) {
    RiskGate gate = new RiskGate(PaperTrader.limits(cfg.risk()));
    Instant dayStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (SqliteExecutionRepository.Summary s : repo.since(dayStart)) {
      gate.add(s.executedAt(), s.startAsset(), s.startSpent(), s.realizedProfit());
    }
    return gate;
  }

  /** The cycle's legs from the context, each market taken from the books when they have it. */
  private static List<Leg> legs(JsonNode nodes, Books books) {
    List<Leg> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      Market m =
          Market.of(
              n.path("exchange").asText(),
              n.path("base").asText(),
              n.path("quote").asText(),
              new BigDecimal(n.path("taker_fee").asText("0")));
      Market current = books.book(m).map(OrderBook::market).orElse(m);
      Side side = n.path("side").asText().equals("buy") ? Side.BUY : Side.SELL;
      out.add(new Leg(current, side));
    }
    return out;
  }

  private static List<Holding> holdings(JsonNode nodes) {
    List<Holding> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      out.add(
          new Holding(
              n.path("exchange").asText(),
              Asset.of(n.path("asset").asText()),
              new BigDecimal(n.path("amount").asText())));
    }
    return out;
  }

  /**
   * Why dead letter {@code id} cannot be retried in {@code wanted} mode: it is from another mode,
   * or its context has no start asset; empty if it can.
   */
  private static Optional<String> unretryable(
      long id, String mode, JsonNode context, String wanted, String otherMode) {
    if (!mode.equals(wanted)) {
      return Optional.of(
          "arb dlq retry: dead letter "
              + id
              + " is from "
              + (mode.isEmpty() ? "an unknown mode" : mode + " trading")
              + "; "
              + otherMode);
    }
    if (context.path("start_asset").asText("").isEmpty()) {
      return Optional.of(
          "arb dlq retry: dead letter " + id + " has no start asset in its context; drop it");
    }
    return Optional.empty();
  }
}
