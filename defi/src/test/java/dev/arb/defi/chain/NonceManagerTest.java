package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NonceManagerTest {

  @Test
  void concurrentCallersGetDistinctConsecutiveNoncesFromOneNodeQuery() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    NonceManager nonces =
        new NonceManager(
            () -> {
              queries.incrementAndGet();
              return BigInteger.valueOf(7);
            });
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<BigInteger>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        calls.add(nonces::next);
      }
      Set<BigInteger> seen = new TreeSet<>();
      for (Future<BigInteger> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertThat(seen).hasSize(200);
      assertThat(seen).first().isEqualTo(BigInteger.valueOf(7));
      assertThat(seen).last().isEqualTo(BigInteger.valueOf(206));
      assertThat(queries).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resyncAsksTheNodeAgain() {
    BigInteger[] node = {BigInteger.valueOf(3)};
    NonceManager nonces = new NonceManager(() -> node[0]);
    assertThat(nonces.next()).isEqualTo(BigInteger.valueOf(3));
    assertThat(nonces.next()).isEqualTo(BigInteger.valueOf(4));
    node[0] = BigInteger.valueOf(10); // someone else sent six transactions
    assertThat(nonces.next()).isEqualTo(BigInteger.valueOf(5));
    nonces.resync();
    assertThat(nonces.next()).isEqualTo(BigInteger.valueOf(10));
  }

  @Test
  void aRefusedNonceIsGivenBackOnlyIfNoLaterOneWasHandedOut() {
    NonceManager nonces = new NonceManager(() -> BigInteger.valueOf(3));
    BigInteger a = nonces.next();
    assertThat(nonces.release(a)).isTrue();
    assertThat(nonces.next()).isEqualTo(a); // taken back: used again

    BigInteger b = nonces.next(); // 4
    assertThat(nonces.release(a)).as("a later nonce is out: the gap is the caller's").isFalse();
    assertThat(nonces.next()).isEqualTo(b.add(BigInteger.ONE));

    nonces.resync();
    assertThat(nonces.release(BigInteger.valueOf(5))).isFalse();
  }
}
