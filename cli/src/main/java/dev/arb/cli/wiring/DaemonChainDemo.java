package dev.arb.cli.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arb.daemon.chain.ChainFollower;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Fees;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.local.DaemonDemoChain;
import dev.arb.defi.local.DaemonMarket;
import dev.arb.defi.watch.FlashRouteExecutor;
import dev.arb.defi.watch.JsonRpcPoolWatch;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sizing.GasModel;
import dev.arb.error.ArbException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.web3j.crypto.Credentials;

/**
 * {@code arb defi demo --scenario daemon}: the daemon's chain follower on a local chain it starts.
 * Three real Uniswap V2 factories and three real V3 pools (33 pools, {@link DaemonMarket}), a
 * Balancer vault to lend WETH, the flash-loan contract; the follower ({@link ChainFollower} over
 * {@link JsonRpcPoolWatch} and {@link FlashRouteExecutor}, exactly as {@code arb run} wires them)
 * is given no route (wired here, beside {@link ChainFollowers}, as it names the adapters). Three
 * things happen to the pools, each checked:
 *
 * <ol>
 *   <li>a large swap (20 WETH into dex-a's WETH/USDC) creates a mispricing: the follower finds the
 *       cycle, simulates, sends, and the transaction is mined within 2 blocks; its realised profit
 *       is the owner's WETH balance change to the wei;
 *   <li>a small swap (1.5 WETH into dex-c's WETH/DAI): the cycle does not beat gas and the margin,
 *       so nothing is sent; recorded rejected with its gas figure;
 *   <li>with mining by hand, a large swap into dex-b's WETH/USDT, the follower's transaction sent,
 *       then a competitor's swap back (higher tip) in the same block: the contract reverts on its
 *       minimum profit, the loss is only gas; recorded failed with the decoded reason.
 * </ol>
 */
public final class DaemonChainDemo {
  private DaemonChainDemo() {}

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Margin of the demo: 0.001 ETH after gas. */
  public static final BigDecimal MARGIN = new BigDecimal("0.001");

  /**
   * One attempt as the demo prints it.
   *
   * @param status executed, rejected or failed
   * @param foundBy {@code daemon}
   * @param route the hops
   * @param expectedProfit the engine's sized profit, WETH
   * @param simulatedProfit the simulation's, WETH
   * @param gasCost gas at the oracle's max fee, WETH
   * @param realizedProfit the owner's balance change in the block, WETH (executed only)
   * @param ownerGain the owner's WETH balance after minus before the mispricing, measured apart
   * @param txHash the transaction
   * @param gasUsed its gas
   * @param mispricingBlock the block of the swap that made the mispricing
   * @param minedBlock the block it was mined in
   * @param reason why not sent, or why it failed
   */
  public record AttemptJson(
      String status,
      String foundBy,
      List<String> route,
      BigDecimal expectedProfit,
      BigDecimal simulatedProfit,
      BigDecimal gasCost,
      BigDecimal realizedProfit,
      BigDecimal ownerGain,
      String txHash,
      BigInteger gasUsed,
      long mispricingBlock,
      Long minedBlock,
      String reason) {}

  /**
   * The demo's result.
   *
   * @param ok whether every scenario went as described
   * @param problems what did not
   */
  public record Result(
      String scenario,
      long chainId,
      String contract,
      String owner,
      int poolsTracked,
      List<AttemptJson> executed,
      List<AttemptJson> rejected,
      List<AttemptJson> failed,
      boolean ok,
      List<String> problems) {}

