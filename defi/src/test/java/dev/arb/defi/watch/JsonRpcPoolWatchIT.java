package dev.arb.defi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.UniswapV3;
import dev.arb.defi.local.DaemonMarket;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.defi.pools.JsonRpcPoolReader;
import dev.arb.defi.pools.PoolSnapshots;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.engine.chain.ChainView;
import dev.arb.engine.model.Pool;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The pool watch on the daemon demo's market (three real Uniswap V2 factories, 30 pairs, three real
 * V3 pools): after swaps and liquidity added, and after a reorg, the pools it holds equal a fresh
 * read of every pool at the same block, pool by pool and field by field.
 */
class JsonRpcPoolWatchIT extends OnSnapshotChain {
  private static final Credentials KEY =
      Credentials.create("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

  private DaemonMarket market;

  @Override
  protected void deploy(SnapshotChain c) {
    c.client()
        .rpc(
            "anvil_setBalance",
            List.of(KEY.getAddress(), "0x" + BigInteger.TEN.pow(21).toString(16)));
    Wallet w = c.wallet(KEY);
    market = DaemonMarket.deploy(w, c.contracts());
  }

  private ChainSpec spec() {
    List<DexSpec> dexes = new ArrayList<>();
    market.factories().forEach((n, f) -> dexes.add(new DexSpec(n, f, DexSpec.UNISWAP_V2_FEE, 100)));
    dexes.add(DexSpec.concentrated("uniswap-v3", market.v3Factory(), List.of(500, 3000), 2));
    return new ChainSpec(
        "local",
        OptionalLong.of(AnvilProcess.CHAIN_ID),
        Optional.of(market.tokens().get("WETH")),
        dexes,
        List.of(),
        List.copyOf(market.tokens().values()),
        100,
        Duration.ofSeconds(10));
  }

  private JsonRpcPoolWatch watch() {
    return new JsonRpcPoolWatch(
        spec(), local.anvil().rpcUrl(), chain, TokenMetadataCache.inMemory());
  }

  /** Every pool of a fresh read at {@code block}, by address. */
  private Map<String, Pool> fresh(long block) {
    List<String> problems = new ArrayList<>();
    Map<String, Pool> out = new TreeMap<>();
    PoolSnapshots.chain(
            new JsonRpcPoolReader(spec(), local.anvil().rpcUrl(), TokenMetadataCache.inMemory())
                .read(OptionalLong.of(block)),
            problems)
        .pools()
        .forEach(p -> out.put(p.address(), p));
    return out;
  }

  private static Map<String, Pool> held(ChainView v) {
    Map<String, Pool> out = new TreeMap<>();
    v.snapshot().pools().forEach(p -> out.put(p.address(), p));
    return out;
  }

  @Test
  void appliesSyncSwapAndMintExactly() {
    Wallet trader = local.wallet(KEY);
    try (JsonRpcPoolWatch w = watch()) {
      ChainView first = w.advance();
      assertThat(first.poolsTracked()).isEqualTo(33);
      String weth = market.tokens().get("WETH");
      String pair = market.pair("dex-b", "WETH", "USDC");
      DaemonMarket.swapV2(trader, pair, weth, DaemonMarket.tokens(3));
      String v3 = market.v3Pools().get(0);
      UniswapV3.swapExactIn(trader, market.v3Helper(), v3, weth, DaemonMarket.tokens(2));
      // within the ticks read: applied from the event (new ticks, liquidity in range)
      int tick = UniswapV3.slot0(chain, v3).tick();
      int near = Math.floorDiv(tick, 10) * 10;
      UniswapV3.addLiquidity(
          trader, market.v3Helper(), v3, near - 200, near + 300, BigInteger.TEN.pow(18));

      ChainView next = w.advance();

      assertThat(next.block()).isEqualTo(chain.blockNumber().longValueExact());
      assertThat(next.newBlocks()).isEqualTo((int) (next.block() - first.block()));
      assertThat(next.changedPools()).contains(pair, v3);
      assertThat(next.poolsReread()).isZero();
      assertThat(next.eventsApplied()).isGreaterThanOrEqualTo(3);
      assertThat(held(next)).isEqualTo(fresh(next.block()));
      assertThat(held(next).get(pair)).isNotEqualTo(held(first).get(pair));
      assertThat(held(next).get(v3)).isNotEqualTo(held(first).get(v3));
    }
  }

  @Test
  void aReorgReadsTheAffectedPoolsAgain() {
    Wallet trader = local.wallet(KEY);
    try (JsonRpcPoolWatch w = watch()) {
      w.advance();
      String weth = market.tokens().get("WETH");
      String before = String.valueOf(chain.rpc("evm_snapshot", List.of()));
      String a = market.pair("dex-a", "WETH", "DAI");
      DaemonMarket.swapV2(trader, a, weth, DaemonMarket.tokens(5));
      ChainView seen = w.advance();
      assertThat(held(seen).get(a)).isEqualTo(fresh(seen.block()).get(a));

      chain.rpc("evm_revert", List.of(before));
      String c = market.pair("dex-c", "WETH", "USDT");
      // a wallet of its own: the first one's nonces went with the dropped block
      DaemonMarket.swapV2(local.wallet(KEY), c, weth, DaemonMarket.tokens(4));
      ChainView after = w.advance();

      assertThat(after.reorgs()).isEqualTo(1);
      assertThat(after.changedPools()).contains(a, c);
      assertThat(held(after)).isEqualTo(fresh(after.block()));
    }
  }

  /**
   * New blocks over WebSocket (anvil serves it on its HTTP port): the watch is woken by each block
   * the node announces, and its pools equal a fresh read; a dropped socket falls back to waiting
   * the poll interval, and is opened again by itself, after which blocks arrive over it again.
   */
  @Test
  void newBlocksArriveOverTheSubscriptionAndADroppedSocketReconnects() throws Exception {
    Wallet trader = local.wallet(KEY);
    String weth = market.tokens().get("WETH");
    String wsUrl = local.anvil().rpcUrl().replaceFirst("^http", "ws");
    try (JsonRpcPoolWatch w = watch().subscribeHeads(wsUrl)) {
      HeadSubscription heads = w.headSubscription().orElseThrow();
      for (int i = 0; i < 100 && !heads.subscribed(); i++) {
        Thread.sleep(50);
      }
      assertThat(heads.subscribed()).isTrue();
      ChainView first = w.advance();
      long before = heads.headsReceived();
      int woken = 0;
      for (String dex : List.of("dex-a", "dex-b", "dex-c")) {
        DaemonMarket.swapV2(trader, market.pair(dex, "WETH", "USDC"), weth, DaemonMarket.tokens(2));
        // a poll interval far longer than the test: only the pushed block wakes it in time
        if (w.awaitNews(Duration.ofSeconds(20))) {
          woken++;
        }
        w.advance();
      }
      ChainView next = w.advance();
      // the last notification may still be on its way when the receipt is
      for (int i = 0; i < 100 && heads.lastHead() < next.block(); i++) {
        Thread.sleep(20);
      }
      assertThat(woken).isEqualTo(3);
      assertThat(heads.headsReceived() - before).isEqualTo(next.block() - first.block());
      assertThat(heads.lastHead()).isEqualTo(next.block());
      assertThat(held(next)).isEqualTo(fresh(next.block()));

      heads.dropForTest();
      assertThat(heads.subscribed()).isFalse();
      // while it is down, a block is still followed by polling
      DaemonMarket.swapV2(
          trader, market.pair("dex-a", "WETH", "DAI"), weth, DaemonMarket.tokens(1));
      ChainView polled = w.advance();
      assertThat(polled.block()).isGreaterThan(next.block());
      assertThat(polled.block()).isEqualTo(chain.blockNumber().longValueExact());
      assertThat(held(polled)).isEqualTo(fresh(polled.block()));
      for (int i = 0; i < 200 && !heads.subscribed(); i++) {
        Thread.sleep(25);
      }
      assertThat(heads.subscribed()).isTrue();
      assertThat(heads.connections()).isEqualTo(2);
      long again = heads.headsReceived();
      DaemonMarket.swapV2(
          trader, market.pair("dex-b", "WETH", "DAI"), weth, DaemonMarket.tokens(1));
      assertThat(w.awaitNews(Duration.ofSeconds(20))).isTrue();
      ChainView last = w.advance();
      for (int i = 0; i < 100 && heads.lastHead() < last.block(); i++) {
        Thread.sleep(20);
      }
      assertThat(heads.lastHead()).isEqualTo(last.block());
      assertThat(heads.headsReceived() - again).isEqualTo(last.block() - polled.block());
      assertThat(held(last)).isEqualTo(fresh(last.block()));
    }
  }
}
