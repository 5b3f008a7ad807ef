package dev.arb.defi.gasless;

import dev.arb.engine.record.RelaySpending;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The relayer's spending per UTC day: requests and wei per signer, wei in total, kept in memory and
 * seeded at start and at each new day from what the relayer's records say was spent that day (so a
 * restart does not reset the limits). A request first {@linkplain #reserve reserves} its worst-case
 * cost against every limit at once (all or nothing, thread-safe), and is {@linkplain #settle
 * settled} to its real cost once mined, or {@linkplain #release released} if nothing was sent. A
 * new day starts from zero.
 */
public final class SpendingLedger {
  private final RelayPolicy policy;
  private final Clock clock;
  private LocalDate day;
  private final Map<String, BigInteger> weiBySigner = new HashMap<>();
  private final Map<String, Integer> requestsBySigner = new HashMap<>();
  private BigInteger totalWei = BigInteger.ZERO;
  private final Function<LocalDate, RelaySpending> spentBefore;

  /** A ledger that starts every day (and this process) from zero. */
  public SpendingLedger(RelayPolicy policy, Clock clock) {
    this(policy, clock, day -> RelaySpending.NONE);
  }

  /**
   * A ledger that starts each UTC day from {@code spentBefore.apply(day)}: what was already spent
   * that day, e.g. read from the relayer's records.
   */
  public SpendingLedger(
      RelayPolicy policy, Clock clock, Function<LocalDate, RelaySpending> spentBefore) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.spentBefore = Objects.requireNonNull(spentBefore, "spentBefore");
    this.day = today();
    seed();
  }

  private void seed() {
    RelaySpending spent = spentBefore.apply(day);
    spent
        .bySigner()
        .forEach(
            (signer, x) -> {
              weiBySigner.put(signer, x.wei());
              requestsBySigner.put(signer, x.requests());
            });
    totalWei = spent.totalWei();
  }

  /** A reservation: who, for how much, on which day. */
  public record Reservation(String signer, BigInteger wei, LocalDate day) {}

  /**
   * Reserves {@code wei} (the worst case) for one request of {@code signer}, or says which limit it
   * would pass.
   */
  public synchronized Result reserve(String signer, BigInteger wei) {
    rollOver();
    if (wei.compareTo(policy.maxWeiPerRequest()) > 0) {
      return new Result.Refused(
          RelayOutcome.Reason.REQUEST_SPEND_LIMIT,
          "could cost up to " + wei + " wei, above the limit of " + policy.maxWeiPerRequest());
    }
    int requests = requestsBySigner.getOrDefault(signer, 0);
    if (requests >= policy.maxRequestsPerSignerPerDay()) {
      return new Result.Refused(
          RelayOutcome.Reason.SIGNER_QUOTA,
          signer + " has used its " + policy.maxRequestsPerSignerPerDay() + " requests today");
    }
    BigInteger signerWei = weiBySigner.getOrDefault(signer, BigInteger.ZERO).add(wei);
    if (signerWei.compareTo(policy.maxWeiPerSignerPerDay()) > 0) {
      return new Result.Refused(
          RelayOutcome.Reason.SIGNER_QUOTA,
          signer + " would pass its limit of " + policy.maxWeiPerSignerPerDay() + " wei today");
    }
    BigInteger total = totalWei.add(wei);
    if (total.compareTo(policy.maxWeiPerDay()) > 0) {
      return new Result.Refused(
          RelayOutcome.Reason.DAILY_SPEND_LIMIT,
          "the relayer would pass its limit of " + policy.maxWeiPerDay() + " wei today");
    }
    requestsBySigner.put(signer, requests + 1);
    weiBySigner.put(signer, signerWei);
    totalWei = total;
    return new Result.Reserved(new Reservation(signer, wei, day));
  }

  /** Replaces a reservation by the real cost (the request still counts). */
  public synchronized void settle(Reservation r, BigInteger actualWei) {
    if (!r.day().equals(day)) {
      return; // yesterday's books are closed
    }
    BigInteger delta = actualWei.subtract(r.wei());
    weiBySigner.merge(r.signer(), delta, BigInteger::add);
    totalWei = totalWei.add(delta);
  }

  /** Undoes a reservation: nothing was sent. */
  public synchronized void release(Reservation r) {
    if (!r.day().equals(day)) {
      return;
    }
    settle(r, BigInteger.ZERO);
    requestsBySigner.merge(r.signer(), -1, Integer::sum);
  }

  /** Wei spent (or reserved) today in total. */
  public synchronized BigInteger spentToday() {
    rollOver();
    return totalWei;
  }

  /** Requests of {@code signer} that counted today. */
  public synchronized int requestsToday(String signer) {
    rollOver();
    return requestsBySigner.getOrDefault(signer, 0);
  }

  /** Wei spent (or reserved) today for {@code signer}. */
  public synchronized Optional<BigInteger> spentToday(String signer) {
    rollOver();
    return Optional.ofNullable(weiBySigner.get(signer));
  }

  private void rollOver() {
    LocalDate now = today();
    if (!now.equals(day)) {
      day = now;
      weiBySigner.clear();
      requestsBySigner.clear();
      totalWei = BigInteger.ZERO;
      seed();
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Outcome of {@link #reserve}. */
  public sealed interface Result {
    /** Reserved; settle or release it. */
    record Reserved(Reservation reservation) implements Result {}

    /** Refused: which limit, and by how much. */
    record Refused(RelayOutcome.Reason reason, String detail) implements Result {}
  }
}
