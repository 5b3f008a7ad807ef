package dev.arb.defi.flashloan;

import dev.arb.defi.gas.GasQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The seed's "selective flash loans": send only when the profit, net of the loan premium, beats the
 * gas cost at the oracle's max fee plus a margin, the oracle's cap is affordable, and the {@code
 * eth_call} simulation of the exact transaction succeeded. Otherwise say why not.
 *
 * @param margin profit required on top of gas, in the borrowed token's base units
 */
public record SelectiveTrigger(BigInteger margin) {

  public SelectiveTrigger {
    Objects.requireNonNull(margin, "margin");
    if (margin.signum() < 0) {
      throw new IllegalArgumentException("margin must be >= 0, got " + margin);
    }
  }

  /**
   * The decision, with the gas cost it assumed.
   *
   * @param send whether to send
   * @param reason why not, {@code null} when sending
   * @param gasCost gas cost at the oracle's max fee, in the token's base units (rounded up)
   */
  public record Decision(boolean send, String reason, BigInteger gasCost) {}

  /**
   * Decides for one route.
   *
   * @param expectedProfit sized profit net of the loan premium, token base units
   * @param simulation the {@code eth_call} of the exact transaction
   * @param gasUnits gas the transaction is expected to use
   * @param quote the gas oracle's price
   * @param tokenUnitsPerWei price of one wei in the token's base units (1 for WETH)
   */
  public Decision decide(
      BigInteger expectedProfit,
      Web3jFlashLoanExecutor.Simulation simulation,
      BigInteger gasUnits,
      GasQuote quote,
      BigDecimal tokenUnitsPerWei) {
    BigInteger gasCost =
        new BigDecimal(gasUnits.multiply(quote.maxFeePerGas()))
            .multiply(tokenUnitsPerWei)
            .setScale(0, RoundingMode.CEILING)
            .toBigIntegerExact();
    if (!simulation.succeeded()) {
      return new Decision(false, "simulation reverted: " + simulation.revertReason(), gasCost);
    }
    if (!quote.affordable()) {
      return new Decision(
          false, "gas cap " + quote.maxFeePerGas() + " wei is below next base fee + tip", gasCost);
    }
    // trust the lower of the sizing and the simulation
    BigInteger profit = expectedProfit.min(simulation.profits().get(0));
    BigInteger needed = gasCost.add(margin);
    if (profit.compareTo(needed) <= 0) {
      return new Decision(
          false,
          "profit " + profit + " does not beat gas " + gasCost + " + margin " + margin,
          gasCost);
    }
    return new Decision(true, null, gasCost);
  }
}
