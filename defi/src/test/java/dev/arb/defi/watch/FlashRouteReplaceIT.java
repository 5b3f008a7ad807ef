package dev.arb.defi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.local.DaemonMarket;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.engine.chain.ChainView;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.sizing.GasModel;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/**
 * A sent flash-loan transaction that is not mined (anvil mining by hand, the next blocks' base fee
 * set above the transaction's max fee, so each block leaves it out): after {@code
 * replaceAfterBlocks} blocks the executor sends it again with the same nonce and fees raised by
 * 12.5 %, and that replacement is mined once the base fee comes down; or, with no replacement
 * allowed, the nonce is taken by a transfer to self. The records say which.
 */
class FlashRouteReplaceIT extends OnSnapshotChain {
  private static final Credentials KEY =
      Credentials.create("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DaemonMarket market;
  private FlashLoanArbitrageContract arb;

  @Override
  protected void deploy(SnapshotChain c) {
    c.client()
        .rpc(
            "anvil_setBalance",
            List.of(KEY.getAddress(), "0x" + BigInteger.TEN.pow(21).toString(16)));
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    market = DaemonMarket.deploy(deployer, c.contracts());
    arb =
        FlashLoanArbitrageContract.deploy(
            deployer,
            deployer.address(),
            market.vault(),
            ChainClient.ZERO_ADDRESS,
            ChainClient.ZERO_ADDRESS,
            List.copyOf(market.factories().values()),
            List.of(market.v3Factory()));
    Erc20.transfer(
        deployer, market.tokens().get("WETH"), KEY.getAddress(), DaemonMarket.tokens(1_000));
  }

  @AfterEach
  void mineAutomatically() {
    chain.rpc("evm_setAutomine", List.of(true));
  }

  private JsonRpcPoolWatch watch() {
    List<DexSpec> dexes = new ArrayList<>();
    market.factories().forEach((n, f) -> dexes.add(new DexSpec(n, f, DexSpec.UNISWAP_V2_FEE, 100)));
    ChainSpec spec =
        new ChainSpec(
            "local",
            OptionalLong.of(AnvilProcess.CHAIN_ID),
            Optional.of(market.tokens().get("WETH")),
            dexes,
            List.of(),
            List.of(market.tokens().get("WETH"), market.tokens().get("USDC")),
            100,
            Duration.ofSeconds(10));
    return new JsonRpcPoolWatch(spec, local.anvil().rpcUrl(), chain, TokenMetadataCache.inMemory());
  }

  private FlashRouteExecutor executor(int maxReplacements) {
    return new FlashRouteExecutor(
        chain,
        DevAccounts.OWNER,
        arb,
        FeeHistoryGasOracle.local(),
        new FlashRouteExecutor.Settings(
            new BigDecimal("0.001"),
            List.of(Map.entry(LoanSource.BALANCER, market.vault())),
            2,
            maxReplacements));
  }

  /** The best sized WETH cycle of {@code view} after a 20 WETH sale into dex-a's WETH/USDC. */
  private static TradePlan bestPlan(ChainView view) {
    PathQuery query =
        new PathQuery(
            3,
            10,
            List.of(view.snapshot().find("WETH").get(0).asset()),
            OptionalDouble.of(0),
            true);
    List<Opportunity> found =
        Scanner.scan(
                new MarketSnapshot(List.of(), List.of(), "chain local", List.of(view.snapshot())),
                new ScanRequest(query, Optional.empty(), Optional.empty())
                    .withPools(PoolOptions.defaults().withGas(GasModel.defaults())))
            .opportunities();
    return found.stream().flatMap(o -> o.plan().stream()).findFirst().orElseThrow();
  }

  /** Mines one block whose base fee is {@code baseFee} wei. */
  private void mine(BigInteger baseFee) {
    nextBaseFee(baseFee);
    chain.rpc("evm_mine", List.of());
  }

  private void nextBaseFee(BigInteger baseFee) {
    chain.rpc("anvil_setNextBlockBaseFeePerGas", List.of("0x" + baseFee.toString(16)));
  }

  private BigInteger maxFee(String txHash) throws Exception {
    Transaction tx = chain.web3j().ethGetTransactionByHash(txHash).send().getTransaction().get();
    return Numeric.toBigInt(tx.getMaxFeePerGasRaw());
  }

  private boolean mined(String txHash) throws Exception {
    return chain
        .web3j()
        .ethGetTransactionReceipt(txHash)
        .send()
        .getTransactionReceipt()
        .isPresent();
  }

  /** Sends the mispricing's cycle with mining by hand; the pending attempt. */
  private DexAttempt sendWithManualMining(JsonRpcPoolWatch w, FlashRouteExecutor ex) {
    w.advance();
    DaemonMarket.swapV2(
        local.wallet(KEY),
        market.pair("dex-a", "WETH", "USDC"),
        market.tokens().get("WETH"),
        DaemonMarket.tokens(20));
    ChainView view = w.advance();
    chain.rpc("evm_setAutomine", List.of(false));
    DexAttempt sent = ex.attempt(bestPlan(view), view, Instant.now(), true);
    assertThat(sent.outcome()).isEqualTo(DexAttempt.Outcome.PENDING);
    return sent;
  }

  /**
   * One account, two senders (the flash routes and the inventory swaps of a chain, wired as {@code
   * arb run} does: one {@link Wallet}, the executor taking its nonces from it): the wallet has sent
   * before, so its nonce manager holds the next nonce locally; the route is sent (mining by hand)
   * and, while it waits in the pool, the wallet sends too. They get consecutive nonces, no nonce
   * error, and are mined in the same block.
   */
  @Test
  void theRouteAndTheWalletsOtherSendTakeConsecutiveNoncesAndAreMinedInOneBlock() throws Exception {
    Wallet owner = local.wallet(DevAccounts.OWNER);
    FlashRouteExecutor ex =
        new FlashRouteExecutor(
            owner,
            DevAccounts.OWNER,
            arb,
            FeeHistoryGasOracle.local(),
            new FlashRouteExecutor.Settings(
                new BigDecimal("0.001"),
                List.of(Map.entry(LoanSource.BALANCER, market.vault())),
                2,
                2));
    String weth = market.tokens().get("WETH");
    Erc20.transfer(owner, weth, KEY.getAddress(), BigInteger.ONE);
    BigInteger first = chain.pendingNonce(owner.address());
    java.util.concurrent.ExecutorService other =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (JsonRpcPoolWatch w = watch()) {
      DexAttempt sent = sendWithManualMining(w, ex);
      String route = sent.txHash().orElseThrow();
      java.util.concurrent.Future<?> transfer =
          other.submit(() -> Erc20.transfer(owner, weth, KEY.getAddress(), BigInteger.ONE));
      // both in the node's pool before the block is made
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!chain.pendingNonce(owner.address()).equals(first.add(BigInteger.TWO))) {
        assertThat(System.nanoTime()).as("the second send reached the pool").isLessThan(deadline);
        assertThat(transfer.isDone()).as("the second send is still waiting").isFalse();
        Thread.sleep(20);
      }
      chain.rpc("evm_mine", List.of());
      transfer.get(60, java.util.concurrent.TimeUnit.SECONDS);
      List<DexAttempt> done = ex.settle(w.advance());
      assertThat(done).hasSize(1);
      assertThat(done.get(0).outcome()).isEqualTo(DexAttempt.Outcome.EXECUTED);
      Transaction routeTx =
          chain.web3j().ethGetTransactionByHash(route).send().getTransaction().orElseThrow();
      assertThat(routeTx.getNonce()).isEqualTo(first);
      // the wallet's send took the next nonce and went into the route's block
      BigInteger block = routeTx.getBlockNumber();
      var txs =
          chain
              .web3j()
              .ethGetBlockByNumber(
                  org.web3j.protocol.core.DefaultBlockParameter.valueOf(block), true)
              .send()
              .getBlock()
              .getTransactions();
      assertThat(txs).hasSize(2);
      List<BigInteger> nonces = new ArrayList<>();
      for (var t : txs) {
        Transaction tx = (Transaction) t.get();
        assertThat(tx.getFrom()).isEqualToIgnoringCase(owner.address());
        nonces.add(tx.getNonce());
        assertThat(
                chain
                    .web3j()
                    .ethGetTransactionReceipt(tx.getHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow()
                    .isStatusOK())
            .isTrue();
      }
      assertThat(nonces).containsExactly(first, first.add(BigInteger.ONE));
      assertThat(chain.pendingNonce(owner.address())).isEqualTo(first.add(BigInteger.TWO));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aTransactionNotMinedInTwoBlocksIsReplacedWithHigherFeesAndTheReplacementIsMined()
      throws Exception {
    FlashRouteExecutor ex = executor(2);
    try (JsonRpcPoolWatch w = watch()) {
      DexAttempt sent = sendWithManualMining(w, ex);
      String first = sent.txHash().orElseThrow();
      BigInteger fee = maxFee(first);
      BigInteger baseFee =
          chain
              .web3j()
              .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
              .send()
              .getBlock()
              .getBaseFeePerGas();
      BigInteger tooHigh = fee.multiply(BigInteger.valueOf(4));
      List<DexAttempt> done = new ArrayList<>();
      int blocksLeftOut = 0;
      for (int i = 0; i < 2 && done.isEmpty(); i++) {
        mine(tooHigh);
        blocksLeftOut++;
        if (i == 1) {
          // the node takes the replacement only at a max fee the next block's base fee allows
          nextBaseFee(baseFee);
        }
        done.addAll(ex.settle(w.advance()));
      }
      assertThat(done).isEmpty();
      assertThat(blocksLeftOut).isEqualTo(2);
      assertThat(mined(first)).isFalse();
      assertThat(ex.busyPools()).isNotEmpty();

      mine(baseFee);
      for (int i = 0; i < 3 && done.isEmpty(); i++) {
        done.addAll(ex.settle(w.advance()));
        if (done.isEmpty()) {
          mine(baseFee);
        }
      }
      assertThat(done).hasSize(1);
      DexAttempt a = done.get(0);
      assertThat(a.outcome()).isEqualTo(DexAttempt.Outcome.EXECUTED);
      JsonNode s = JSON.readTree(a.record().orElseThrow().solutionJson());
      assertThat(s.path("replacements").asInt()).isEqualTo(1);
      assertThat(s.path("sent_tx_hashes")).hasSize(2);
      assertThat(s.path("sent_tx_hashes").get(0).asText()).isEqualTo(first);
      String second = s.path("sent_tx_hashes").get(1).asText();
      assertThat(a.txHash()).contains(second);
      assertThat(second).isNotEqualTo(first);
      assertThat(mined(first)).isFalse();
      // the same nonce, fees raised by 12.5 % and one wei
      BigInteger replacedFee = maxFee(second);
      assertThat(replacedFee)
          .isEqualTo(
              fee.multiply(BigInteger.valueOf(9))
                  .divide(BigInteger.valueOf(8))
                  .add(BigInteger.ONE));
      assertThat(arb.executions()).isEqualTo(BigInteger.ONE);
      assertThat(new BigDecimal(s.path("realized_profit").asText())).isPositive();
    }
  }

  @Test
  void withNoReplacementAllowedTheNonceIsTakenByATransferToSelfAndTheAttemptIsDropped()
      throws Exception {
    FlashRouteExecutor ex = executor(0);
    String owner = DevAccounts.OWNER.getAddress();
    try (JsonRpcPoolWatch w = watch()) {
      BigInteger nonce = chain.pendingNonce(owner);
      DexAttempt sent = sendWithManualMining(w, ex);
      String first = sent.txHash().orElseThrow();
      BigInteger fee = maxFee(first);
      BigInteger baseFee =
          chain
              .web3j()
              .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
              .send()
              .getBlock()
              .getBaseFeePerGas();
      List<DexAttempt> done = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        mine(fee.multiply(BigInteger.valueOf(4)));
        if (i == 1) {
          nextBaseFee(baseFee);
        }
        done.addAll(ex.settle(w.advance()));
      }
      assertThat(done).isEmpty();
      for (int i = 0; i < 3 && done.isEmpty(); i++) {
        mine(baseFee);
        done.addAll(ex.settle(w.advance()));
      }
      assertThat(done).hasSize(1);
      DexAttempt a = done.get(0);
      assertThat(a.outcome()).isEqualTo(DexAttempt.Outcome.FAILED);
      assertThat(a.record().orElseThrow().reason()).startsWith("dropped: not mined in 2 blocks");
      JsonNode s = JSON.readTree(a.record().orElseThrow().solutionJson());
      assertThat(s.path("replacements").asInt()).isZero();
      assertThat(s.path("sent_tx_hashes")).hasSize(2);
      assertThat(mined(first)).isFalse();
      Transaction drop =
          chain
              .web3j()
              .ethGetTransactionByHash(a.txHash().orElseThrow())
              .send()
              .getTransaction()
              .get();
      assertThat(drop.getTo()).isEqualToIgnoringCase(owner);
      assertThat(drop.getNonce()).isEqualTo(nonce);
      assertThat(chain.pendingNonce(owner)).isEqualTo(nonce.add(BigInteger.ONE));
      assertThat(arb.executions()).isZero();
    }
  }
}
