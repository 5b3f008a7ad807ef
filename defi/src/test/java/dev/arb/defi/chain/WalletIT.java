package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Sending from one account on anvil: nonces under concurrency and after another sender. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletIT {
  private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  private AnvilProcess anvil;
  private ChainClient chain;

  @BeforeAll
  void start() {
    anvil = AnvilProcess.start(ContractsDir.locate());
    try {
      chain =
          ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID));
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void twentyConcurrentSendsGetDistinctNoncesAndAllLand() throws Exception {
    Wallet wallet = new Wallet(chain, DevAccounts.EXECUTOR, FeeHistoryGasOracle.local());
    String to = DevAccounts.STRANGER.getAddress();
    BigInteger first = chain.pendingNonce(wallet.address());
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<TransactionReceipt>> sends = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sends.add(() -> wallet.send(to, "0x", TRANSFER_GAS));
      }
      Set<BigInteger> nonces = new TreeSet<>();
      for (Future<TransactionReceipt> f : pool.invokeAll(sends)) {
        TransactionReceipt r = f.get();
        assertThat(r.isStatusOK()).isTrue();
        nonces.add(nonceOf(r.getTransactionHash()));
      }
      assertThat(nonces).hasSize(20);
      assertThat(nonces).first().isEqualTo(first);
      assertThat(nonces).last().isEqualTo(first.add(BigInteger.valueOf(19)));
      assertThat(chain.pendingNonce(wallet.address())).isEqualTo(first.add(BigInteger.valueOf(20)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recoversWhenAnotherProcessUsedTheAccount() {
    Wallet ours = new Wallet(chain, DevAccounts.OWNER, FeeHistoryGasOracle.local());
    Wallet otherProcess = new Wallet(chain, DevAccounts.OWNER, FeeHistoryGasOracle.local());
    String to = DevAccounts.STRANGER.getAddress();
    TransactionReceipt mine = ours.send(to, "0x", TRANSFER_GAS); // our nonce cache: n + 1
    TransactionReceipt theirs = otherProcess.send(to, "0x", TRANSFER_GAS); // takes n + 1

    TransactionReceipt again = ours.send(to, "0x", TRANSFER_GAS); // n + 1 is too low now

    assertThat(again.isStatusOK()).isTrue();
    BigInteger n = nonceOf(mine.getTransactionHash());
    assertThat(nonceOf(theirs.getTransactionHash())).isEqualTo(n.add(BigInteger.ONE));
    assertThat(nonceOf(again.getTransactionHash())).isEqualTo(n.add(BigInteger.TWO));
  }

  private BigInteger nonceOf(String txHash) {
    try {
      return chain
          .web3j()
          .ethGetTransactionByHash(txHash)
          .send()
          .getTransaction()
          .orElseThrow()
          .getNonce();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
