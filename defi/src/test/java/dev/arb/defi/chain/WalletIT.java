package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.Transaction;
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

  @Test
  void stuckTransactionIsReplacedWithAHigherFeeAndTheReplacementLands() throws Exception {
    Wallet wallet =
        new Wallet(
            chain,
            DevAccounts.STRANGER,
            FeeHistoryGasOracle.local(),
            new Wallet.Replacement(Duration.ofMillis(200), 2));
    String to = DevAccounts.OWNER.getAddress();
    BigInteger nonce = chain.pendingNonce(wallet.address());
    chain.rpc("evm_setAutomine", List.of(false));
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Fees first = wallet.currentFees(); // no block is mined meanwhile: the first send's fees
      Future<TransactionReceipt> sending =
          background.submit(() -> wallet.send(to, "0x", TRANSFER_GAS));
      // nothing is mined while the wallet waits, replaces (twice at most), and waits again
      for (int i = 0; !replacedTwice(wallet.address(), first); i++) {
        assertThat(i).as("the wallet replaces its stuck transaction").isLessThan(1_000);
        Thread.sleep(10);
      }
      chain.rpc("evm_mine", List.of());

      TransactionReceipt mined = sending.get(60, TimeUnit.SECONDS);

      assertThat(mined.isStatusOK()).isTrue();
      Transaction tx = transaction(mined.getTransactionHash());
      assertThat(tx.getNonce()).isEqualTo(nonce);
      assertThat(tx.getMaxFeePerGas()).isEqualTo(Wallet.bump(Wallet.bump(first)).maxFeePerGas());
      assertThat(tx.getMaxPriorityFeePerGas())
          .isEqualTo(Wallet.bump(Wallet.bump(first)).maxPriorityFeePerGas());
      assertThat(chain.pendingNonce(wallet.address())).isEqualTo(nonce.add(BigInteger.ONE));
    } finally {
      chain.rpc("evm_setAutomine", List.of(true));
      background.shutdownNow();
    }
  }

  /** Whether the pool holds the sender's transaction at the twice-bumped fee. */
  private boolean replacedTwice(String sender, Fees first) {
    Object content = chain.rpc("txpool_content", List.of());
    String expected = "0x" + Wallet.bump(Wallet.bump(first)).maxFeePerGas().toString(16);
    return content.toString().toLowerCase(Locale.ROOT).contains(sender.toLowerCase(Locale.ROOT))
        && content.toString().contains("maxFeePerGas=" + expected);
  }

  private Transaction transaction(String txHash) {
    try {
      return chain.web3j().ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
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
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
