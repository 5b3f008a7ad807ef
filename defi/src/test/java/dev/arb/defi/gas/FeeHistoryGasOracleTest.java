package dev.arb.defi.gas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * The oracle on the two real {@code eth_feeHistory} responses in {@code
 * oracle-response-samples.json} (copied from ../shared/data/gas), parsed by web3j's own response
 * type. Expected values are worked out by hand in the comments.
 */
class FeeHistoryGasOracleTest {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger NO_CAP = GWEI.multiply(BigInteger.valueOf(10_000));

  private static EthFeeHistory.FeeHistory mainnet2023;
  private static EthFeeHistory.FeeHistory mainnet2021;

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    try (InputStream in =
        FeeHistoryGasOracleTest.class.getResourceAsStream("oracle-response-samples.json")) {
      JsonNode samples = json.readTree(in).path("eth_feeHistory");
      mainnet2023 = json.treeToValue(samples.get(0).path("result"), EthFeeHistory.FeeHistory.class);
      mainnet2021 = json.treeToValue(samples.get(1).path("result"), EthFeeHistory.FeeHistory.class);
    }
  }

  @Test
  void pricesTheFebruary2023SampleByHand() {
    // next base fee = last baseFeePerGas = 0x46f5f64a6 = 19,048,391,846 wei
    // two full blocks ahead: ceil(19,048,391,846 * 1.125) = 21,429,440,827;
    //                        ceil(21,429,440,827 * 1.125) = 24,108,120,931
    // median reward, column 1: 0x3b9aca00 in all five blocks = 1 gwei
    GasQuote q = FeeHistoryGasOracle.quote(mainnet2023, 1, 2, NO_CAP);

    assertThat(q.nextBaseFee()).isEqualTo(new BigInteger("19048391846"));
    assertThat(q.tip()).isEqualTo(GWEI);
    assertThat(q.maxFeePerGas()).isEqualTo(new BigInteger("25108120931"));
    // 0x4c9d974c3 = 20,566,340,803 wei at the oldest block: falling since
    assertThat(q.trend()).isEqualTo(GasQuote.Trend.FALLING);
    assertThat(q.capped()).isFalse();
    assertThat(q.affordable()).isTrue();
  }

  @Test
  void takesTheMedianOfTheChosenPercentileColumn() {
    // column 2: 1.5, 2, 1, 2, 1.5 gwei -> sorted 1, 1.5, 1.5, 2, 2 -> 1.5 gwei
    assertThat(FeeHistoryGasOracle.quote(mainnet2023, 2, 2, NO_CAP).tip())
        .isEqualTo(new BigInteger("1500000000"));
    // column 0: 1, 1, 1, 0x2e7ddb00 (0.78 gwei), 1 -> 1 gwei
    assertThat(FeeHistoryGasOracle.quote(mainnet2023, 0, 2, NO_CAP).tip()).isEqualTo(GWEI);
    // no growth margin: base fee + tip
    assertThat(FeeHistoryGasOracle.quote(mainnet2023, 2, 0, NO_CAP).maxFeePerGas())
        .isEqualTo(new BigInteger("20548391846"));
  }

  @Test
  void pricesTheAugust2021SampleWithAnEvenNumberOfBlocks() {
    // next base fee 0x10c3714c06 = 71,998,458,886 wei; two blocks ahead: 91,123,049,528
    // column 1: 1,000,000,000 and 0x3bb24dfa = 1,001,541,114 -> mean of the two, floor:
    // 1,000,770,557
    GasQuote q = FeeHistoryGasOracle.quote(mainnet2021, 1, 2, NO_CAP);

    assertThat(q.nextBaseFee()).isEqualTo(new BigInteger("71998458886"));
    assertThat(q.tip()).isEqualTo(new BigInteger("1000770557"));
    assertThat(q.maxFeePerGas()).isEqualTo(new BigInteger("92123820085"));
    assertThat(q.trend()).isEqualTo(GasQuote.Trend.FALLING);
    // column 0: 1 gwei and 0 -> 0.5 gwei
    assertThat(FeeHistoryGasOracle.quote(mainnet2021, 0, 2, NO_CAP).tip())
        .isEqualTo(new BigInteger("500000000"));
  }

  @Test
  void holdsTheMaxFeeUnderTheCapAndSaysWhenTheCapIsTooLowToBeIncluded() {
    // wanted 25.108 gwei; next base fee + tip = 20.048 gwei
    GasQuote tight =
        FeeHistoryGasOracle.quote(mainnet2023, 1, 2, GWEI.multiply(BigInteger.valueOf(21)));
    assertThat(tight.maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(21)));
    assertThat(tight.capped()).isTrue();
    assertThat(tight.affordable()).isTrue();
    assertThat(tight.fees().maxPriorityFeePerGas()).isEqualTo(GWEI);

    GasQuote tooLow =
        FeeHistoryGasOracle.quote(mainnet2023, 1, 2, GWEI.multiply(BigInteger.valueOf(20)));
    assertThat(tooLow.capped()).isTrue();
    assertThat(tooLow.affordable()).isFalse();
  }
}
