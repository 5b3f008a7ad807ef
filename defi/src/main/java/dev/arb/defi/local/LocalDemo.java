package dev.arb.defi.local;

import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.AaveV3;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.flashloan.FlashLoanOutcome;
import dev.arb.defi.flashloan.FlashLoanRecords;
import dev.arb.defi.flashloan.SelectiveTrigger;
import dev.arb.defi.flashloan.Web3jFlashLoanExecutor;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.defi.pool.ConstantProduct.CycleSize;
import dev.arb.defi.pool.ConstantProduct.LoanCost;
import dev.arb.engine.record.OpportunityRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The whole flash-loan pipeline on a throwaway local chain: starts anvil, funds a freshly generated
 * key (no stored key is used), deploys {@link LocalMarket} and FlashLoanArbitrage, sizes the WETH
 * cycle for each loan source in closed form, keeps the better one, sends it only if the expected
 * profit beats gas at the oracle's price plus a margin and the {@code eth_call} simulation
 * succeeds, and reports what happened. anvil is always stopped at the end.
 */
public final class LocalDemo {
  /** Minimum profit over gas cost to send, in WETH base units (0.001 WETH). */
  public static final BigInteger MARGIN = BigInteger.TEN.pow(15);

  private static final BigInteger HUNDRED_ETH = BigInteger.TEN.pow(20);
  private static final BigInteger SECP256K1_N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  /**
   * What the demo did. Amounts in WETH base units (18 decimals), gas in units and wei. WETH is a
   * test token priced 1:1 with ether here.
   *
   * @param sent whether a transaction was sent
   * @param decision why it was (or was not) sent, for a person
   * @param realizedProfit profit paid to the owner, {@code null} unless executed
   * @param txHash transaction hash, {@code null} unless sent
   * @param ownerGain how much the owner's WETH balance rose over the attempt (read on chain before
   *     and after; equals {@code realizedProfit} when executed, zero otherwise)
   * @param record the attempt as {@code arb history} stores it
   */
  public record Result(
      String rpcUrl,
      long chainId,
      String owner,
      String contract,
      LoanSource source,
      String lender,
      List<String> pairs,
      BigInteger borrowed,
      BigInteger expectedProfit,
      BigInteger simulatedProfit,
      BigInteger gasEstimate,
      BigInteger gasCostWei,
      boolean sent,
      String decision,
      BigInteger realizedProfit,
      BigInteger gasUsed,
      String txHash,
      BigInteger ownerGain,
      OpportunityRecord record) {}

  private LocalDemo() {}

  /** Runs the demo with the default {@link #MARGIN}. */
  public static Result run(Path contractsDir, Clock clock, Consumer<String> progress) {
    return run(contractsDir, clock, MARGIN, progress);
  }

