package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.config.ScanConfig;
import dev.arb.engine.json.Json;
import dev.arb.engine.lp.WholeGraphPlanner;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.TransferCosts;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * {@code arb scan}'s options checked against the configuration and the snapshot read: every problem
 * at once, as a {@link ConfigException}; the settings that apply, with a note for each default that
 * was chosen for the user.
 */
final class ScanOptions {

  /** What {@code --plan lp} solves for: {@code amount} of {@code start}, in {@code steps}. */
  record Lp(Asset start, BigDecimal amount, int steps) {}

  private final ScanCommand o;

  ScanOptions(ScanCommand options) {
    this.o = options;
  }

  /** The request of a {@code --plan cycles} scan. */
  ScanRequest cycles(ArbConfig cfg, ScanInputOptions.Loaded loaded, List<String> notes) {
    ScanConfig sc = cfg.scan();
    int length = o.maxLength != null ? o.maxLength : sc.maxLength();
    int k = o.top != null ? o.top : sc.top();
    List<String> problems = new ArrayList<>();
    if (length < 2 || length > 10) {
      problems.add("scan: --max-length must be between 2 and 10, got " + length);
    }
    if (k < 1) {
      problems.add("scan: --top must be at least 1, got " + k);
    }
    Double minProfitBp = o.minProfitBp;
    if (minProfitBp != null && (minProfitBp.isNaN() || minProfitBp <= -10_000)) {
      problems.add("scan: --min-profit-bp must be a number above -10000, got " + minProfitBp);
    }
    if (o.amount != null && o.amount.signum() <= 0) {
      problems.add("scan: --amount must be positive, got " + o.amount.toPlainString());
    }
    Duration maxAge = null;
    String maxAgeText = o.maxAgeText;
    boolean ageOff = "off".equalsIgnoreCase(maxAgeText == null ? "" : maxAgeText.strip());
    if (maxAgeText != null && !ageOff) {
      try {
        maxAge = new ScanCommand.DurationConverter().convert(maxAgeText);
        if (maxAge.isZero() || maxAge.isNegative()) {
          problems.add("scan: --max-age must be positive, got " + Json.duration(maxAge));
        }
      } catch (CommandLine.TypeConversionException e) {
        problems.add("scan: --max-age: " + e.getMessage() + ", or off");
      }
    }
    List<Asset> starts =
        ScanPoolOptions.startAssets(
            o.start != null ? o.start : sc.startAssets(), loaded.snapshot(), problems);
    PoolOptions pools = o.poolOptions.resolve(loaded.snapshot(), cfg.chains(), notes, problems);
    String transfers = o.transfers;
    if (transfers != null && !transfers.equals("inventory") && !transfers.equals("fees")) {
      problems.add("scan: --transfers must be inventory or fees, got " + transfers);
    } else if ("fees".equals(transfers)
        && sc.transfers().isEmpty()
        && loaded.withdrawalFees().stream().allMatch(w -> w.fees().isEmpty())) {
      problems.add(
          "scan: --transfers=fees needs the cost of moving each asset in arb.transfers"
              + " (e.g. arb.transfers.BTC { fee = \"0.0005\", minimum = \"0.001\" }),"
              + " or use --transfers=inventory");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    double minBp = minProfitBp != null ? minProfitBp : sc.minProfitBp();
    PathQuery query = new PathQuery(length, k, starts, OptionalDouble.of(minBp), true);
    Optional<BigDecimal> amt = Optional.ofNullable(o.amount).or(sc::amount);
    if (amt.isEmpty() && loaded.unlimitedDepth()) {
      amt = Optional.of(BigDecimal.ONE);
      notes.add("amount: 1 unit of the start asset (a rate table has no depth; set --amount)");
    }
    Optional<Duration> age = ageOff ? Optional.empty() : Optional.ofNullable(maxAge).or(sc::maxAge);
    long exchanges =
        loaded.snapshot().books().stream().map(b -> b.market().exchange()).distinct().count();
    // a file joins books recorded at any time; a live scan fetches them together (and an
    // exchange's own stamp on a quiet book may be old), so the default is for files only
    if (age.isEmpty() && !ageOff && o.input != null && (transfers != null || exchanges > 1)) {
      age = Optional.of(ScanCommand.DEFAULT_SKEW);
      notes.add(
          "max age: "
              + Json.duration(ScanCommand.DEFAULT_SKEW)
              + " before the snapshot's newest observation (the default with several exchanges;"
              + " --max-age sets it, --max-age off keeps every book)");
    } else {
      age.ifPresent(
          a ->
              notes.add(
                  "max age: " + Json.duration(a) + " before the snapshot's newest observation"));
    }
    if ("fees".equals(transfers)) {
      Map<String, Set<Asset>> held = new TreeMap<>();
      for (OrderBook b : loaded.snapshot().books()) {
        Set<Asset> assets =
            held.computeIfAbsent(
                b.market().exchange().toLowerCase(Locale.ROOT), e -> new TreeSet<>());
        assets.add(b.market().base());
        assets.add(b.market().quote());
      }
      TransferCosts costs =
          TransferOptions.of(sc.transfers(), loaded.withdrawalFees(), held, notes);
      notes.add(
          "transfers: an asset moved between exchanges pays its withdrawal fee ("
              + costs.byAsset().size()
              + " assets and "
              + costs.byRoute().size()
              + " routes in arb.transfers, which win over fees read from the exchanges; other"
              + " assets are not moved)");
      return new ScanRequest(query, amt, age, true).withPools(pools).withTransferFees(costs);
    }
    if (transfers != null) {
      notes.add(
          "transfers: the same asset on different exchanges is interchangeable at no cost"
              + " (inventory on every exchange; withdrawal fees not modelled)");
    }
    return new ScanRequest(query, amt, age, transfers != null).withPools(pools);
  }

  /** The settings of a {@code --plan lp} scan of {@code snapshot}'s markets. */
  Lp lp(ArbConfig cfg, ScanInputOptions.Loaded loaded) {
    List<String> problems = new ArrayList<>();
    List<String> codes = o.start != null ? o.start : cfg.scan().startAssets();
    if (codes.size() != 1) {
      problems.add(
          "scan: --plan lp needs exactly one --start asset, got "
              + (codes.isEmpty() ? "none" : String.join(", ", codes)));
    }
    Optional<BigDecimal> amt = Optional.ofNullable(o.amount).or(() -> cfg.scan().amount());
    if (amt.isEmpty() || amt.get().signum() <= 0) {
      problems.add("scan: --plan lp needs a positive --amount of the start asset");
    }
    int steps = o.steps;
    if (steps < 1 || steps > 64) {
      problems.add("scan: --steps must be between 1 and 64, got " + steps);
    } else if ((long) loaded.snapshot().books().size() * steps
        > WholeGraphPlanner.MAX_MARKET_STEPS) {
      problems.add(
          "scan: --plan lp solves one programme over every market and step: "
              + loaded.snapshot().books().size()
              + " markets x "
              + steps
              + " steps is more than "
              + WholeGraphPlanner.MAX_MARKET_STEPS
              + "; use fewer --steps, a smaller input, or --plan cycles");
    }
    Asset startAsset = null;
    if (codes.size() == 1) {
      try {
        startAsset = Asset.of(codes.get(0));
      } catch (IllegalArgumentException e) {
        problems.add("scan: --start " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Lp(startAsset, amt.get(), steps);
  }
}
