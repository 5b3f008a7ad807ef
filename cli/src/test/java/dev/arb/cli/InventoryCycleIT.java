package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.config.ConfigLoader;
import dev.arb.daemon.chain.ChainFollower;
import dev.arb.daemon.chain.InventoryTrader;
import dev.arb.daemon.trade.InventoryDesk;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.local.DaemonMarket;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.defi.watch.FlashRouteExecutor;
import dev.arb.defi.watch.InventorySwapper;
import dev.arb.defi.watch.JsonRpcPoolWatch;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sizing.GasModel;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.storage.SqliteRecordStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * CEX–DEX cycles traded from inventory on anvil: real Uniswap V2 bytecode (the daemon demo's
 * market; the three factories' WETH/USDC pairs at 2,000 are followed), the flash-loan contract
 * holding WETH and USDC, and a stand-in exchange book (kraken ETH/USDC offered at 1,900, filled by
 * the paper executor) joined to the chain by {@code same-as} (WETH=ETH, USDC=USDC). The chain
 * follower scans books and pools together; the mixed cycle WETH → USDC (a pool) → ETH (the book) is
 * executed with both legs at once.
 */
class InventoryCycleIT extends AnvilMarketFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqliteRecordStore store;
  private final List<OpportunityRecord> recorded = new ArrayList<>();

  @BeforeEach
  void chainMarketContractAndInventory() {
    // the contract's inventory: 50 WETH and 100,000 USDC
    stockContract(50, 100_000);
    fundTrader(1_000);
    store =
        SqliteRecordStore.open(
            ConfigLoader.load(
                    Optional.empty(),
                    Map.of("HOME", dir.toString()),
                    Map.of("arb.data-dir", dir.resolve("data").toString()))
                .config());
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
  }

  /** kraken ETH/USDC: asks from 1,900 (cheaper than the pools' 2,000), bids from 1,890. */
  private static List<OrderBook> krakenBook() {
    Market m = Market.of("kraken", "ETH", "USDC", new BigDecimal("0.0026"));
    return List.of(
        new OrderBook(
            m,
            List.of(BookLevel.of("1890", "5"), BookLevel.of("1880", "10")),
            List.of(BookLevel.of("1900", "1"), BookLevel.of("1920", "2")),
            Instant.now()));
  }

  private PaperBalances ledger;
  private RiskLimits limits = RiskLimits.none();
  private KillSwitch control = KillSwitch.NONE;

  private PaperBalances ledger() {
    ledger =
        new PaperBalances(
            List.of(new Holding("kraken", Asset.of("USDC"), new BigDecimal("20000"))));
    return ledger;
  }

  /** The follower of the market's WETH/USDC pools, trading mixed cycles through {@code dex}. */
  private ChainFollower follower(PaperOrderExecutor cex, DexLegs dex, boolean live) {
    List<DexSpec> dexes = new ArrayList<>();
    market
        .factories()
        .forEach((name, f) -> dexes.add(new DexSpec(name, f, DexSpec.UNISWAP_V2_FEE, 100)));
    ChainSpec spec =
        new ChainSpec(
            "local",
            OptionalLong.of(AnvilProcess.CHAIN_ID),
            Optional.of(weth),
            dexes,
            List.of(),
            List.of(weth, usdc),
            100,
            Duration.ofSeconds(10));
    JsonRpcPoolWatch watch =
        new JsonRpcPoolWatch(spec, net.anvil().rpcUrl(), chain, TokenMetadataCache.inMemory());
    FlashRouteExecutor flash =
        new FlashRouteExecutor(
            chain,
            Credentials.create(DefiChain.DEPLOYER_KEY),
            arb,
            FeeHistoryGasOracle.local(),
            new FlashRouteExecutor.Settings(
                new BigDecimal("0.001"),
                List.of(Map.entry(LoanSource.BALANCER, market.vault())),
                3,
                2));
    InventoryTrader inventory =
        new InventoryTrader(
            InventoryDesk.of(
                store.executions(), limits, cex::books, cex, ledger, live, Clock.systemUTC()),
            dex,
            10,
            control);
    List<OrderBook> books = krakenBook();
    return new ChainFollower(
            watch,
            flash,
            new ChainFollower.Settings(
                Duration.ofMillis(100),
                live,
                3,
                30,
                0,
                List.of("WETH"),
                Optional.empty(),
                GasModel.defaults()),
            recorder(),
            Clock.systemUTC(),
            a -> {})
        .tradeInventory(
            new ChainFollower.Inventory(
                () -> books,
                List.of(
                    new SameAs("local", Asset.of(weth), Asset.of("ETH")),
                    new SameAs("local", Asset.of(usdc), Asset.of("USDC"))),
                inventory));
  }

  @Test
  void mispricingBetweenBookAndPoolIsExecutedWithBothLegsAndEachLegsRealizedAmount()
      throws Exception {
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(krakenBook()), ledger());
    InventorySwapper dex = new InventorySwapper(owner, arb);
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger usdcBefore = Erc20.balanceOf(chain, usdc, arb.address());

    try (ChainFollower f = follower(cex, dex, true)) {
      f.step();
      assertThat(f.inventoryTrades()).containsEntry("executed", 1L).containsEntry("failed", 0L);
    }

    OpportunityRecord r = only("executed");
    JsonNode s = JSON.readTree(r.solutionJson());
    assertThat(s.path("found_by").asText()).isEqualTo("daemon");
    assertThat(s.path("inventory").asBoolean()).isTrue();
    assertThat(s.path("mode").asText()).isEqualTo("live");
    JsonNode legs = s.path("legs_executed");
    assertThat(legs).hasSize(2);
    JsonNode pool = legs.get(0);
    JsonNode book = legs.get(1);
    assertThat(pool.path("venue").asText()).isEqualTo("local");
    assertThat(book.path("venue").asText()).isEqualTo("kraken");
    assertThat(pool.path("done").asBoolean()).isTrue();
    assertThat(book.path("done").asBoolean()).isTrue();

    // the DEX leg: the contract's balance changes, to the wei, are what the record says
    JsonNode swap = s.path("swaps").get(0);
    BigInteger soldWei = new BigInteger(swap.path("amount_in_wei").asText());
    BigInteger gotWei = new BigInteger(swap.path("amount_out_wei").asText());
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore.subtract(soldWei));
    assertThat(Erc20.balanceOf(chain, usdc, arb.address())).isEqualTo(usdcBefore.add(gotWei));
    assertThat(new BigDecimal(pool.path("realized_spent").asText()))
        .isEqualByComparingTo(new BigDecimal(soldWei).movePointLeft(18));
    assertThat(new BigDecimal(pool.path("realized_received").asText()))
        .isEqualByComparingTo(new BigDecimal(gotWei).movePointLeft(18));
    // sold at the pools' price, about 2,000 USDC per WETH less the fee and the price impact
    BigDecimal poolPrice = new BigDecimal(gotWei).divide(new BigDecimal(soldWei), 6, 0);
    assertThat(poolPrice).isBetween(new BigDecimal("1900"), new BigDecimal("2000"));
    assertThat(swap.path("tx_hash").asText()).startsWith("0x");
    // expected and realized of the pool leg agree within the slippage allowed (10 bp)
    BigDecimal expected = new BigDecimal(pool.path("expected_received").asText());
    assertThat(new BigDecimal(pool.path("realized_received").asText()))
        .isGreaterThanOrEqualTo(expected.multiply(new BigDecimal("0.999")));

    // the CEX leg: bought ETH on the book with USDC, the paper ledger moved by as much
    BigDecimal usdcSpent = new BigDecimal(book.path("realized_spent").asText());
    BigDecimal ethGot = new BigDecimal(book.path("realized_received").asText());
    assertThat(usdcSpent).isPositive();
    assertThat(ethGot).isPositive();
    assertThat(ledger.balance("kraken", Asset.of("USDC")))
        .isEqualByComparingTo(new BigDecimal("20000").subtract(usdcSpent));
    assertThat(ledger.balance("kraken", Asset.of("ETH"))).isEqualByComparingTo(ethGot);

    // realized profit = ETH received on kraken − WETH sold on chain (one asset by same-as)
    BigDecimal realized = ethGot.subtract(new BigDecimal(soldWei).movePointLeft(18));
    assertThat(r.realizedProfit()).isEqualByComparingTo(realized);
    assertThat(realized).isPositive();
    assertThat(
            store
                .deadLetters()
                .list(new DeadLetterRepository.Query(Set.of(), Optional.empty(), 10)))
        .isEmpty();
  }

  @Test
  void swapThatRevertsLeavesTheBookLegUnwoundAndADeadLetter() throws Exception {
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(krakenBook()), ledger());
    InventorySwapper real = new InventorySwapper(owner, arb);
    // a competitor sells 40 WETH into the pools the cycle uses just before the swap goes out: the
    // swap's minimum output can no longer be met and it reverts
    List<Long> competitorBlocks = new ArrayList<>();
    DexLegs beaten =
        (swaps, minOut, send) -> {
          for (PoolSwap p : swaps) {
            competitorBlocks.add(
                DaemonMarket.swapV2(
                    trader, p.pool().address(), p.tokenIn().address(), DaemonMarket.tokens(40)));
          }
          return real.swap(swaps, minOut, send);
        };
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger nonceBefore = chain.pendingNonce(owner.address());

    try (ChainFollower f = follower(cex, beaten, true)) {
      f.step();
      assertThat(f.inventoryTrades()).containsEntry("executed", 0L).containsEntry("failed", 1L);
    }

    OpportunityRecord r = only("failed");
    assertThat(r.reason()).startsWith("unwound: ").contains("SwapBelowMinimum");
    JsonNode s = JSON.readTree(r.solutionJson());
    JsonNode legs = s.path("legs_executed");
    assertThat(legs.get(0).path("done").asBoolean()).isFalse();
    assertThat(legs.get(0).path("note").asText()).contains("not sent");
    assertThat(legs.get(1).path("done").asBoolean()).isTrue();
    assertThat(s.path("execution_status").asText()).isEqualTo("unwound");
    // nothing was sent from the contract's side: its WETH and the owner's nonce are unchanged
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore);
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);
    // the ETH the book leg bought was sold back at the bids: no ETH held, USDC back less the spread
    BigDecimal bought = new BigDecimal(legs.get(1).path("realized_received").asText());
    assertThat(bought).isPositive();
    assertThat(ledger.balance("kraken", Asset.of("ETH"))).isEqualByComparingTo(BigDecimal.ZERO);
    BigDecimal usdcNow = ledger.balance("kraken", Asset.of("USDC"));
    assertThat(usdcNow).isLessThan(new BigDecimal("20000"));
    assertThat(usdcNow).isGreaterThan(new BigDecimal("19900"));
    // and it went to the dead-letter queue as a cycle that traded and was unwound
    List<DeadLetter> dl =
        store.deadLetters().list(new DeadLetterRepository.Query(Set.of(), Optional.empty(), 10));
    assertThat(dl).hasSize(1);
    assertThat(dl.get(0).kind()).isEqualTo("cycle_failed");
    assertThat(dl.get(0).error()).contains("SwapBelowMinimum");
    assertThat(competitorBlocks).hasSize(1);
  }

  @Test
  void paperModeSimulatesTheSwapAndSendsNothing() throws Exception {
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(krakenBook()), ledger());
    InventorySwapper dex = new InventorySwapper(owner, arb);
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger nonceBefore = chain.pendingNonce(owner.address());

    try (ChainFollower f = follower(cex, dex, false)) {
      f.step();
    }

    OpportunityRecord r = only("executed");
    JsonNode s = JSON.readTree(r.solutionJson());
    assertThat(s.path("mode").asText()).isEqualTo("paper");
    JsonNode swap = s.path("swaps").get(0);
    assertThat(swap.has("tx_hash")).isFalse();
    assertThat(new BigInteger(swap.path("amount_out_wei").asText())).isPositive();
    assertThat(s.path("legs_executed").get(0).path("note").asText()).contains("eth_call");
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore);
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);
  }

  @Test
  void anEngagedKillSwitchRejectsTheCycleAndNothingIsTradedOrSent() throws Exception {
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(krakenBook()), ledger());
    InventorySwapper dex = new InventorySwapper(owner, arb);
    control =
        new KillSwitch() {
          @Override
          public boolean engaged() {
            return true;
          }

          @Override
          public void trip(String reason) {}
        };
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger nonceBefore = chain.pendingNonce(owner.address());

    try (ChainFollower f = follower(cex, dex, true)) {
      f.step();
      assertThat(f.inventoryTrades())
          .containsEntry("executed", 0L)
          .containsEntry("failed", 0L)
          .containsEntry("rejected", 1L);
    }

    OpportunityRecord r = only("rejected");
    assertThat(r.reason()).isEqualTo("kill switch engaged: not traded");
    assertThat(JSON.readTree(r.solutionJson()).path("inventory").asBoolean()).isTrue();
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore);
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);
    assertThat(ledger.balance("kraken", Asset.of("USDC"))).isEqualByComparingTo("20000");
    assertThat(store.executions().since(Instant.EPOCH)).as("no execution stored").isEmpty();
  }

  private OpportunityRecord only(String status) {
    List<OpportunityRecord> inventory =
        recorded.stream().filter(r -> r.solutionJson().contains("\"inventory\":true")).toList();
    assertThat(inventory).hasSize(1);
    assertThat(inventory.get(0).status().code()).isEqualTo(status);
    return inventory.get(0);
  }

  private OpportunityRecorder recorder() {
    return new OpportunityRecorder() {
      @Override
      public void record(OpportunityRecord record) {
        recorded.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public long acceptedCount() {
        return recorded.size();
      }

      @Override
      public long writtenCount() {
        return recorded.size();
      }

      @Override
      public long spilledCount() {
        return 0;
      }

      @Override
      public Optional<String> failure() {
        return Optional.empty();
      }

      @Override
      public void watch(Watcher watcher) {}

      @Override
      public void close() {}
    };
  }
}