  /**
   * Runs the demo; {@code progress} receives one line per step, {@code clock} dates the record.
   *
   * @param margin profit required on top of gas to send, WETH base units (the selective trigger)
   */
  public static Result run(
      Path contractsDir, Clock clock, BigInteger margin, Consumer<String> progress) {
    try (AnvilProcess anvil = AnvilProcess.start(contractsDir);
        ChainClient chain =
            ChainClient.connect(
                ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID))) {
      progress.accept("anvil: chain " + chain.chainId() + " at " + anvil.rpcUrl());
      Credentials key = Credentials.create(freshKey());
      chain.rpc("anvil_setBalance", List.of(key.getAddress(), "0x" + HUNDRED_ETH.toString(16)));
      Wallet owner = new Wallet(chain, key, FeeHistoryGasOracle.local());
      progress.accept("owner: fresh key " + owner.address() + ", funded with 100 ETH by anvil");

      LocalMarket market = LocalMarket.deploy(owner, contractsDir);
      progress.accept(
          "deployed: 2 Uniswap V2 factories, WETH/USDC at 2000 and 2200, Balancer V2 vault "
              + market.balancerVault()
              + ", Aave V3 pool "
              + market.aavePool()
              + " (real npm bytecode)");
      FlashLoanArbitrageContract arb =
          FlashLoanArbitrageContract.deploy(
              owner,
              ChainClient.ZERO_ADDRESS,
              market.balancerVault(),
              market.aavePool(),
              market.factories());
      progress.accept("deployed: FlashLoanArbitrage proxy " + arb.address());

      ConstantProduct.Hop sell =
          UniswapV2.hop(chain, market.pairB(), market.weth(), UniswapV2.FEE_BPS);
      ConstantProduct.Hop buy =
          UniswapV2.hop(chain, market.pairA(), market.usdc(), UniswapV2.FEE_BPS);
      BigInteger maxFromPair =
          UniswapV2.reserves(chain, market.loanPair()).of(market.weth()).shiftRight(1);
      // size the cycle for each lender in closed form and keep the most profitable
      Map<LoanSource, CycleSize> sizes = new EnumMap<>(LoanSource.class);
      ConstantProduct.optimalTwoPool(sell, buy, LoanCost.UNISWAP_V2_FLASH_SWAP, maxFromPair)
          .ifPresent(c -> sizes.put(LoanSource.UNISWAP_V2, c));
      ConstantProduct.optimalTwoPool(
              sell, buy, LoanCost.BALANCER_ZERO_FEE, LocalMarket.tokens(1_000))
          .ifPresent(c -> sizes.put(LoanSource.BALANCER, c));
      ConstantProduct.optimalTwoPool(
              sell, buy, LoanCost.aaveV3(AaveV3.PREMIUM_BPS), LocalMarket.tokens(1_000))
          .ifPresent(c -> sizes.put(LoanSource.AAVE_V3, c));
      LoanSource best =
          sizes.entrySet().stream()
              .max(Map.Entry.comparingByValue(Comparator.comparing(CycleSize::profit)))
              .orElseThrow()
              .getKey();
      CycleSize size = sizes.get(best);
      // ask for at least half the predicted profit: a price move before inclusion reverts, not
      // loses
      BigInteger minProfit = size.profit().shiftRight(1);
      FlashRoute route =
          switch (best) {
            case UNISWAP_V2 -> market.profitableRoute(size.amount(), minProfit);
            case BALANCER -> market.balancerRoute(size.amount(), minProfit);
            case AAVE_V3 -> market.aaveRoute(size.amount(), minProfit);
          };
      for (Map.Entry<LoanSource, CycleSize> e : sizes.entrySet()) {
        progress.accept(
            "sized via "
                + e.getKey()
                + ": borrow "
                + e.getValue().amount()
                + ", expected profit "
                + e.getValue().profit());
      }
      progress.accept(
          "opportunity: WETH -> USDC on DEX B -> WETH on DEX A, borrow "
              + size.amount()
              + " via "
              + best
              + ", expected profit "
              + size.profit());

      Instant detectedAt = clock.instant();
      Web3jFlashLoanExecutor executor = new Web3jFlashLoanExecutor(owner, arb);
      String data = arb.encodeExecuteFor(List.of(route));
      Web3jFlashLoanExecutor.Simulation sim = executor.simulate(List.of(route));
      CallResult estimate =
          chain.estimateGas(
              owner.address(), arb.address(), data, FlashLoanArbitrageContract.decoder());
      BigInteger gas =
          estimate instanceof CallResult.Success est ? new BigInteger(est.data()) : BigInteger.ZERO;
      // WETH is priced 1:1 with ether here: one wei of gas costs one base unit of WETH
      SelectiveTrigger.Decision decision =
          new SelectiveTrigger(margin)
              .decide(
                  size.profit(),
                  sim,
                  gas,
                  FeeHistoryGasOracle.local().quote(chain),
                  BigDecimal.ONE);
      BigInteger simulated = sim.succeeded() ? sim.profits().get(0) : null;
      BigInteger gasCost = decision.gasCost();
      BigInteger balanceBefore = Erc20.balanceOf(chain, market.weth(), owner.address());
      FlashLoanOutcome outcome;
      if (!decision.send()) {
        outcome = new FlashLoanOutcome.NotSent(decision.reason());
      } else {
        progress.accept(
            "simulated: profit "
                + simulated
                + ", gas about "
                + gas
                + ", at most "
                + gasCost
                + " wei");
        outcome = executor.execute(List.of(route));
        if (outcome instanceof FlashLoanOutcome.NotSent n) {
          outcome = new FlashLoanOutcome.NotSent("simulation reverted: " + n.reason());
        }
      }
      BigInteger ownerGain =
          Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(balanceBefore);
      OpportunityRecord record =
          FlashLoanRecords.of(detectedAt, route, market.names(), size.profit(), outcome, 0);
      progress.accept("outcome: " + record.status().code() + describe(outcome));
      return new Result(
          anvil.rpcUrl(),
          chain.chainId(),
          owner.address(),
          arb.address(),
          route.source(),
          route.lender(),
          route.pairs(),
          route.amount(),
          size.profit(),
          simulated,
          gas,
          gasCost,
          !(outcome instanceof FlashLoanOutcome.NotSent),
          record.reason() == null
              ? "profit beats gas + margin and the simulation succeeded"
              : record.reason(),
          record.realizedProfit() == null ? null : done(outcome).profits().get(0),
          outcome instanceof FlashLoanOutcome.Executed e
              ? e.gasUsed()
              : outcome instanceof FlashLoanOutcome.Failed f ? f.gasUsed() : null,
          outcome instanceof FlashLoanOutcome.Executed e
              ? e.txHash()
              : outcome instanceof FlashLoanOutcome.Failed f ? f.txHash() : null,
          ownerGain,
          record);
    }
  }

  private static FlashLoanOutcome.Executed done(FlashLoanOutcome outcome) {
    return (FlashLoanOutcome.Executed) outcome;
  }

  private static String describe(FlashLoanOutcome outcome) {
    if (outcome instanceof FlashLoanOutcome.Executed e) {
      return ", tx " + e.txHash() + ", gas used " + e.gasUsed();
    }
    if (outcome instanceof FlashLoanOutcome.Failed f) {
      return ", tx " + f.txHash() + ": " + f.reason();
    }
    return ": " + ((FlashLoanOutcome.NotSent) outcome).reason();
  }

  /** A random private key for this run only; it never leaves memory. */
  private static ECKeyPair freshKey() {
    SecureRandom random = new SecureRandom();
    while (true) {
      BigInteger k = new BigInteger(256, random);
      if (k.signum() > 0 && k.compareTo(SECP256K1_N) < 0) {
        return ECKeyPair.create(k);
      }
    }
  }
}
