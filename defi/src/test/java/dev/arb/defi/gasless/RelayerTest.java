package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RelayerTest {
  @Test
  void sharesOfABatchAddUpToTheTotalAndDifferByAtMostOneWei() {
    assertThat(Relayer.shares(BigInteger.valueOf(10), 3))
        .containsExactly(BigInteger.valueOf(4), BigInteger.valueOf(3), BigInteger.valueOf(3));
    assertThat(Relayer.shares(BigInteger.valueOf(9), 3))
        .containsExactly(BigInteger.valueOf(3), BigInteger.valueOf(3), BigInteger.valueOf(3));
    assertThat(Relayer.shares(BigInteger.valueOf(7), 1)).containsExactly(BigInteger.valueOf(7));
  }

  @Test
  void gasLimitIsTheEstimatePlusTwentyPercentAndTwentyThousand() {
    assertThat(Relayer.gasLimit(BigInteger.valueOf(100_000)))
        .isEqualTo(BigInteger.valueOf(140_000));
  }
}