  public static Result run(
      Path contractsDir, Clock clock, OpportunityRecorder recorder, Consumer<String> progress) {
    try (AnvilProcess anvil = AnvilProcess.start(contractsDir);
        ChainClient chain =
            ChainClient.connect(
                ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID))) {
      progress.accept("anvil: chain " + chain.chainId() + " at " + anvil.rpcUrl());
      DaemonDemoChain demo = DaemonDemoChain.deploy(chain, contractsDir, progress);
      Wallet owner = demo.owner();
      Wallet trader = demo.trader();
      Credentials traderKey = demo.traderKey();
      DaemonMarket market = demo.market();
      FlashLoanArbitrageContract arb = demo.arb();
      String weth = demo.weth();
      JsonRpcPoolWatch watch = demo.watch(anvil.rpcUrl());
      FlashRouteExecutor executor = demo.executor(MARGIN);
      BlockingQueue<DexAttempt> attempts = new LinkedBlockingQueue<>();
      java.util.concurrent.atomic.AtomicLong lastAttempt =
          new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
      List<String> problems = new ArrayList<>();
      List<AttemptJson> executed = new ArrayList<>();
      List<AttemptJson> rejected = new ArrayList<>();
      List<AttemptJson> failed = new ArrayList<>();
      ChainFollower follower =
          new ChainFollower(
              watch,
              executor,
              new ChainFollower.Settings(
                  Duration.ofMillis(100),
                  true,
                  3,
                  30,
                  0,
                  List.of("WETH"),
                  Optional.empty(),
                  GasModel.defaults()),
              recorder,
              clock,
              a -> {
                lastAttempt.set(System.nanoTime());
                attempts.add(a);
              });
      try (follower) {
        follower.start();
        await(() -> follower.status(clock.instant()).block() != null, "the first read");
        int tracked = follower.status(clock.instant()).poolsTracked();
        progress.accept(
            "daemon: following "
                + tracked
                + " pools from block "
                + follower.status(clock.instant()).block());

        // 1. a large mispricing: found, simulated, sent, mined within 2 blocks
        String aPair = market.pair("dex-a", "WETH", "USDC");
        long n = DaemonMarket.swapV2(trader, aPair, weth, DaemonMarket.tokens(20));
        BigInteger before = demo.balanceAt(weth, owner.address(), n);
        progress.accept("mispricing: 20 WETH sold into dex-a WETH/USDC in block " + n);
        DexAttempt done =
            next(
                attempts,
                a ->
                    a.txHash().isPresent()
                        && a.outcome() != DexAttempt.Outcome.PENDING
                        && a.pools().contains(aPair),
                "transaction mined");
        AttemptJson first = json(done, n, demo, weth, owner.address(), before);
        (done.outcome() == DexAttempt.Outcome.EXECUTED ? executed : failed).add(first);
        if (done.outcome() != DexAttempt.Outcome.EXECUTED) {
          problems.add("the large mispricing was not executed: " + first.reason());
        } else {
          if (first.minedBlock() - n > 2) {
            problems.add(
                "mined " + (first.minedBlock() - n) + " blocks after the mispricing, not within 2");
          }
          if (first.realizedProfit().compareTo(first.ownerGain()) != 0) {
            problems.add(
                "realised profit "
                    + first.realizedProfit()
                    + " is not the owner's gain "
                    + first.ownerGain());
          }
        }
        progress.accept(
            "daemon: "
                + first.status()
                + " "
                + String.join(" | ", first.route())
                + (first.txHash() == null ? "" : ", tx " + first.txHash()));

        // 2. a mispricing too small to beat gas, once the daemon has taken what the first left
        quiet(follower, chain, clock, lastAttempt);
        attempts.clear();
        String cPair = market.pair("dex-c", "WETH", "DAI");
        long m =
            DaemonMarket.swapV2(
                trader, cPair, weth, new BigDecimal("1.5").movePointRight(18).toBigIntegerExact());
        progress.accept("small mispricing: 1.5 WETH sold into dex-c WETH/DAI in block " + m);
        DexAttempt small =
            next(
                attempts,
                a -> a.outcome() == DexAttempt.Outcome.REJECTED && a.pools().contains(cPair),
                "decision on the small mispricing");
        AttemptJson smallJson = json(small, m, demo, weth, owner.address(), null);
        rejected.add(smallJson);
        progress.accept("daemon: rejected: " + smallJson.reason());

        // 3. a competitor between simulation and inclusion
        quiet(follower, chain, clock, lastAttempt);
        chain.rpc("evm_setAutomine", List.of(false));
        try {
          attempts.clear();
          String bPair = market.pair("dex-b", "WETH", "USDT");
          BigInteger nonce = chain.pendingNonce(trader.address());
          Fees high = new Fees(BigInteger.TEN.pow(12), BigInteger.TEN.pow(11));
          BigInteger usdtOut = DaemonMarket.quoteV2(chain, bPair, weth, DaemonMarket.tokens(20));
          for (ChainClient.SignedTx tx :
              DaemonMarket.signedSwapV2(
                  chain, traderKey, nonce, high, bPair, weth, DaemonMarket.tokens(20))) {
            chain.submit(tx);
          }
          chain.rpc("evm_mine", List.of());
          long k = chain.blockNumber().longValueExact();
          progress.accept(
              "mispricing: 20 WETH sold into dex-b WETH/USDT in block " + k + " (mining by hand)");
          DexAttempt sent =
              next(
                  attempts,
                  a -> a.outcome() == DexAttempt.Outcome.PENDING && a.pools().contains(bPair),
                  "a sent transaction");
          progress.accept(
              "daemon: sent " + sent.txHash().orElse("?") + "; a competitor swaps back first");
          for (ChainClient.SignedTx tx :
              DaemonMarket.signedSwapV2(
                  chain,
                  traderKey,
                  nonce.add(BigInteger.TWO),
                  high,
                  bPair,
                  market.tokens().get("USDT"),
                  usdtOut)) {
            chain.submit(tx);
          }
          chain.rpc("evm_mine", List.of());
          DexAttempt lost =
              next(
                  attempts,
                  a ->
                      a.txHash().equals(sent.txHash()) && a.outcome() != DexAttempt.Outcome.PENDING,
                  "the sent transaction's outcome");
          AttemptJson lostJson = json(lost, k, demo, weth, owner.address(), null);
          (lost.outcome() == DexAttempt.Outcome.FAILED ? failed : executed).add(lostJson);
          if (lost.outcome() != DexAttempt.Outcome.FAILED) {
            problems.add(
                "the competitor did not make the transaction fail: " + lost.outcome().code());
          }
          progress.accept("daemon: " + lostJson.status() + ": " + lostJson.reason());
        } finally {
          chain.rpc("evm_setAutomine", List.of(true));
        }
        return new Result(
            "daemon",
            chain.chainId(),
            arb.address(),
            owner.address(),
            tracked,
            executed,
            rejected,
            failed,
            problems.isEmpty(),
            problems);
      }
    }
  }

  private static AttemptJson json(
      DexAttempt a,
      long mispricing,
      DaemonDemoChain demo,
      String weth,
      String owner,
      BigInteger before) {
    OpportunityRecord r = a.record().orElseThrow();
    FlashRouteExecutor.SolutionJson s;
    try {
      s = Json.read(r.solutionJson(), FlashRouteExecutor.SolutionJson.class);
    } catch (JsonProcessingException e) {
      throw new ArbException(
          "demo: the record's solution cannot be read: " + e.getOriginalMessage());
    }
    BigDecimal gain = null;
    if (before != null && a.block().isPresent()) {
      gain =
          new BigDecimal(demo.balanceAt(weth, owner, a.block().get()).subtract(before))
              .movePointLeft(18)
              .stripTrailingZeros();
    }
    return new AttemptJson(
        r.status().code(),
        s.foundBy(),
        s.route(),
        r.estimatedProfit(),
        s.simulatedProfit(),
        s.gasCost(),
        r.realizedProfit(),
        gain,
        a.txHash().orElse(null),
        a.gasUsed().orElse(null),
        mispricing,
        a.block().orElse(null),
        r.reason());
  }

  private static DexAttempt next(
      BlockingQueue<DexAttempt> q, Predicate<DexAttempt> wanted, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        DexAttempt a = q.poll(200, TimeUnit.MILLISECONDS);
        if (a != null && wanted.test(a)) {
          return a;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new ArbException(
        "demo: the daemon gave no " + what + " within " + WAIT.toSeconds() + " s");
  }

  /**
   * Waits until the daemon has decided on the chain's head block with nothing pending (it then
   * sends nothing until a new block: no leftover of one scenario can land in the next), and no
   * attempt came for two seconds.
   */
  private static void quiet(
      ChainFollower follower,
      ChainClient chain,
      Clock clock,
      java.util.concurrent.atomic.AtomicLong lastAttempt) {
    await(
        () ->
            follower.idleAt(chain.blockNumber().longValueExact())
                && follower.status(clock.instant()).pending() == 0
                && System.nanoTime() - lastAttempt.get() > Duration.ofSeconds(2).toNanos(),
        "quiet moment of the daemon");
  }

  private static void await(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new ArbException("demo: no " + what + " within " + WAIT.toSeconds() + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ArbException("demo: interrupted");
      }
    }
  }
}
