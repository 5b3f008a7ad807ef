package dev.arb.defi.contract;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The FlashLoanArbitrage contract behind its ERC-1967 proxy: deployment, upgrade, calls, events.
 *
 * <p>Two implementations share the proxy's storage: {@code FlashLoanArbitrage} (version 1, plain
 * {@code msg.sender}) and {@code FlashLoanArbitrageV2}, which trusts one EIP-2771 forwarder (an
 * immutable of the implementation) so the owner or executor can sign requests a relayer submits;
 * today's build of it reports version {@value #CURRENT_VERSION} (version 2 plus route-bound loan
 * callbacks, owner-kept allow-lists of the V2 factories whose pairs may lend and be hops and of the
 * V3 factories whose pools may be hops, and routes of 2 to 6 hops through both). New deployments
 * get it; a proxy of an earlier version reaches it with {@link #upgradeToV2}.
 *
 * <p>Routes are encoded for what the proxy runs ({@link #encodeExecute(List)} asks it once):
 * today's builds take {@link RouteStruct} (hops of either kind), builds before version 4 the {@link
 * LegacyRouteStruct} of parallel pair, path and fee lists (V2 hops only).
 */
public final class FlashLoanArbitrageContract {
  /** The version today's {@code FlashLoanArbitrageV2} build reports. */
  public static final int CURRENT_VERSION = 5;

  /** ERC-1967 implementation slot: {@code keccak256("eip1967.proxy.implementation") - 1}. */
  public static final BigInteger IMPLEMENTATION_SLOT =
      Numeric.toBigInt("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc");

  /** {@code RouteExecuted(execution, lender, token, source, borrowed, premium, profit, caller)}. */
  public static final Event ROUTE_EXECUTED =
      new Event(
          "RouteExecuted",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint8>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Address>() {}));

  /**
   * One {@code RouteExecuted} event.
   *
   * @param execution running count of executed routes (1 for the first ever)
   * @param source where the loan came from
   * @param borrowed amount borrowed, base units of {@code token}
   * @param premium loan premium paid, base units
   * @param profit profit sent to the owner, base units
   */
  public record RouteExecuted(
      BigInteger execution,
      String lender,
      String token,
      LoanSource source,
      BigInteger borrowed,
      BigInteger premium,
      BigInteger profit,
      String caller) {}

  /**
   * A hop as the ABI tuple {@code (uint8 kind, address pool, address tokenOut, uint16 feeBps,
   * uint256 minOut)}.
   */
  public static final class HopStruct extends StaticStruct {
    public HopStruct(FlashRoute.Hop h) {
      super(
          new Uint8(h.kind().code()),
          new Address(h.pool()),
          new Address(h.tokenOut()),
          new Uint16(h.feeBps()),
          new Uint256(h.minOut()));
    }
  }

  /**
   * A route as the ABI tuple {@code (uint8 source, address lender, address token, uint256 amount,
   * Hop[] hops, uint256 minProfit)} of version 4 and later.
   */
  public static final class RouteStruct extends DynamicStruct {
    public RouteStruct(FlashRoute r) {
      this(r.source(), r.lender(), r.token(), r.amount(), r.hops(), r.minProfit());
    }

    /**
     * Any route, without {@link FlashRoute}'s checks (e.g. of the number of hops): for tests of the
     * contract's own checks.
     */
    public RouteStruct(
        LoanSource source,
        String lender,
        String token,
        BigInteger amount,
        List<FlashRoute.Hop> hops,
        BigInteger minProfit) {
      super(
          new Uint8(source.code()),
          new Address(lender),
          new Address(token),
          new Uint256(amount),
          new DynamicArray<>(HopStruct.class, hops.stream().map(HopStruct::new).toList()),
          new Uint256(minProfit));
    }
  }

  /**
   * A route as the ABI tuple {@code (uint8,address,address,uint256,address[],address[],uint16[],
   * uint256)} of versions 1 to 3: V2 hops only.
   */
  public static final class LegacyRouteStruct extends DynamicStruct {
    public LegacyRouteStruct(FlashRoute r) {
      super(
          new Uint8(r.source().code()),
          new Address(r.lender()),
          new Address(r.token()),
          new Uint256(r.amount()),
          new DynamicArray<>(Address.class, r.pairs().stream().map(Address::new).toList()),
          new DynamicArray<>(Address.class, r.path().stream().map(Address::new).toList()),
          new DynamicArray<>(
              Uint16.class, r.feesBps().stream().map(f -> new Uint16(f.longValue())).toList()),
          new Uint256(r.minProfit()));
    }
  }

  private static final ContractArtifact IMPLEMENTATION_V1 =
      ContractArtifact.fromClasspath("FlashLoanArbitrage");
  private static final ContractArtifact IMPLEMENTATION_V2 =
      ContractArtifact.fromClasspath("FlashLoanArbitrageV2");

  private final ChainClient chain;
  private final String address;

  /** Whether the proxy runs a build that takes {@link RouteStruct}; null until asked. */
  private volatile Boolean hopRoutes;

  public FlashLoanArbitrageContract(ChainClient chain, String proxyAddress) {
    this.chain = chain;
    this.address = proxyAddress.toLowerCase(Locale.ROOT);
  }

  /**
   * Deploys version 1 (no forwarder) and an ERC-1967 proxy initialised with the deployer as owner,
   * {@code executor}, {@code balancerVault} and {@code aavePool} (zero address for none) and no
   * allowed factory (so no flash swap). What was deployed before version 2 existed; kept for the
   * local demo and to test the upgrade path.
   */
  public static FlashLoanArbitrageContract deploy(
      Wallet owner, String executor, String balancerVault, String aavePool) {
    return deploy(owner, executor, balancerVault, aavePool, List.of());
  }

  /**
   * Deploys version 1 like {@link #deploy(Wallet, String, String, String)}, allowing the pairs of
   * {@code factories} to lend (Uniswap V2 flash swaps).
   */
  public static FlashLoanArbitrageContract deploy(
      Wallet owner,
      String executor,
      String balancerVault,
      String aavePool,
      List<String> factories) {
    return deployBehindProxy(
        owner,
        owner.deploy(IMPLEMENTATION_V1.bytecode(), decoder()),
        executor,
        balancerVault,
        aavePool,
        factories);
  }

  /**
   * Deploys today's version-2 implementation (version {@value #CURRENT_VERSION}) trusting {@code
   * trustedForwarder} (zero address for none) and an ERC-1967 proxy initialised like {@link
   * #deploy(Wallet, String, String, String)}, with no allowed factory.
   */
  public static FlashLoanArbitrageContract deploy(
      Wallet owner,
      String executor,
      String balancerVault,
      String aavePool,
      String trustedForwarder) {
    return deploy(owner, executor, balancerVault, aavePool, trustedForwarder, List.of());
  }

  /**
   * Deploys today's version-2 implementation trusting {@code trustedForwarder} and a proxy
   * initialised with the deployer as owner, {@code executor}, {@code balancerVault}, {@code
   * aavePool} and {@code factories} allowed to lend, in one transaction.
   */
  public static FlashLoanArbitrageContract deploy(
      Wallet owner,
      String executor,
      String balancerVault,
      String aavePool,
      String trustedForwarder,
      List<String> factories) {
    return deployBehindProxy(
        owner,
        deployImplementationV2(owner, trustedForwarder),
        executor,
        balancerVault,
        aavePool,
        factories);
  }

  /**
   * Deploys today's version-2 implementation trusting {@code trustedForwarder} and a proxy
   * initialised with the deployer as owner, {@code executor}, {@code balancerVault}, {@code
   * aavePool}, {@code factories} (their pairs may lend and be hops) and {@code v3Factories} (their
   * pools may be hops) allowed, in one transaction.
   */
  public static FlashLoanArbitrageContract deploy(
      Wallet owner,
      String executor,
      String balancerVault,
      String aavePool,
      String trustedForwarder,
      List<String> factories,
      List<String> v3Factories) {
    return deployProxy(
        owner,
        deployImplementationV2(owner, trustedForwarder),
        Abi.call(
            "initialize",
            Abi.address(owner.address()),
            Abi.address(executor),
            Abi.address(balancerVault),
            Abi.address(aavePool),
            addresses(factories),
            addresses(v3Factories)));
  }

  /**
   * Deploys an ERC-1967 proxy of the already deployed {@code implementation}, initialised with the
   * initializer every version has ({@code initialize(owner, executor, vault, pool)}): no factory
   * allowed. For implementations built before the allow-list existed.
   */
  public static FlashLoanArbitrageContract deployBehindProxy(
      Wallet owner, String implementation, String executor, String balancerVault, String aavePool) {
    return deployProxy(
        owner,
        implementation,
        Abi.call(
            "initialize",
            Abi.address(owner.address()),
            Abi.address(executor),
            Abi.address(balancerVault),
            Abi.address(aavePool)));
  }

  /**
   * Deploys an ERC-1967 proxy of the already deployed {@code implementation}, initialised with the
   * deployer as owner, {@code executor}, {@code balancerVault}, {@code aavePool} and {@code
   * factories} allowed to lend.
   */
  public static FlashLoanArbitrageContract deployBehindProxy(
      Wallet owner,
      String implementation,
      String executor,
      String balancerVault,
      String aavePool,
      List<String> factories) {
    return deployProxy(
        owner,
        implementation,
        Abi.call(
            "initialize",
            Abi.address(owner.address()),
            Abi.address(executor),
            Abi.address(balancerVault),
            Abi.address(aavePool),
            addresses(factories)));
  }

  private static FlashLoanArbitrageContract deployProxy(
      Wallet owner, String implementation, String init) {
    ContractArtifact proxy = ContractArtifact.fromClasspath("FlashLoanArbitrageProxy");
    String proxyAddress =
        owner.deploy(
            Abi.creation(
                proxy.bytecode(),
                Abi.address(implementation),
                new DynamicBytes(Numeric.hexStringToByteArray(init))),
            decoder());
    return new FlashLoanArbitrageContract(owner.chain(), proxyAddress);
  }

  /** Deploys a new implementation from {@code artifact} (for upgrades); returns its address. */
  public static String deployImplementation(Wallet owner, ContractArtifact artifact) {
    return owner.deploy(artifact.bytecode(), decoder());
  }

  /**
   * Deploys a version-2 implementation (not behind a proxy) trusting {@code trustedForwarder};
   * returns its address.
   */
  public static String deployImplementationV2(Wallet owner, String trustedForwarder) {
    return owner.deploy(
        Abi.creation(IMPLEMENTATION_V2.bytecode(), Abi.address(trustedForwarder)), decoder());
  }

  /**
   * Upgrades this proxy to a new build of today's version-2 implementation (version {@value
   * #CURRENT_VERSION}) trusting {@code trustedForwarder}: deploys it, then {@code
   * upgradeToAndCall(implementation, setFactoriesAllowed(factoriesToAllow, true))} from {@code
   * owner} (the contract refuses anyone else), so a proxy of a version without the allow-list can
   * lend from pairs again in the same transaction ({@code ""} when the list is empty). State is
   * kept: every version has version 1's storage layout; the allow-list lives in its own namespace.
   * Returns the new implementation's address, lower case.
   */
  public String upgradeToV2(Wallet owner, String trustedForwarder, List<String> factoriesToAllow) {
    String implementation =
        deployImplementationV2(owner, trustedForwarder).toLowerCase(Locale.ROOT);
    String call =
        factoriesToAllow.isEmpty() ? "0x" : encodeSetFactoriesAllowed(factoriesToAllow, true);
    owner.transact(address, encodeUpgrade(implementation, call), decoder());
    hopRoutes = null;
    return implementation;
  }

  /**
   * Like {@link #upgradeToV2(Wallet, String, List)}, then allows {@code v3FactoriesToAllow} (their
   * pools may be hops) in a second transaction when the list is not empty.
   */
  public String upgradeToV2(
      Wallet owner,
      String trustedForwarder,
      List<String> factoriesToAllow,
      List<String> v3FactoriesToAllow) {
    String implementation = upgradeToV2(owner, trustedForwarder, factoriesToAllow);
    if (!v3FactoriesToAllow.isEmpty()) {
      setV3FactoriesAllowed(owner, v3FactoriesToAllow, true);
    }
    return implementation;
  }

  /** Like {@link #upgradeToV2(Wallet, String, List)}, allowing no further factory. */
  public String upgradeToV2(Wallet owner, String trustedForwarder) {
    return upgradeToV2(owner, trustedForwarder, List.of());
  }

  /**
   * The forwarder the implementation trusts (zero address for none), or empty for version 1, which
   * trusts none and has no such function.
   */
  public Optional<String> trustedForwarder() {
    CallResult r =
        chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("trustedForwarder"), decoder());
    if (r instanceof CallResult.Success ok && ok.data().length() >= 66) {
      return Optional.of(
          ((String) Abi.decode(ok.data(), Abi.addressRef()).get(0).getValue())
              .toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }

  /**
   * Decodes the contract's custom errors (and OpenZeppelin's it inherits), of every version: later
   * versions only add errors and functions.
   */
  public static RevertDecoder decoder() {
    return IMPLEMENTATION_V2.revertDecoder();
  }

  /** Proxy address, lower case. */
  public String address() {
    return address;
  }

  /** Call data of {@code execute(routes)} for today's builds (version 4 and later). */
  public static String encodeExecute(List<FlashRoute> routes) {
    List<RouteStruct> structs = routes.stream().map(RouteStruct::new).toList();
    return Abi.call("execute", new DynamicArray<>(RouteStruct.class, structs));
  }

  /**
   * Call data of {@code execute(routes)} for builds before version 4 (V2 hops as parallel lists).
   *
   * @throws IllegalArgumentException if a route has a V3 hop, which those builds cannot run
   */
  public static String encodeLegacyExecute(List<FlashRoute> routes) {
    for (FlashRoute r : routes) {
      if (!r.onlyV2Hops()) {
        throw new IllegalArgumentException(
            "contract: this proxy runs a version before 4, which has no V3 hops; upgrade it (arb"
                + " defi upgrade) to route through V3 pools");
      }
    }
    List<LegacyRouteStruct> structs = routes.stream().map(LegacyRouteStruct::new).toList();
    return Abi.call("execute", new DynamicArray<>(LegacyRouteStruct.class, structs));
  }

  /**
   * Call data of {@code execute(routes)} for the build this proxy runs: today's encoding, or the
   * one before version 4 for a proxy not upgraded yet (asked once per instance with one {@code
   * eth_call} of {@code MAX_HOPS()}, which only version 4 and later have; asked again after {@link
   * #upgradeToV2} through this instance).
   */
  public String encodeExecuteFor(List<FlashRoute> routes) {
    return takesHopRoutes() ? encodeExecute(routes) : encodeLegacyExecute(routes);
  }

  /**
   * Whether this proxy runs a build with hop routes (version 4 and later, and version 1 built
   * today).
   */
  public boolean takesHopRoutes() {
    Boolean known = hopRoutes;
    if (known == null) {
      CallResult r = chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("MAX_HOPS"), decoder());
      known = r instanceof CallResult.Success ok && ok.data().length() == 2 + 64;
      hopRoutes = known;
    }
    return known;
  }

  /**
   * Call data of {@code swapRoute(tokenIn, amountIn, hops, minOut)} (version 5 and later): a swap
   * of the contract's own {@code tokenIn} along 1 to 6 hops, output kept in the contract.
   */
  public static String encodeSwapRoute(
      String tokenIn, BigInteger amountIn, List<FlashRoute.Hop> hops, BigInteger minOut) {
    return Abi.call(
        "swapRoute",
        Abi.address(tokenIn),
        Abi.uint(amountIn),
        new DynamicArray<>(HopStruct.class, hops.stream().map(HopStruct::new).toList()),
        Abi.uint(minOut));
  }

  /** Decodes the {@code uint256 amountOut} that {@code swapRoute} returns. */
  public static BigInteger decodeAmountOut(String returnData) {
    return (BigInteger) Abi.decode(returnData, Abi.uintRef()).get(0).getValue();
  }

  /** Decodes the {@code uint256[] profits} that {@code execute} returns. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static List<BigInteger> decodeProfits(String returnData) {
    List<Type> out =
        FunctionReturnDecoder.decode(
            returnData, (List) List.of(new TypeReference<DynamicArray<Uint256>>() {}));
    List<Uint256> values = ((DynamicArray<Uint256>) out.get(0)).getValue();
    return values.stream().map(Uint256::getValue).toList();
  }

  /** The {@code RouteExecuted} events this contract emitted in a receipt, in log order. */
  @SuppressWarnings("rawtypes")
  public List<RouteExecuted> routeExecutedEvents(TransactionReceipt receipt) {
    String topic = EventEncoder.encode(ROUTE_EXECUTED);
    List<RouteExecuted> events = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (!address.equalsIgnoreCase(log.getAddress())
          || log.getTopics().isEmpty()
          || !topic.equals(log.getTopics().get(0))) {
        continue;
      }
      List<Type> data =
          FunctionReturnDecoder.decode(log.getData(), ROUTE_EXECUTED.getNonIndexedParameters());
      events.add(
          new RouteExecuted(
              Numeric.toBigInt(log.getTopics().get(1)),
              topicAddress(log.getTopics().get(2)),
              topicAddress(log.getTopics().get(3)),
              LoanSource.values()[((BigInteger) data.get(0).getValue()).intValueExact()],
              (BigInteger) data.get(1).getValue(),
              (BigInteger) data.get(2).getValue(),
              (BigInteger) data.get(3).getValue(),
              ((String) data.get(4).getValue()).toLowerCase(Locale.ROOT)));
    }
    return events;
  }

  /** Current owner. */
  public String owner() {
    return readAddress("owner");
  }

  /** Configured Balancer vault (zero address if none). */
  public String balancerVault() {
    return readAddress("balancerVault");
  }

  /** Configured Aave pool (zero address if none). */
  public String aavePool() {
    return readAddress("aavePool");
  }

  /** Current executor (zero address if none). */
  public String executor() {
    return readAddress("executor");
  }

  /** Implementation version reported by the contract. */
  public BigInteger version() {
    return readUint("version");
  }

  /** Routes executed since deployment. */
  public BigInteger executions() {
    return readUint("executions");
  }

  /** Flash-swap premium the contract charges itself for borrowing {@code amount}. */
  public BigInteger flashSwapPremium(BigInteger amount) {
    String out = chain.view(address, Abi.call("flashSwapPremium", Abi.uint(amount)));
    return (BigInteger) Abi.decode(out, Abi.uintRef()).get(0).getValue();
  }

  /** Implementation address from the ERC-1967 slot, lower case. */
  public String implementation() {
    String word = chain.storageAt(address, IMPLEMENTATION_SLOT);
    String hex = Numeric.cleanHexPrefix(word);
    return "0x" + hex.substring(hex.length() - 40).toLowerCase(Locale.ROOT);
  }

  /**
   * The factories whose pairs the contract lets lend (Uniswap V2 flash swaps), lower case, in the
   * contract's order; empty for a version built before the allow-list existed (none is allowed
   * there: such a version lets any address lend, which is why it must be upgraded).
   */
  public List<String> allowedFactories() {
    CallResult r =
        chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("allowedFactories"), decoder());
    if (!(r instanceof CallResult.Success ok) || ok.data().length() < 2 + 128) {
      return List.of();
    }
    return decodeAddresses(ok.data());
  }

  /** Whether the contract has an allow-list of factories (version 1 built today, version 3+). */
  public boolean hasFactoryAllowList() {
    CallResult r =
        chain.call(
            ChainClient.ZERO_ADDRESS,
            address,
            Abi.call("isFactoryAllowed", Abi.address(ChainClient.ZERO_ADDRESS)),
            decoder());
    return r instanceof CallResult.Success ok && ok.data().length() >= 66;
  }

  /**
   * Owner allows ({@code allowed}) or disallows {@code factories}; only the pairs of allowed
   * factories may lend. A factory without code is refused by the contract ({@code InvalidFactory}).
   */
  public void setFactoriesAllowed(Wallet owner, List<String> factories, boolean allowed) {
    owner.transact(address, encodeSetFactoriesAllowed(factories, allowed), decoder());
  }

  /**
   * The V3 factories whose pools the contract lets be hops, lower case, in the contract's order;
   * empty for a version before 4.
   */
  public List<String> allowedV3Factories() {
    CallResult r =
        chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("allowedV3Factories"), decoder());
    if (!(r instanceof CallResult.Success ok) || ok.data().length() < 2 + 128) {
      return List.of();
    }
    return decodeAddresses(ok.data());
  }

  /**
   * Owner allows ({@code allowed}) or disallows V3 {@code factories}; only the pools of allowed V3
   * factories may be hops. A factory without code is refused ({@code InvalidFactory}).
   */
  public void setV3FactoriesAllowed(Wallet owner, List<String> factories, boolean allowed) {
    owner.transact(address, encodeSetV3FactoriesAllowed(factories, allowed), decoder());
  }

  /** Call data of {@code setV3FactoriesAllowed(factories, allowed)}. */
  public static String encodeSetV3FactoriesAllowed(List<String> factories, boolean allowed) {
    return Abi.call("setV3FactoriesAllowed", addresses(factories), new Bool(allowed));
  }

  /** Call data of {@code setFactoriesAllowed(factories, allowed)}. */
  public static String encodeSetFactoriesAllowed(List<String> factories, boolean allowed) {
    return Abi.call("setFactoriesAllowed", addresses(factories), new Bool(allowed));
  }

  /** Owner sets (or clears with the zero address) the executor. */
  public void setExecutor(Wallet owner, String executor) {
    owner.transact(address, Abi.call("setExecutor", Abi.address(executor)), decoder());
  }

  /** Owner takes {@code amount} of {@code token} out of the contract. */
  public void withdraw(Wallet owner, String token, String to, BigInteger amount) {
    owner.transact(
        address,
        Abi.call("withdraw", Abi.address(token), Abi.address(to), Abi.uint(amount)),
        decoder());
  }

  /** Call data of {@code upgradeToAndCall(newImplementation, "")}. */
  public static String encodeUpgrade(String newImplementation) {
    return encodeUpgrade(newImplementation, "0x");
  }

  /**
   * Call data of {@code upgradeToAndCall(newImplementation, call)}: {@code call} (0x-hex call data,
   * {@code "0x"} for none) runs on the new implementation in the proxy's storage, as the caller of
   * the upgrade.
   */
  public static String encodeUpgrade(String newImplementation, String call) {
    return Abi.call(
        "upgradeToAndCall",
        Abi.address(newImplementation),
        new DynamicBytes(Numeric.hexStringToByteArray(call)));
  }

  private static DynamicArray<Address> addresses(List<String> list) {
    return new DynamicArray<>(Address.class, list.stream().map(Address::new).toList());
  }

  @SuppressWarnings("unchecked")
  private static List<String> decodeAddresses(String data) {
    DynamicArray<Address> out =
        (DynamicArray<Address>)
            Abi.decode(data, new TypeReference<DynamicArray<Address>>() {}).get(0);
    return out.getValue().stream().map(a -> a.getValue().toLowerCase(Locale.ROOT)).toList();
  }

  private String readAddress(String function) {
    String out = chain.view(address, Abi.call(function));
    return ((String) Abi.decode(out, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }

  private BigInteger readUint(String function) {
    String out = chain.view(address, Abi.call(function));
    return (BigInteger) Abi.decode(out, Abi.uintRef()).get(0).getValue();
  }

  private static String topicAddress(String topic) {
    String hex = Numeric.cleanHexPrefix(topic);
    return "0x" + hex.substring(hex.length() - 40).toLowerCase(Locale.ROOT);
  }
}
