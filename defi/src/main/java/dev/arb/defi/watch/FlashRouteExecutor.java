package dev.arb.defi.watch;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Fees;
import dev.arb.defi.chain.NonceManager;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanFees;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.flashloan.FlashLoanOutcome;
import dev.arb.defi.flashloan.FlashLoanRecords;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gas.GasQuote;
import dev.arb.engine.chain.ChainView;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.chain.DexExecutor;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.engine.pool.TokenValues;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.GasCost;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.error.ChainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Executes engine-sized DEX-only cycles through {@link FlashLoanArbitrageContract}: the plan's pool
 * swaps become the route's hops (a V2 pair with its own fee, a V3 pool), the loan comes from the
 * cheapest lender able to lend the start amount, the exact transaction is simulated with {@code
 * eth_call} at the latest block and its gas estimated; gas at the oracle's max fee is valued in the
 * start token at the plan's own price of the native token. It is sent only if the simulated profit
 * less that gas is at least the margin, with the contract's minimum profit set to gas plus margin
 * (so a competitor that takes the opportunity first makes it revert, costing only gas). A sent
 * transaction is followed block by block: mined, it is executed (realised profit: the owner's
 * balance change of the start token in its block) or failed (the decoded revert, replayed at its
 * block); not mined within {@code replaceAfterBlocks}, it is sent again with the same nonce and
 * higher fees if a new simulation still pays, else dropped (the nonce taken by a transfer to self).
 */
