package dev.arb.engine.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One stored opportunity (the seed's ArbitrageRecord). Amounts are exact decimals, normalised so
 * that {@code 1.0} and {@code 1.00} are equal; times are UTC with millisecond precision.
 *
 * @param id database id, 0 until stored
 * @param detectedAt when the engine found it (truncated to milliseconds)
 * @param status where it stands
 * @param startAsset the asset the cycle starts and ends in, e.g. {@code USD}
 * @param exchanges exchanges the cycle touches, in order of first use, no duplicates
 * @param assets assets the cycle passes through, in order of first use, no duplicates
 * @param pathJson the cycle as JSON: its nodes and legs
 * @param solutionJson the sizing as JSON: amounts, prices and fees per leg ({@code {}} if unsized)
 * @param estimatedProfit profit in the start asset (exact)
 * @param returnBp return in basis points after fees
 * @param realizedProfit profit actually made, {@code null} unless executed
 * @param reason why it was rejected or failed, {@code null} otherwise
 * @param instance the arb process that stored it ({@code arb.instance}); {@code ""} until stored
 */
public record OpportunityRecord(
    long id,
    Instant detectedAt,
    OpportunityStatus status,
    String startAsset,
    List<String> exchanges,
    List<String> assets,
    String pathJson,
    String solutionJson,
    BigDecimal estimatedProfit,
    double returnBp,
    BigDecimal realizedProfit,
    String reason,
    String instance) {

  public OpportunityRecord {
    Objects.requireNonNull(detectedAt, "detectedAt");
    detectedAt = detectedAt.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startAsset, "startAsset");
    exchanges = List.copyOf(exchanges);
    assets = List.copyOf(assets);
    Objects.requireNonNull(pathJson, "pathJson");
    Objects.requireNonNull(solutionJson, "solutionJson");
    estimatedProfit = normalise(Objects.requireNonNull(estimatedProfit, "estimatedProfit"));
    if (Double.isNaN(returnBp) || Double.isInfinite(returnBp)) {
      throw new IllegalArgumentException("returnBp must be finite, got " + returnBp);
    }
    realizedProfit = realizedProfit == null ? null : normalise(realizedProfit);
    instance = instance == null ? "" : instance;
  }

  /** A record not stored yet: no id, no instance. */
  public OpportunityRecord(
      long id,
      Instant detectedAt,
      OpportunityStatus status,
      String startAsset,
      List<String> exchanges,
      List<String> assets,
      String pathJson,
      String solutionJson,
      BigDecimal estimatedProfit,
      double returnBp,
      BigDecimal realizedProfit,
      String reason) {
    this(
        id,
        detectedAt,
        status,
        startAsset,
        exchanges,
        assets,
        pathJson,
        solutionJson,
        estimatedProfit,
        returnBp,
        realizedProfit,
        reason,
        "");
  }

  /** The same record with its database id. */
  public OpportunityRecord withId(long newId) {
    return new OpportunityRecord(
        newId,
        detectedAt,
        status,
        startAsset,
        exchanges,
        assets,
        pathJson,
        solutionJson,
        estimatedProfit,
        returnBp,
        realizedProfit,
        reason,
        instance);
  }

  /** The same record as stored by {@code name}. */
  public OpportunityRecord withInstance(String name) {
    return new OpportunityRecord(
        id,
        detectedAt,
        status,
        startAsset,
        exchanges,
        assets,
        pathJson,
        solutionJson,
        estimatedProfit,
        returnBp,
        realizedProfit,
        reason,
        name);
  }

  private static BigDecimal normalise(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
