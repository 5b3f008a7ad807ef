package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sending through a connection that loses requests and answers: the wallet never leaves a nonce
 * gap, which would hold every later transaction of the account in the node's queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletFaultsIT {
  private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  private AnvilProcess anvil;
  private ChainClient direct;
  private FaultyRpcProxy proxy;
  private ChainClient viaProxy;

  @BeforeAll
  void start() {
    anvil = AnvilProcess.start(ContractsDir.locate());
    direct = ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID));
  }

  @BeforeEach
  void proxy() throws IOException {
    proxy = new FaultyRpcProxy(anvil.rpcUrl());
    viaProxy = ChainClient.connect(ChainClient.Settings.local(proxy.url(), AnvilProcess.CHAIN_ID));
  }

  @AfterEach
  void closeProxy() {
    viaProxy.close();
    proxy.close();
  }

  @AfterAll
  void stop() {
    if (direct != null) {
      direct.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void aLostAnswerIsFollowedByTheSameTransactionAgainAndItLandsOnce() {
    Wallet wallet = new Wallet(viaProxy, DevAccounts.OWNER, FeeHistoryGasOracle.local());
    BigInteger first = direct.pendingNonce(wallet.address());
    proxy.next(new FaultyRpcProxy.LoseAnswer()); // the node takes it, the wallet hears nothing

    TransactionReceipt r = wallet.send(DevAccounts.STRANGER.getAddress(), "0x", TRANSFER_GAS);
    TransactionReceipt next = wallet.send(DevAccounts.STRANGER.getAddress(), "0x", TRANSFER_GAS);

    assertThat(r.isStatusOK()).isTrue();
    // the lost answer was followed by the same bytes again (OkHttp may add a retry of its own)
    assertThat(proxy.sendRequests()).isGreaterThanOrEqualTo(3);
    assertThat(transaction(r.getTransactionHash()).getNonce()).isEqualTo(first);
    assertThat(transaction(next.getTransactionHash()).getNonce())
        .isEqualTo(first.add(BigInteger.ONE));
    assertThat(direct.pendingNonce(wallet.address())).isEqualTo(first.add(BigInteger.TWO));
  }

  @Test
  void aLostRequestIsSubmittedAgainAndTheNextSendIsNotStuckBehindIt() {
    Wallet wallet = new Wallet(viaProxy, DevAccounts.EXECUTOR, FeeHistoryGasOracle.local());
    BigInteger first = direct.pendingNonce(wallet.address());
    proxy.next(new FaultyRpcProxy.LoseRequest());
    proxy.next(new FaultyRpcProxy.LoseRequest()); // twice: the node never saw it

    TransactionReceipt r = wallet.send(DevAccounts.STRANGER.getAddress(), "0x", TRANSFER_GAS);
    TransactionReceipt next = wallet.send(DevAccounts.STRANGER.getAddress(), "0x", TRANSFER_GAS);

    assertThat(r.isStatusOK()).isTrue();
    assertThat(next.isStatusOK()).isTrue();
    assertThat(transaction(r.getTransactionHash()).getNonce()).isEqualTo(first);
    assertThat(direct.pendingNonce(wallet.address())).isEqualTo(first.add(BigInteger.TWO));
  }

  @Test
  void aNodeThatStaysUnreachableGivesUnconfirmedNamingTheTransaction() {
    Wallet wallet = new Wallet(viaProxy, DevAccounts.STRANGER, FeeHistoryGasOracle.local());
    BigInteger first = direct.pendingNonce(wallet.address());
    for (int i = 0; i < 50; i++) { // more than the wallet's and OkHttp's retries together
      proxy.next(new FaultyRpcProxy.LoseRequest());
    }

    assertThatThrownBy(() -> wallet.send(DevAccounts.OWNER.getAddress(), "0x", TRANSFER_GAS))
        .isInstanceOfSatisfying(
            Wallet.Unconfirmed.class,
            e -> {
              assertThat(e.nonce()).isEqualTo(first);
              assertThat(e.txHashes()).hasSize(1);
              assertThat(e.getMessage()).contains("eth_sendRawTransaction").contains("check");
            });
    assertThat(proxy.sendRequests()).isGreaterThanOrEqualTo(1 + Wallet.RESUBMITS);
    proxy.clearFaults();
    // nothing reached the node, and the next send uses the same nonce
    TransactionReceipt r = wallet.send(DevAccounts.OWNER.getAddress(), "0x", TRANSFER_GAS);
    assertThat(transaction(r.getTransactionHash()).getNonce()).isEqualTo(first);
  }

  @Test
  void aRefusedNonceWithALaterOneInFlightIsFilledSoTheLaterOneIsMined() throws Exception {
    Wallet wallet = new Wallet(viaProxy, DevAccounts.OWNER, FeeHistoryGasOracle.local());
    BigInteger first = direct.pendingNonce(wallet.address());
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    proxy.next(new FaultyRpcProxy.Hold(arrived, release));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // takes nonce `first`; the node will refuse it: gas below a transfer's 21,000
      Future<TransactionReceipt> refused =
          pool.submit(
              () ->
                  wallet.send(DevAccounts.STRANGER.getAddress(), "0x", BigInteger.valueOf(20_000)));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      // takes nonce first + 1 while the first is still on its way; queued behind the gap
      Future<TransactionReceipt> later =
          pool.submit(() -> wallet.send(DevAccounts.STRANGER.getAddress(), "0x", TRANSFER_GAS));
      while (proxy.sendRequests() < 2) {
        Thread.sleep(10);
      }
      release.countDown();

      assertThat(
              org.junit.jupiter.api.Assertions.assertThrows(
                  java.util.concurrent.ExecutionException.class, refused::get))
          .hasCauseInstanceOf(ChainException.class)
          .cause()
          .hasMessageContaining("nonce " + first);
      TransactionReceipt r = later.get(60, TimeUnit.SECONDS);
      assertThat(r.isStatusOK()).isTrue();
      assertThat(transaction(r.getTransactionHash()).getNonce())
          .isEqualTo(first.add(BigInteger.ONE));
      assertThat(direct.pendingNonce(wallet.address())).isEqualTo(first.add(BigInteger.TWO));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private Transaction transaction(String txHash) {
    try {
      return direct.web3j().ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
