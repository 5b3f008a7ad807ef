package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.gas.GasQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectiveTriggerTest {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final GasQuote QUOTE =
      new GasQuote(
          GWEI.multiply(BigInteger.valueOf(30)),
          GWEI,
          GWEI.multiply(BigInteger.valueOf(40)),
          GasQuote.Trend.FLAT,
          false,
          true);
  private static final BigInteger GAS = BigInteger.valueOf(300_000);
  // 300,000 gas * 40 gwei = 0.012 ETH = 12,000,000,000,000,000 wei
  private static final BigInteger GAS_COST = new BigInteger("12000000000000000");
  private static final SelectiveTrigger TRIGGER =
      new SelectiveTrigger(new BigInteger("1000000000000000"));

  private static Web3jFlashLoanExecutor.Simulation simulated(String profit) {
    return new Web3jFlashLoanExecutor.Simulation(List.of(new BigInteger(profit)), null);
  }

  @Test
  void sendsWhenProfitBeatsGasAtTheMaxFeePlusMargin() {
    SelectiveTrigger.Decision d =
        TRIGGER.decide(
            new BigInteger("13000000000000001"),
            simulated("13000000000000001"),
            GAS,
            QUOTE,
            BigDecimal.ONE);
    assertThat(d).isEqualTo(new SelectiveTrigger.Decision(true, null, GAS_COST));
  }

  @Test
  void skipsWhenProfitOnlyEqualsGasPlusMarginAndTrustsTheLowerOfSizingAndSimulation() {
    SelectiveTrigger.Decision equal =
        TRIGGER.decide(
            new BigInteger("13000000000000000"),
            simulated("20000000000000000"),
            GAS,
            QUOTE,
            BigDecimal.ONE);
    assertThat(equal.send()).isFalse();
    assertThat(equal.reason())
        .isEqualTo(
            "profit 13000000000000000 does not beat gas 12000000000000000 + margin 1000000000000000");
    SelectiveTrigger.Decision lowSimulation =
        TRIGGER.decide(
            new BigInteger("20000000000000000"),
            simulated("12500000000000000"),
            GAS,
            QUOTE,
            BigDecimal.ONE);
    assertThat(lowSimulation.send()).isFalse();
    assertThat(lowSimulation.reason()).startsWith("profit 12500000000000000 does not beat");
  }

  @Test
  void convertsGasToTheTokenAndRoundsTheCostUp() {
    // one wei is worth 0.3333333333 base units of the token
    SelectiveTrigger.Decision d =
        new SelectiveTrigger(BigInteger.ZERO)
            .decide(
                BigInteger.TEN.pow(18),
                simulated("1000000000000000000"),
                BigInteger.ONE,
                QUOTE,
                new BigDecimal("0.3333333333"));
    // 40 gwei * 0.3333333333 = 13.333333332 gwei-units -> rounded up
    assertThat(d.gasCost()).isEqualTo(new BigInteger("13333333332"));
    assertThat(d.send()).isTrue();
  }

  @Test
  void neverSendsARevertingSimulationOrAboveAnUnaffordableCap() {
    SelectiveTrigger.Decision reverted =
        TRIGGER.decide(
            BigInteger.TEN.pow(18),
            new Web3jFlashLoanExecutor.Simulation(
                List.of(), "InsufficientToRepay(balance=1, owed=2)"),
            GAS,
            QUOTE,
            BigDecimal.ONE);
    assertThat(reverted)
        .isEqualTo(
            new SelectiveTrigger.Decision(
                false, "simulation reverted: InsufficientToRepay(balance=1, owed=2)", GAS_COST));
    GasQuote capped =
        new GasQuote(
            QUOTE.nextBaseFee(),
            QUOTE.tip(),
            QUOTE.maxFeePerGas(),
            GasQuote.Trend.RISING,
            true,
            false);
    SelectiveTrigger.Decision unaffordable =
        TRIGGER.decide(
            BigInteger.TEN.pow(18), simulated("1000000000000000000"), GAS, capped, BigDecimal.ONE);
    assertThat(unaffordable.send()).isFalse();
    assertThat(unaffordable.reason())
        .isEqualTo("gas cap 40000000000 wei is below next base fee + tip");
  }
}
