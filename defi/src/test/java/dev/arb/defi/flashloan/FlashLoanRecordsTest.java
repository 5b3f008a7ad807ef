package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlashLoanRecordsTest {
  private static final String WETH = "0x" + "a".repeat(40);
  private static final String USDC = "0x" + "b".repeat(40);
  private static final String PAIR_B = "0x" + "1".repeat(40);
  private static final String PAIR_A = "0x" + "2".repeat(40);
  private static final String VAULT = "0x" + "3".repeat(40);
  private static final Instant AT = Instant.parse("2026-11-24T05:00:00.123456Z");
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  private static final FlashRoute ROUTE =
      FlashRoute.twoPool(
          LoanSource.BALANCER,
          VAULT,
          WETH,
          USDC,
          PAIR_B,
          PAIR_A,
          E18.multiply(BigInteger.TWO),
          E18.divide(BigInteger.valueOf(20)));
  private static final FlashLoanRecords.Names NAMES =
      new FlashLoanRecords.Names(
          Map.of(WETH, "WETH", USDC, "USDC"),
          Map.of(PAIR_B, "uniswap-v2:dex-b", PAIR_A, "uniswap-v2:dex-a", VAULT, "balancer-v2"),
          18);
  private static final BigInteger EXPECTED = new BigInteger("99743918583518729");

  @Test
  void executedRouteIsRecordedWithItsRealisedProfitAndTransaction() throws Exception {
    BigInteger realised = new BigInteger("99743918583518728");
    FlashLoanOutcome executed =
        new FlashLoanOutcome.Executed(
            "0x" + "f".repeat(64),
            List.of(realised),
            List.of(
                new RouteExecuted(
                    BigInteger.ONE,
                    VAULT,
                    WETH,
                    LoanSource.BALANCER,
                    ROUTE.amount(),
                    BigInteger.ZERO,
                    realised,
                    WETH)),
            BigInteger.valueOf(309_699),
            BigInteger.valueOf(1_875_000_000L));

    OpportunityRecord r = FlashLoanRecords.of(AT, ROUTE, NAMES, EXPECTED, executed, 0);

    assertThat(r.status()).isEqualTo(OpportunityStatus.EXECUTED);
    assertThat(r.detectedAt()).isEqualTo(Instant.parse("2026-11-24T05:00:00.123Z"));
    assertThat(r.startAsset()).isEqualTo("WETH");
    assertThat(r.exchanges()).containsExactly("uniswap-v2:dex-b", "uniswap-v2:dex-a");
    assertThat(r.assets()).containsExactly("WETH", "USDC");
    assertThat(r.estimatedProfit()).isEqualTo(new BigDecimal("0.099743918583518729"));
    assertThat(r.realizedProfit()).isEqualTo(new BigDecimal("0.099743918583518728"));
    // 0.0997439... / 2 WETH = 498.72 bp
    assertThat(r.returnBp()).isCloseTo(498.7196, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(r.reason()).isNull();
    JsonNode path = new ObjectMapper().readTree(r.pathJson());
    assertThat(path.path("source").asText()).isEqualTo("BALANCER");
    assertThat(path.path("lender").asText()).isEqualTo("balancer-v2");
    assertThat(path.path("hops").get(0).path("sell").asText()).isEqualTo("WETH");
    assertThat(path.path("hops").get(1).path("venue").asText()).isEqualTo("uniswap-v2:dex-a");
    JsonNode solution = new ObjectMapper().readTree(r.solutionJson());
    assertThat(solution.path("borrowed").asText()).isEqualTo("2");
    assertThat(solution.path("min_profit").asText()).isEqualTo("0.05");
    assertThat(solution.path("gas_used").asText()).isEqualTo("309699");
    assertThat(solution.path("tx_hash").asText()).isEqualTo("0x" + "f".repeat(64));
  }

  @Test
  void routeNotSentIsRejectedWithTheSimulationsReason() {
    OpportunityRecord r =
        FlashLoanRecords.of(
            AT,
            ROUTE,
            NAMES,
            EXPECTED,
            new FlashLoanOutcome.NotSent("InsufficientToRepay(balance=1, owed=2)"),
            0);

    assertThat(r.status()).isEqualTo(OpportunityStatus.REJECTED);
    assertThat(r.reason()).isEqualTo("not sent: InsufficientToRepay(balance=1, owed=2)");
    assertThat(r.realizedProfit()).isNull();
    assertThat(r.solutionJson()).doesNotContain("tx_hash");
  }

  @Test
  void routeRevertedOnChainIsFailedWithTheDecodedReason() {
    OpportunityRecord r =
        FlashLoanRecords.of(
            AT,
            ROUTE,
            NAMES,
            EXPECTED,
            new FlashLoanOutcome.Failed(
                "0x" + "e".repeat(64),
                "ProfitBelowMinimum(routeIndex=0, profit=1, minProfit=2)",
                BigInteger.valueOf(180_000)),
            0);

    assertThat(r.status()).isEqualTo(OpportunityStatus.FAILED);
    assertThat(r.reason())
        .isEqualTo("reverted on chain: ProfitBelowMinimum(routeIndex=0, profit=1, minProfit=2)");
    assertThat(r.realizedProfit()).isNull();
    assertThat(r.solutionJson()).contains("\"gas_used\":\"180000\"");
  }

  @Test
  void chainFailingBeforeSendingIsAFailedRecordSayingNothingWasSent() {
    OpportunityRecord r =
        FlashLoanRecords.interrupted(
            AT,
            ROUTE,
            NAMES,
            EXPECTED,
            "chain: eth_call to http://127.0.0.1:1 failed (ConnectException: refused)",
            List.of());

    assertThat(r.status()).isEqualTo(OpportunityStatus.FAILED);
    assertThat(r.reason())
        .isEqualTo(
            "chain failed before anything was sent: chain: eth_call to http://127.0.0.1:1 failed"
                + " (ConnectException: refused)");
    assertThat(r.realizedProfit()).isNull();
    assertThat(r.estimatedProfit()).isEqualTo(new BigDecimal("0.099743918583518729"));
    assertThat(r.solutionJson()).doesNotContain("sent_as").contains("\"borrowed\":\"2\"");
  }

  @Test
  void chainFailingAfterSendingKeepsTheTransactionsThatMayStillBeMined() throws Exception {
    String tx = "0x" + "d".repeat(64);
    OpportunityRecord r =
        FlashLoanRecords.interrupted(
            AT, ROUTE, NAMES, BigInteger.ZERO, "no receipt; it may still be mined", List.of(tx));

    assertThat(r.status()).isEqualTo(OpportunityStatus.FAILED);
    assertThat(r.reason())
        .isEqualTo("chain failed after sending " + tx + ": no receipt; it may still be mined");
    assertThat(r.estimatedProfit()).isEqualTo(BigDecimal.ZERO);
    JsonNode solution = new ObjectMapper().readTree(r.solutionJson());
    assertThat(solution.path("sent_as").get(0).asText()).isEqualTo(tx);
    assertThat(solution.path("mined").asText()).isEqualTo("unknown");

    // an error that already names the transaction is not repeated
    OpportunityRecord named =
        FlashLoanRecords.interrupted(
            AT, ROUTE, NAMES, EXPECTED, "transaction " + tx + " was sent, then ...", List.of(tx));
    assertThat(named.reason())
        .isEqualTo("chain failed after sending: transaction " + tx + " was sent, then ...");
  }

  @Test
  void namesMayBeKeyedByChecksummedAddresses() {
    FlashLoanRecords.Names checksummed =
        new FlashLoanRecords.Names(
            Map.of(WETH.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x"), "WETH"),
            Map.of(PAIR_B.replace("0x", "0X"), "dex-b"),
            18);
    OpportunityRecord r =
        FlashLoanRecords.of(AT, ROUTE, checksummed, EXPECTED, new FlashLoanOutcome.NotSent("x"), 0);
    assertThat(r.startAsset()).isEqualTo("WETH");
    assertThat(r.exchanges()).containsExactly("dex-b", PAIR_A);
  }

  @Test
  void unexpectedErrorIsAFailedRecordThatSaysToCheckTheAccount() {
    OpportunityRecord r =
        FlashLoanRecords.unexpected(
            AT, ROUTE, NAMES, EXPECTED, "java.lang.IllegalStateException: boom");

    assertThat(r.status()).isEqualTo(OpportunityStatus.FAILED);
    assertThat(r.reason())
        .isEqualTo(
            "unexpected error mid-attempt (a transaction may have been sent: check the account"
                + " before resending): java.lang.IllegalStateException: boom");
    assertThat(r.solutionJson()).contains("\"mined\":\"unknown\"");
  }
}
