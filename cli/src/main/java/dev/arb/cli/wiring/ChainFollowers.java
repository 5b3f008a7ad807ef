package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.config.ChainConfig;
import dev.arb.config.DefiConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.daemon.chain.ChainFollower;
import dev.arb.daemon.chain.InventoryTrader;
import dev.arb.daemon.chain.InventoryTrading;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.keystore.KeystorePassword;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.defi.watch.FlashRouteExecutor;
import dev.arb.defi.watch.InventorySwapper;
import dev.arb.defi.watch.JsonRpcPoolWatch;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.sizing.GasModel;
import dev.arb.error.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * The chains {@code arb run} follows ({@code arb.chains.<name>.follow}): for each, a connection to
 * its node ({@code arb.chains.<name>.rpc-url}, the chain id checked), a {@link JsonRpcPoolWatch}
 * over its configured pools, a {@link FlashRouteExecutor} on its FlashLoanArbitrage contract
 * signing with {@code arb.defi.keystore}, and the {@link ChainFollower} that joins them, handed to
 * the daemon once its store is open. Transactions are sent only when {@code send} (live mode);
 * otherwise every cycle is simulated and recorded, never sent.
 */
public final class ChainFollowers implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /** One followed chain, as {@code arb run} describes it at start. */
  public record Followed(String chain, String contract, String executor, boolean send) {}

  private final List<Entry> entries;
  private final List<ChainClient> clients;
  private final Path dataDir;
  private final boolean send;
  private final ArbConfig cfg;

  private record Entry(
      ChainConfig config,
      ChainSpec spec,
      String rpcUrl,
      ChainClient chain,
      FlashRouteExecutor ex,
      java.util.Optional<String> wsUrl,
      FlashLoanArbitrageContract contract,
      Wallet wallet) {}

  /** How much less than planned an inventory swap may receive, basis points. */
  static final int INVENTORY_SLIPPAGE_BP = 10;

  private ChainFollowers(
      List<Entry> entries, List<ChainClient> clients, Path dataDir, boolean send, ArbConfig cfg) {
    this.entries = List.copyOf(entries);
    this.clients = List.copyOf(clients);
    this.dataDir = dataDir;
    this.send = send;
    this.cfg = cfg;
  }

  /** The configured chains with a {@code follow} section, in name order. */
  public static List<ChainConfig> followed(ArbConfig cfg) {
    return cfg.chains().values().stream().filter(c -> c.follow().isPresent()).toList();
  }

  /**
   * Checks every setting, unlocks the key and connects to every followed chain; nothing is sent.
   *
   * @param send whether the executors may send transactions ({@code arb.trading.mode = live})
   * @throws ConfigException naming every missing or bad setting (before anything connects)
   */
  public static ChainFollowers open(ArbConfig cfg, Map<String, String> env, boolean send) {
    List<ChainConfig> chains = followed(cfg);
    DefiConfig defi = cfg.defi();
    List<String> problems = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    Map<String, String> submitUrls = new java.util.HashMap<>();
    Map<String, String> wsUrls = new java.util.HashMap<>();
    SecretResolver secrets = new SecretResolver(env);
    for (ChainConfig c : chains) {
      String key = "arb.chains." + c.name() + ".rpc-url";
      if (c.rpcUrl().isEmpty()) {
        problems.add(
            "config: "
                + key
                + " is not set; arb run needs the node of every chain it follows"
                + " (arb.chains."
                + c.name()
                + ".follow)");
        continue;
      }
      try {
        urls.add(
            c.rpcUrl().get() instanceof ChainConfig.RpcUrl.Kept k
                ? secrets.resolve(key, k.ref()).reveal()
                : ((ChainConfig.RpcUrl.Plain) c.rpcUrl().get()).url());
        if (c.submitUrl().isPresent()) {
          String skey = "arb.chains." + c.name() + ".submit-url";
          submitUrls.put(
              c.name(),
              c.submitUrl().get() instanceof ChainConfig.RpcUrl.Kept k
                  ? secrets.resolve(skey, k.ref()).reveal()
                  : ((ChainConfig.RpcUrl.Plain) c.submitUrl().get()).url());
        }
        if (c.wsUrl().isPresent()) {
          String wkey = "arb.chains." + c.name() + ".ws-url";
          wsUrls.put(
              c.name(),
              c.wsUrl().get() instanceof ChainConfig.RpcUrl.Kept k
                  ? secrets.resolve(wkey, k.ref()).reveal()
                  : ((ChainConfig.RpcUrl.Plain) c.wsUrl().get()).url());
        }
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (defi.keystore().isEmpty()) {
      problems.add(
          "config: arb.defi.keystore is not set; arb run signs and simulates the flash-loan"
              + " transactions of arb.chains.*.follow with it (create one with 'arb defi keystore"
              + " import')");
    }
    if (defi.keystorePassword().isEmpty()) {
      problems.add("config: arb.defi.keystore-password is not set");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Credentials key =
        Keystore.load(defi.keystore().get(), password(defi.keystorePassword().get(), env));
    List<ChainClient> clients = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    try {
      for (int i = 0; i < chains.size(); i++) {
        ChainConfig c = chains.get(i);
        ChainConfig.Follow f = c.follow().orElseThrow();
        // blocks: every 50 ms on a local dev chain, every second elsewhere
        Duration poll = c.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(1);
        ChainClient chain =
            ChainClient.connect(
                new ChainClient.Settings(
                    urls.get(i), c.chainId(), REQUEST_TIMEOUT, poll, defi.receiptTimeout()));
        clients.add(chain);
        String submitUrl = submitUrls.get(c.name());
        if (submitUrl != null) {
          // transactions to the private-transaction endpoint only; reads stay on rpc-url
          chain.submitThrough(submitUrl);
        }
        List<Map.Entry<LoanSource, String>> lenders = new ArrayList<>();
        f.balancerVault().ifPresent(v -> lenders.add(Map.entry(LoanSource.BALANCER, v)));
        f.aavePool().ifPresent(p -> lenders.add(Map.entry(LoanSource.AAVE_V3, p)));
        FeeHistoryGasOracle oracle =
            new FeeHistoryGasOracle(new FeeHistoryGasOracle.Settings(20, 50, 2, defi.maxFeeWei()));
        FlashLoanArbitrageContract contract = new FlashLoanArbitrageContract(chain, f.contract());
        // one wallet per chain and key: the flash routes and the inventory swaps take their
        // nonces from its one NonceManager, so the two senders never pick the same nonce
        Wallet wallet = new Wallet(chain, key, oracle);
        FlashRouteExecutor executor =
            new FlashRouteExecutor(
                wallet,
                key,
                contract,
                oracle,
                new FlashRouteExecutor.Settings(
                    defi.minProfitMargin(),
                    lenders,
                    f.replaceAfterBlocks(),
                    defi.maxReplacements()));
        entries.add(
            new Entry(
                c,
                ChainSpec.of(c),
                urls.get(i),
                chain,
                executor,
                java.util.Optional.ofNullable(wsUrls.get(c.name())),
                contract,
                wallet));
      }
    } catch (RuntimeException e) {
      clients.forEach(ChainClient::close);
      throw e;
    }
    return new ChainFollowers(entries, clients, cfg.dataDir(), send, cfg);
  }

  /** What is followed, for the start-up line. */
  public List<Followed> describe() {
    return entries.stream()
        .map(
            e ->
                new Followed(
                    e.config().name(),
                    e.config().follow().orElseThrow().contract(),
                    e.ex().address(),
                    send))
        .toList();
  }

  /** Whether any followed chain trades CEX–DEX cycles from inventory ({@code follow.inventory}). */
  public boolean inventory() {
    return entries.stream().anyMatch(e -> e.config().follow().orElseThrow().inventory());
  }

  /**
   * Refuses live inventory trading without an exchange to trade the book legs on: with {@code
   * arb.trading.mode = live} the book legs of {@code follow.inventory} go through the daemon's live
   * trading, which needs at least one exchange under {@code arb.exchanges}.
   *
   * @param liveExchanges whether the daemon trades live on at least one exchange
   * @throws ConfigException naming each chain's {@code follow.inventory} key
   */
  public static void requireLiveExchanges(ArbConfig cfg, boolean liveExchanges) {
    if (liveExchanges) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (ChainConfig c : followed(cfg)) {
      if (c.follow().orElseThrow().inventory()) {
        problems.add(
            "config: arb.chains."
                + c.name()
                + ".follow.inventory = true with arb.trading.mode = live trades the book legs on"
                + " the exchanges of arb.exchanges, and none is enabled; add one with its api-key"
                + " and api-secret, or set inventory = false");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * The followers, recording in {@code store} (for {@code Daemon.chains}); those with {@code
   * follow.inventory} also trade the cycles their {@code same-as} joins from inventory through
   * {@code inventory} (the daemon's own trading, paper or live, on its latest books): the pool legs
   * as swaps from the contract's balance, sent in live mode and simulated with {@code eth_call}
   * otherwise.
   *
   * @param inventory the daemon's trading for inventory cycles; null: none traded
   */
  public List<ChainFollower> followers(RecordStore store, Clock clock, InventoryTrading inventory) {
    List<ChainFollower> out = new ArrayList<>();
    for (Entry e : entries) {
      ChainConfig.Follow f = e.config().follow().orElseThrow();
      List<String> starts =
          f.startTokens().isEmpty()
              ? List.of(e.config().nativeToken().orElseThrow())
              : f.startTokens();
      JsonRpcPoolWatch watch =
          new JsonRpcPoolWatch(
              e.spec(),
              e.rpcUrl(),
              e.chain(),
              TokenMetadataCache.at(ChainPools.cacheFile(dataDir, e.config().name())));
      // new blocks announced over WebSocket where configured; polling otherwise and meanwhile
      e.wsUrl().ifPresent(watch::subscribeHeads);
      ChainFollower follower =
          new ChainFollower(
              watch,
              e.ex(),
              new ChainFollower.Settings(
                  f.pollInterval(),
                  send,
                  f.maxHops(),
                  cfg.scan().top(),
                  cfg.scan().minProfitBp(),
                  starts,
                  cfg.scan().maxAge(),
                  GasModel.defaults()),
              store.recorder(),
              clock,
              a -> {});
      if (f.inventory()) {
        if (inventory == null) {
          throw new IllegalStateException("follow.inventory without the daemon's trading");
        }
        InventoryTrader trader =
            inventory.trader(
                new InventorySwapper(e.wallet(), e.contract()), INVENTORY_SLIPPAGE_BP, send);
        follower.tradeInventory(
            new ChainFollower.Inventory(
                inventory.books(), joins(e.config()), symbolJoins(e.config()), trader));
      }
      out.add(follower);
    }
    return out;
  }

  /** The chain's {@code same-as} joins keyed by a token address. */
  static List<SameAs> joins(ChainConfig c) {
    List<SameAs> out = new ArrayList<>();
    c.sameAs()
        .forEach(
            (token, asset) -> {
              if (Addresses.isAddress(token)) {
                out.add(new SameAs(c.name(), Asset.of(token), Asset.of(asset)));
              }
            });
    return out;
  }

  /**
   * The chain's {@code same-as} joins keyed by a token symbol (the follower resolves them among the
   * tokens of its pools).
   */
  static Map<String, Asset> symbolJoins(ChainConfig c) {
    Map<String, Asset> out = new LinkedHashMap<>();
    c.sameAs()
        .forEach(
            (token, asset) -> {
              if (!Addresses.isAddress(token)) {
                out.put(token, Asset.of(asset));
              }
            });
    return out;
  }

  private static String password(SecretRef ref, Map<String, String> env) {
    return ref instanceof SecretRef.File f
        ? KeystorePassword.fromFile(f.path())
        : KeystorePassword.fromEnv(((SecretRef.Env) ref).name(), env);
  }

  /** Closes the connections (after the followers stopped). */
  @Override
  public void close() {
    clients.forEach(ChainClient::close);
  }
}