public final class FlashRouteExecutor implements DexExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(FlashRouteExecutor.class);
  private static final RevertDecoder DECODER = FlashLoanArbitrageContract.decoder();
  private static final BigInteger SELF_TRANSFER_GAS = BigInteger.valueOf(21_000);

  /**
   * How the executor decides and follows.
   *
   * @param margin least profit after gas, in the native token (ETH), valued in the start token like
   *     gas
   * @param lenders where loans may come from, in order of preference on equal premium
   * @param replaceAfterBlocks a transaction not mined after this many blocks is replaced or dropped
   * @param maxReplacements most replacements before it is dropped
   */
  public record Settings(
      BigDecimal margin,
      List<Map.Entry<LoanSource, String>> lenders,
      int replaceAfterBlocks,
      int maxReplacements) {
    public Settings {
      Objects.requireNonNull(margin, "margin");
      if (margin.signum() < 0) {
        throw new IllegalArgumentException("margin must not be negative, got " + margin);
      }
      lenders = List.copyOf(lenders);
      if (lenders.isEmpty()) {
        throw new IllegalArgumentException("no lender: give at least one loan source");
      }
      if (replaceAfterBlocks < 1) {
        throw new IllegalArgumentException(
            "replaceAfterBlocks must be at least 1, got " + replaceAfterBlocks);
      }
      if (maxReplacements < 0) {
        throw new IllegalArgumentException("maxReplacements must not be negative");
      }
    }
  }

  private final ChainClient chain;
  private final Credentials credentials;
  private final Wallet wallet;
  private final FlashLoanArbitrageContract contract;
  private final FeeHistoryGasOracle oracle;
  private final Settings settings;
  private final NonceManager nonces;
  private final List<Pending> pending = new ArrayList<>();

  /** An executor that is the only sender of its account in this process. */
  public FlashRouteExecutor(
      ChainClient chain,
      Credentials credentials,
      FlashLoanArbitrageContract contract,
      FeeHistoryGasOracle oracle,
      Settings settings) {
    this(new Wallet(chain, credentials, oracle), credentials, contract, oracle, settings);
  }

  /**
   * An executor sending from {@code wallet}'s account and taking its nonces from {@code wallet}'s
   * {@link NonceManager}, so that it and the wallet's other users (the inventory swaps of the same
   * chain and key) never pick the same nonce.
   *
   * @param credentials the key of {@code wallet}'s account (signs routes, replacements and drops)
   */
  public FlashRouteExecutor(
      Wallet wallet,
      Credentials credentials,
      FlashLoanArbitrageContract contract,
      FeeHistoryGasOracle oracle,
      Settings settings) {
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.chain = wallet.chain();
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    if (!credentials.getAddress().equalsIgnoreCase(wallet.address())) {
      throw new IllegalArgumentException("credentials and wallet are different accounts");
    }
    this.contract = Objects.requireNonNull(contract, "contract");
    this.oracle = Objects.requireNonNull(oracle, "oracle");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nonces = wallet.nonces();
  }

  /** The sending account. */
  public String address() {
    return wallet.address();
  }

  /**
   * The record's solution for a daemon attempt, in this key order; keys that do not apply are
   * {@code null}. Token amounts are decimals of the start token; wei and gas are integers.
   *
   * @param foundBy always {@code daemon}
   * @param route the hops, {@code dex:pool sell->buy}
   * @param block the block the decision was made at
   * @param borrowed the loan
   * @param expectedProfit the engine's sized profit before the loan premium and gas
   * @param simulatedProfit what {@code eth_call} of the exact transaction returned
   * @param gasUnits the gas estimate
   * @param maxFeePerGasWei the oracle's max fee
   * @param gasCost the estimate at the max fee, valued in the start token
   * @param margin the margin in the start token
   * @param minProfit the contract's minimum profit (gas plus margin) of the sent route
   * @param txHash the transaction mined (or the last one sent)
   * @param minedBlock its block
   * @param gasUsed its gas
   * @param gasSpentWei what it cost
   * @param realizedProfit the owner's balance change of the start token in its block
   * @param contractProfit the profit the contract's event reported
   * @param replacements how many times it was sent again with higher fees (same nonce), once mined
   * @param sentTxHashes every transaction sent for it, in order (the replacements, and the transfer
   *     to self of a drop), once mined
   */
  public record SolutionJson(
      String foundBy,
      List<String> route,
      long block,
      BigDecimal borrowed,
      BigDecimal expectedProfit,
      BigDecimal simulatedProfit,
      BigInteger gasUnits,
      BigInteger maxFeePerGasWei,
      BigDecimal gasCost,
      BigDecimal margin,
      BigDecimal minProfit,
      String txHash,
      Long minedBlock,
      BigInteger gasUsed,
      BigInteger gasSpentWei,
      BigDecimal realizedProfit,
      BigDecimal contractProfit,
      Integer replacements,
      List<String> sentTxHashes) {}

  private static final class Pending {
    final FlashRoute route;
    final Token start;
    final FlashLoanRecords.Names names;
    final Instant detectedAt;
    final BigInteger expected;
    final SolutionJson solution;
    final BigInteger nonce;
    final List<String> hashes = new ArrayList<>();
    final Map<String, String> dataByHash = new HashMap<>();
    long sentAt;
    int replacements;
    Fees fees;
    BigInteger gasLimit;
    boolean dropping;

    Pending(
        FlashRoute route,
        Token start,
        FlashLoanRecords.Names names,
        Instant detectedAt,
        BigInteger expected,
        SolutionJson solution,
        BigInteger nonce) {
      this.route = route;
      this.start = start;
      this.names = names;
      this.detectedAt = detectedAt;
      this.expected = expected;
      this.solution = solution;
      this.nonce = nonce;
    }
  }

  @Override
  public synchronized List<String> busyPools() {
    List<String> out = new ArrayList<>();
    pending.forEach(p -> out.addAll(p.route.pairs()));
    return out;
  }

  @Override
  public synchronized DexAttempt attempt(
      TradePlan plan, ChainView view, Instant detectedAt, boolean send) {
    List<PoolSwap> swaps = plan.swaps();
    if (swaps.size() != plan.fills().size()) {
      throw new IllegalArgumentException("not a DEX-only plan: a leg is not a pool");
    }
    Token start = swaps.get(0).tokenIn();
    FlashLoanRecords.Names names = names(view, swaps);
    BigInteger amount = swaps.get(0).amountIn();
    BigInteger expected = swaps.get(swaps.size() - 1).amountOut().subtract(amount);
    List<String> pools = swaps.stream().map(s -> s.pool().address()).toList();
    List<String> routeText = routeText(swaps);
    List<FlashRoute.Hop> hops = new ArrayList<>();
    for (PoolSwap s : swaps) {
      hops.add(hop(s));
    }
    Optional<FlashLoanFees.Offer> offer =
        FlashLoanFees.cheapest(chain, start.address(), amount, settings.lenders(), pools);
    SolutionJson base =
        new SolutionJson(
            "daemon",
            routeText,
            view.block(),
            human(amount, start),
            human(expected, start),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    if (offer.isEmpty()) {
      FlashRoute shown =
          new FlashRoute(
              settings.lenders().get(0).getKey(),
              settings.lenders().get(0).getValue(),
              start.address(),
              amount,
              hops,
              BigInteger.ZERO);
      return rejected(
          shown,
          names,
          detectedAt,
          expected,
          base,
          "no lender can lend "
              + human(amount, start).toPlainString()
              + " "
              + start.symbol()
              + " now");
    }
    FlashRoute route =
        new FlashRoute(
            offer.get().source(),
            offer.get().lender(),
            start.address(),
            amount,
            hops,
            BigInteger.ZERO);
    String data = contract.encodeExecuteFor(List.of(route));
    CallResult sim = chain.call(address(), contract.address(), data, DECODER);
    if (sim instanceof CallResult.Reverted r) {
      return rejected(
          route, names, detectedAt, expected, base, "simulation reverted: " + r.reason());
    }
    BigInteger simulated =
        FlashLoanArbitrageContract.decodeProfits(((CallResult.Success) sim).data()).get(0);
    CallResult estimate = chain.estimateGas(address(), contract.address(), data, DECODER);
    if (estimate instanceof CallResult.Reverted r) {
      return rejected(
          route, names, detectedAt, expected, base, "gas estimate reverted: " + r.reason());
    }
    BigInteger gasUnits = new BigInteger(((CallResult.Success) estimate).data());
    GasQuote quote = oracle.quote(chain);
    Optional<BigDecimal> nativePrice = nativePrice(plan, view, start);
    if (nativePrice.isEmpty()) {
      return rejected(
          route,
          names,
          detectedAt,
          expected,
          base,
          "gas cannot be valued in "
              + start.symbol()
              + ": no pool joins it to the chain's native token");
    }
    BigInteger gasWei = gasUnits.multiply(quote.maxFeePerGas());
    BigInteger gasCost =
        inStart(new BigDecimal(gasWei).movePointLeft(18), nativePrice.get(), start);
    BigInteger margin = inStart(settings.margin(), nativePrice.get(), start);
    BigInteger minProfit = gasCost.add(margin);
    SolutionJson decided =
        new SolutionJson(
            "daemon",
            routeText,
            view.block(),
            human(amount, start),
            human(expected, start),
            human(simulated, start),
            gasUnits,
            quote.maxFeePerGas(),
            human(gasCost, start),
            human(margin, start),
            human(minProfit, start),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    String gasFigure =
        "gas "
            + human(gasCost, start).toPlainString()
            + " "
            + start.symbol()
            + " ("
            + gasUnits
            + " gas at "
            + quote.maxFeePerGas()
            + " wei)";
    if (!quote.affordable()) {
      return rejected(
          route,
          names,
          detectedAt,
          expected,
          decided,
          "gas cap " + quote.maxFeePerGas() + " wei is below the next base fee + tip");
    }
    if (simulated.subtract(gasCost).compareTo(margin) < 0) {
      return rejected(
          route,
          names,
          detectedAt,
          expected,
          decided,
          "simulated profit "
              + human(simulated, start).toPlainString()
              + " "
              + start.symbol()
              + " less "
              + gasFigure
              + " is below the margin "
              + human(margin, start).toPlainString()
              + " "
              + start.symbol());
    }
    if (!send) {
      return rejected(
          route,
          names,
          detectedAt,
          expected,
          decided,
          "paper mode (arb.trading.mode is not live): would send, simulated profit "
              + human(simulated, start).toPlainString()
              + " "
              + start.symbol()
              + " less "
              + gasFigure);
    }
    FlashRoute sent = route.withMinProfit(minProfit);
    String sendData = contract.encodeExecuteFor(List.of(sent));
    BigInteger nonce = nonces.next();
    Pending p = new Pending(sent, start, names, detectedAt, expected, decided, nonce);
    p.fees = quote.fees();
    p.gasLimit = Wallet.withHeadroom(gasUnits);
    p.sentAt = view.block();
    try {
      submit(p, contract.address(), sendData);
    } catch (ChainException e) {
      nonces.resync();
      throw e;
    }
    pending.add(p);
    LOG.info(
        "{}: sent {} borrowing {} {} ({}), simulated profit {}, tx {}",
        view.chain(),
        String.join(" | ", routeText),
        human(amount, start).toPlainString(),
        start.symbol(),
        route.source(),
        human(simulated, start).toPlainString(),
        p.hashes.get(0));
    return new DexAttempt(
        DexAttempt.Outcome.PENDING,
        Optional.empty(),
        pools,
        Optional.of(p.hashes.get(0)),
        Optional.empty(),
        Optional.empty(),
        BigInteger.ZERO);
  }

  @Override
  public synchronized List<DexAttempt> settle(ChainView view) {
    List<DexAttempt> done = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      Optional<TransactionReceipt> receipt = receipt(p);
      if (receipt.isPresent()) {
        it.remove();
        done.add(finished(p, receipt.get()));
      } else if (view.block() - p.sentAt >= settings.replaceAfterBlocks()) {
        replaceOrDrop(p, view);
      }
    }
    return done;
  }

  private void replaceOrDrop(Pending p, ChainView view) {
    Fees bumped = new Fees(bump(p.fees.maxFeePerGas()), bump(p.fees.maxPriorityFeePerGas()));
    p.fees = bumped;
    p.sentAt = view.block();
    String data = contract.encodeExecuteFor(List.of(p.route));
    boolean stillPays =
        !p.dropping
            && p.replacements < settings.maxReplacements()
            && chain.call(address(), contract.address(), data, DECODER)
                instanceof CallResult.Success;
    if (stillPays) {
      p.replacements++;
      LOG.info(
          "{}: tx {} not mined in {} blocks; sent again with higher fees",
          view.chain(),
          p.hashes.get(p.hashes.size() - 1),
          settings.replaceAfterBlocks());
      submit(p, contract.address(), data);
    } else {
      p.dropping = true;
      p.gasLimit = SELF_TRANSFER_GAS;
      LOG.info(
          "{}: tx {} not mined in {} blocks and no longer pays; dropped (nonce {} taken by a"
              + " transfer to self)",
          view.chain(),
          p.hashes.get(p.hashes.size() - 1),
          settings.replaceAfterBlocks(),
          p.nonce);
      submit(p, address(), "0x");
    }
  }

  private static BigInteger bump(BigInteger fee) {
    // nodes take a replacement only at 10 % more; 12.5 % and one wei
    return fee.multiply(BigInteger.valueOf(9)).divide(BigInteger.valueOf(8)).add(BigInteger.ONE);
  }

  private void submit(Pending p, String to, String data) {
    ChainClient.SignedTx tx =
        chain.sign(credentials, p.nonce, to, data, BigInteger.ZERO, p.gasLimit, p.fees);
    String hash = chain.submit(tx);
    p.hashes.add(hash);
    p.dataByHash.put(hash, data);
  }

  private Optional<TransactionReceipt> receipt(Pending p) {
    return chain.awaitAnyReceipt(p.hashes, java.time.Duration.ZERO);
  }

  private DexAttempt finished(Pending p, TransactionReceipt receipt) {
    String hash = receipt.getTransactionHash();
    long block = receipt.getBlockNumber().longValueExact();
    BigInteger gasUsed = receipt.getGasUsed();
    BigInteger price =
        receipt.getEffectiveGasPrice() == null
            ? BigInteger.ZERO
            : Numeric.toBigInt(receipt.getEffectiveGasPrice());
    BigInteger spent = gasUsed.multiply(price);
    String data = p.dataByHash.getOrDefault(hash, "0x");
    Token start = p.start;
    OpportunityRecord rec;
    DexAttempt.Outcome outcome;
    if ("0x".equals(data)) {
      outcome = DexAttempt.Outcome.FAILED;
      rec =
          record(
              p,
              new FlashLoanOutcome.Failed(hash, "dropped", gasUsed),
              with(p, hash, block, gasUsed, spent, null, null, start),
              "dropped: not mined in "
                  + settings.replaceAfterBlocks()
                  + " blocks and no longer"
                  + " paying; nonce "
                  + p.nonce
                  + " taken by a transfer to self in "
                  + hash,
              null);
    } else if (receipt.isStatusOK()) {
      outcome = DexAttempt.Outcome.EXECUTED;
      List<FlashLoanArbitrageContract.RouteExecuted> events = contract.routeExecutedEvents(receipt);
      BigInteger realized =
          balanceAt(p.route.token(), block).subtract(balanceAt(p.route.token(), block - 1));
      BigInteger reported = events.isEmpty() ? null : events.get(0).profit();
      rec =
          record(
              p,
              new FlashLoanOutcome.Executed(hash, List.of(), events, gasUsed, price),
              with(p, hash, block, gasUsed, spent, realized, reported, start),
              null,
              new BigDecimal(realized).movePointLeft(start.decimals()));
    } else {
      outcome = DexAttempt.Outcome.FAILED;
      CallResult replay =
          chain.call(
              address(),
              contract.address(),
              data,
              DECODER,
              DefaultBlockParameter.valueOf(receipt.getBlockNumber()));
      String reason =
          gasUsed.compareTo(p.gasLimit) >= 0
              ? "out of gas: used the whole limit of " + p.gasLimit
              : replay instanceof CallResult.Reverted r
                  ? r.reason()
                  : "reverted on chain, but its replay succeeds (state changed in between)";
      rec =
          record(
              p,
              new FlashLoanOutcome.Failed(hash, reason, gasUsed),
              with(p, hash, block, gasUsed, spent, null, null, start),
              "reverted on chain: " + reason + "; lost only gas (" + spent + " wei)",
              null);
    }
    LOG.info("{}: tx {} mined in block {}: {}", "chain", hash, block, rec.status().code());
    return new DexAttempt(
        outcome,
        Optional.of(rec),
        p.route.pairs(),
        Optional.of(hash),
        Optional.of(block),
        Optional.of(gasUsed),
        spent);
  }

  private BigInteger balanceAt(String token, long block) {
    return Erc20.balanceOf(chain, token, address(), block);
  }

  private DexAttempt rejected(
      FlashRoute route,
      FlashLoanRecords.Names names,
      Instant detectedAt,
      BigInteger expected,
      SolutionJson solution,
      String reason) {
    Pending p = new Pending(route, null, names, detectedAt, expected, solution, BigInteger.ZERO);
    OpportunityRecord rec =
        record(p, new FlashLoanOutcome.NotSent(reason), solution, "not sent: " + reason, null);
    LOG.debug("not sent: {}", reason);
    return new DexAttempt(
        DexAttempt.Outcome.REJECTED,
        Optional.of(rec),
        route.pairs(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        BigInteger.ZERO);
  }

  private static OpportunityRecord record(
      Pending p,
      FlashLoanOutcome outcome,
      SolutionJson solution,
      String reason,
      BigDecimal realized) {
    OpportunityRecord r =
        FlashLoanRecords.of(p.detectedAt, p.route, p.names, p.expected, outcome, 0);
    return new OpportunityRecord(
        0,
        r.detectedAt(),
        r.status(),
        r.startAsset(),
        r.exchanges(),
        r.assets(),
        r.pathJson(),
        Json.write(solution),
        r.estimatedProfit(),
        r.returnBp(),
        r.status() == OpportunityStatus.EXECUTED ? realized : null,
        reason);
  }

  private static SolutionJson with(
      Pending p,
      String tx,
      long block,
      BigInteger gasUsed,
      BigInteger spent,
      BigInteger realized,
      BigInteger reported,
      Token start) {
    SolutionJson s = p.solution;
    return new SolutionJson(
        s.foundBy(),
        s.route(),
        s.block(),
        s.borrowed(),
        s.expectedProfit(),
        s.simulatedProfit(),
        s.gasUnits(),
        s.maxFeePerGasWei(),
        s.gasCost(),
        s.margin(),
        s.minProfit(),
        tx,
        block,
        gasUsed,
        spent,
        realized == null ? null : human(realized, start),
        reported == null ? null : human(reported, start),
        p.replacements,
        List.copyOf(p.hashes));
  }

  static FlashRoute.Hop hop(PoolSwap s) {
    Pool pool = s.pool();
    String out = s.tokenOut().address();
    if (pool instanceof ConstantProductPool cp) {
      int bps;
      try {
        bps = cp.fee().movePointRight(4).intValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "pool "
                + cp.address()
                + " has a fee of "
                + cp.fee().toPlainString()
                + ", not a whole number of basis points the contract can take");
      }
      return FlashRoute.Hop.v2(cp.address(), out, bps);
    }
    if (pool instanceof ConcentratedPool) {
      return FlashRoute.Hop.v3(pool.address(), out);
    }
    throw new IllegalArgumentException(
        "pool " + pool.address() + " is of no kind the contract runs");
  }

  /** One native token (ETH) in the start token: the plan's gas valuation, or 1 for WETH itself. */
  private static Optional<BigDecimal> nativePrice(TradePlan plan, ChainView view, Token start) {
    Optional<String> nativeToken = view.snapshot().nativeToken();
    if (nativeToken.isPresent() && nativeToken.get().equals(start.address())) {
      return Optional.of(BigDecimal.ONE);
    }
    Optional<BigDecimal> fromPlan =
        plan.gas().flatMap(g -> g.chains().stream().findFirst()).map(GasCost.Part::price);
    if (fromPlan.isPresent() || nativeToken.isEmpty()) {
      return fromPlan;
    }
    ChainSnapshot chain = view.snapshot();
    OptionalDouble v = TokenValues.value(chain, new Asset(nativeToken.get()), start.asset());
    return v.isPresent() && v.getAsDouble() > 0
        ? Optional.of(new BigDecimal(v.getAsDouble()))
        : Optional.empty();
  }

  private static BigInteger inStart(BigDecimal nativeAmount, BigDecimal price, Token start) {
    return nativeAmount
        .multiply(price)
        .movePointRight(start.decimals())
        .setScale(0, RoundingMode.CEILING)
        .toBigIntegerExact();
  }

  private static BigDecimal human(BigInteger units, Token t) {
    return new BigDecimal(units).movePointLeft(t.decimals()).stripTrailingZeros();
  }

  private static List<String> routeText(List<PoolSwap> swaps) {
    List<String> out = new ArrayList<>();
    for (PoolSwap s : swaps) {
      out.add(
          s.pool().dex()
              + ":"
              + s.pool().address()
              + " "
              + s.tokenIn().symbol()
              + "->"
              + s.tokenOut().symbol());
    }
    return out;
  }

  private FlashLoanRecords.Names names(ChainView view, List<PoolSwap> swaps) {
    Map<String, String> symbols = new HashMap<>();
    view.snapshot().tokens().forEach(t -> symbols.put(t.address(), t.symbol()));
    Map<String, String> venues = new HashMap<>();
    view.snapshot().pools().forEach(p -> venues.put(p.address(), p.dex()));
    settings
        .lenders()
        .forEach(
            l ->
                venues.putIfAbsent(
                    l.getValue().toLowerCase(Locale.ROOT),
                    l.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    return new FlashLoanRecords.Names(symbols, venues, swaps.get(0).tokenIn().decimals());
  }
}
