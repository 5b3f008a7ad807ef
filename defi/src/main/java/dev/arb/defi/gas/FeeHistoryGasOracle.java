package dev.arb.defi.gas;

import dev.arb.defi.chain.ChainClient;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * Prices EIP-1559 transactions from {@code eth_feeHistory}: the tip is the median, over the last
 * {@code blockCount} blocks, of the reward at {@code rewardPercentile}; the max fee covers the next
 * base fee rising by the protocol maximum (12.5 %) for {@code blocksAhead} full blocks, plus the
 * tip; both are held under {@code maxFeeCap}.
 */
public final class FeeHistoryGasOracle {
  private static final BigInteger GROWTH_NUM = BigInteger.valueOf(1125);
  private static final BigInteger GROWTH_DEN = BigInteger.valueOf(1000);

  /**
   * Oracle settings.
   *
   * @param blockCount how many recent blocks to look at (1..1024)
   * @param rewardPercentile percentile of the tips paid in each block, 0..100 (50 = median)
   * @param blocksAhead how many full blocks of base-fee growth the max fee must survive
   * @param maxFeeCap never offer more than this, wei per gas
   */
  public record Settings(
      int blockCount, double rewardPercentile, int blocksAhead, BigInteger maxFeeCap) {
    public Settings {
      if (blockCount < 1 || blockCount > 1024) {
        throw new IllegalArgumentException("blockCount must be in 1..1024, got " + blockCount);
      }
      if (!(rewardPercentile >= 0 && rewardPercentile <= 100)) {
        throw new IllegalArgumentException(
            "rewardPercentile must be in 0..100, got " + rewardPercentile);
      }
      if (blocksAhead < 0 || blocksAhead > 20) {
        throw new IllegalArgumentException("blocksAhead must be in 0..20, got " + blocksAhead);
      }
      Objects.requireNonNull(maxFeeCap, "maxFeeCap");
      if (maxFeeCap.signum() <= 0) {
        throw new IllegalArgumentException("maxFeeCap must be positive");
      }
    }
  }

  /** Settings for a local dev chain: 10 blocks, median tip, 2 blocks ahead, cap 1000 gwei. */
  public static FeeHistoryGasOracle local() {
    return new FeeHistoryGasOracle(
        new Settings(10, 50, 2, BigInteger.TEN.pow(9).multiply(BigInteger.valueOf(1000))));
  }

  private final Settings settings;

  public FeeHistoryGasOracle(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The highest max fee per gas this oracle ever offers, wei. */
  public BigInteger cap() {
    return settings.maxFeeCap();
  }

  /** Asks the chain for its fee history and prices the next transaction. */
  public GasQuote quote(ChainClient chain) {
    EthFeeHistory r;
    try {
      r =
          chain
              .web3j()
              .ethFeeHistory(
                  settings.blockCount(),
                  DefaultBlockParameterName.LATEST,
                  List.of(settings.rewardPercentile()))
              .send();
    } catch (IOException e) {
      throw new ChainException(
          "gas: eth_feeHistory at " + chain.rpcUrl() + " failed: " + e.getMessage(), e);
    }
    if (r.hasError()) {
      throw new ChainException(
          "gas: eth_feeHistory at " + chain.rpcUrl() + " failed: " + r.getError().getMessage());
    }
    return quote(r.getFeeHistory(), 0, settings.blocksAhead(), settings.maxFeeCap());
  }

  /**
   * Prices from a fee history.
   *
   * @param history {@code eth_feeHistory} result: {@code baseFeePerGas} has one entry more than
   *     blocks (the last is the next block's), {@code reward} one row per block
   * @param rewardColumn which requested percentile to use (index into each reward row)
   * @param blocksAhead full blocks of base-fee growth to cover
   * @param cap highest max fee to offer
   */
  public static GasQuote quote(
      EthFeeHistory.FeeHistory history, int rewardColumn, int blocksAhead, BigInteger cap) {
    List<BigInteger> baseFees = history.getBaseFeePerGas();
    if (baseFees == null || baseFees.isEmpty()) {
      throw new ChainException("gas: eth_feeHistory returned no base fees (pre-London chain?)");
    }
    BigInteger next = baseFees.get(baseFees.size() - 1);
    BigInteger tip = medianColumn(history.getReward(), rewardColumn);
    BigInteger bound = next;
    for (int i = 0; i < blocksAhead; i++) {
      bound = ceilDiv(bound.multiply(GROWTH_NUM), GROWTH_DEN);
    }
    BigInteger wanted = bound.add(tip);
    boolean capped = wanted.compareTo(cap) > 0;
    boolean affordable = next.add(tip).compareTo(cap) <= 0;
    int cmp = next.compareTo(baseFees.get(0));
    GasQuote.Trend trend =
        cmp > 0 ? GasQuote.Trend.RISING : cmp < 0 ? GasQuote.Trend.FALLING : GasQuote.Trend.FLAT;
    return new GasQuote(next, tip, capped ? cap : wanted, trend, capped, affordable);
  }

  /**
   * Median of one column of the reward rows (mean of the middle two, rounded down, for an even
   * count); 0 if none.
   */
  static BigInteger medianColumn(List<List<BigInteger>> rewards, int column) {
    List<BigInteger> values = new ArrayList<>();
    if (rewards != null) {
      for (List<BigInteger> row : rewards) {
        if (row != null && column < row.size()) {
          values.add(row.get(column));
        }
      }
    }
    if (values.isEmpty()) {
      return BigInteger.ZERO;
    }
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1
        ? values.get(n / 2)
        : values.get(n / 2 - 1).add(values.get(n / 2)).shiftRight(1);
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
