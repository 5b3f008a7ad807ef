package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.gasless.SpendingLedger.Result;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpendingLedgerTest {
  private static final String ALICE = "0x00000000000000000000000000000000000000a1";
  private static final String BOB = "0x00000000000000000000000000000000000000b0";

  /** A clock tests move by hand. */
  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-11-24T23:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();
  private final SpendingLedger ledger =
      new SpendingLedger(
          new RelayPolicy(
              Set.of(),
              BigInteger.valueOf(100_000),
              BigInteger.valueOf(100), // per request
              BigInteger.valueOf(250), // per signer per day
              BigInteger.valueOf(400), // total per day
              3,
              Duration.ZERO),
          clock);

  private static BigInteger wei(long v) {
    return BigInteger.valueOf(v);
  }

  private static RelayOutcome.Reason refused(Result r) {
    return ((Result.Refused) r).reason();
  }

  @Test
  void refusesARequestThatCouldCostMoreThanThePerRequestLimit() {
    assertThat(refused(ledger.reserve(ALICE, wei(101))))
        .isEqualTo(RelayOutcome.Reason.REQUEST_SPEND_LIMIT);
    assertThat(ledger.reserve(ALICE, wei(100))).isInstanceOf(Result.Reserved.class);
  }

  @Test
  void refusesASignerPastItsWeiOrItsRequestCount() {
    ledger.reserve(ALICE, wei(100));
    ledger.reserve(ALICE, wei(100));
    assertThat(refused(ledger.reserve(ALICE, wei(51)))).isEqualTo(RelayOutcome.Reason.SIGNER_QUOTA);
    assertThat(ledger.reserve(ALICE, wei(50))).isInstanceOf(Result.Reserved.class);
    assertThat(refused(ledger.reserve(ALICE, wei(1)))).isEqualTo(RelayOutcome.Reason.SIGNER_QUOTA);
    assertThat(ledger.spentToday(ALICE)).contains(wei(250));
  }

  @Test
  void refusesAnyoneOnceTheDailyTotalIsReached() {
    ledger.reserve(ALICE, wei(100));
    ledger.reserve(ALICE, wei(100));
    ledger.reserve(BOB, wei(100));
    ledger.reserve(BOB, wei(100));
    assertThat(refused(ledger.reserve(BOB, wei(1))))
        .isEqualTo(RelayOutcome.Reason.DAILY_SPEND_LIMIT);
    assertThat(ledger.spentToday()).isEqualTo(wei(400));
  }

  @Test
  void settlingChargesTheRealCostAndReleasingGivesEverythingBack() {
    Result.Reserved a = (Result.Reserved) ledger.reserve(ALICE, wei(100));
    Result.Reserved b = (Result.Reserved) ledger.reserve(ALICE, wei(100));

    ledger.settle(a.reservation(), wei(30));
    ledger.release(b.reservation());

    assertThat(ledger.spentToday()).isEqualTo(wei(30));
    assertThat(ledger.spentToday(ALICE)).contains(wei(30));
    // the released request no longer counts: two more fit under the count of 3
    assertThat(ledger.reserve(ALICE, wei(10))).isInstanceOf(Result.Reserved.class);
    assertThat(ledger.reserve(ALICE, wei(10))).isInstanceOf(Result.Reserved.class);
    assertThat(refused(ledger.reserve(ALICE, wei(10)))).isEqualTo(RelayOutcome.Reason.SIGNER_QUOTA);
  }

  @Test
  void aNewUtcDayStartsFromZero() {
    ledger.reserve(ALICE, wei(100));
    ledger.reserve(ALICE, wei(100));
    ledger.reserve(ALICE, wei(50));

    clock.now = clock.now.plus(Duration.ofHours(1)); // 2026-11-25T00:00Z

    assertThat(ledger.spentToday()).isZero();
    assertThat(ledger.reserve(ALICE, wei(100))).isInstanceOf(Result.Reserved.class);
  }

  @Test
  void eachDayStartsFromWhatTheRecordsSayWasSpentThatDay() {
    java.util.List<java.time.LocalDate> asked = new java.util.ArrayList<>();
    SpendingLedger seeded =
        new SpendingLedger(
            new RelayPolicy(
                Set.of(),
                BigInteger.valueOf(100_000),
                wei(100),
                wei(250),
                wei(400),
                3,
                Duration.ZERO),
            clock,
            day -> {
              asked.add(day);
              return day.toString().equals("2026-11-24")
                  ? new dev.arb.engine.record.RelaySpending(
                      java.util.Map.of(
                          ALICE, new dev.arb.engine.record.RelaySpending.Signer(3, wei(30))),
                      wei(350))
                  : dev.arb.engine.record.RelaySpending.NONE;
            });

    assertThat(seeded.spentToday()).isEqualTo(wei(350));
    assertThat(refused(seeded.reserve(ALICE, wei(1)))).isEqualTo(RelayOutcome.Reason.SIGNER_QUOTA);
    assertThat(refused(seeded.reserve(BOB, wei(51))))
        .isEqualTo(RelayOutcome.Reason.DAILY_SPEND_LIMIT);
    assertThat(seeded.reserve(BOB, wei(50))).isInstanceOf(Result.Reserved.class);

    clock.now = clock.now.plus(Duration.ofHours(2));

    assertThat(seeded.spentToday()).isZero();
    assertThat(seeded.reserve(ALICE, wei(1))).isInstanceOf(Result.Reserved.class);
    assertThat(asked).extracting(Object::toString).containsExactly("2026-11-24", "2026-11-25");
  }
}
