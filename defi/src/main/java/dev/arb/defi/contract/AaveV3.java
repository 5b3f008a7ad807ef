package dev.arb.defi.contract;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * A minimal Aave V3 market on a local chain, from the real {@code @aave/core-v3} 1.19.3 artifacts:
 * addresses provider, ACL manager, the Pool (its logic libraries deployed and linked) and
 * configurator behind their proxies, and one reserve with flash loans enabled. Local chains only:
 * on a real network the pool exists (e.g. 0x794a61358D6845594F94dc1DB02A252b5b4814aD on Polygon and
 * Arbitrum).
 */
public final class AaveV3 {
  /** Where the npm artifacts are, relative to {@code contracts/}. */
  public static final String ARTIFACTS = "node_modules/@aave/core-v3/artifacts/contracts";

  /** Flash-loan premium set on the local market, basis points (Aave's usual 0.09 %). */
  public static final int PREMIUM_BPS = 9;

  private static final BigInteger RAY = BigInteger.TEN.pow(27);
  private static final RevertDecoder DECODER = new RevertDecoder();

  private AaveV3() {}

  /** The InitReserveInput tuple of {@code PoolConfigurator.initReserves}. */
  static final class InitReserveInput extends DynamicStruct {
    InitReserveInput(
        String aToken,
        String stableDebt,
        String variableDebt,
        int decimals,
        String strategy,
        String asset,
        String treasury,
        String symbol) {
      super(
          new Address(aToken),
          new Address(stableDebt),
          new Address(variableDebt),
          new Uint8(decimals),
          new Address(strategy),
          new Address(asset),
          new Address(treasury),
          new Address(ChainClient.ZERO_ADDRESS),
          new Utf8String("Aave local " + symbol),
          new Utf8String("a" + symbol),
          new Utf8String("Aave local variable debt " + symbol),
          new Utf8String("variableDebt" + symbol),
          new Utf8String("Aave local stable debt " + symbol),
          new Utf8String("stableDebt" + symbol),
          new DynamicBytes(new byte[0]));
    }
  }

  /**
   * Deploys the market with one reserve ({@code asset}, 18 decimals), enables flash loans on it
   * with a {@link #PREMIUM_BPS} premium, and supplies {@code liquidity} from the deployer.
   *
   * @return the Pool (proxy) address
   */
  public static String deployPool(
      Wallet admin, Path contractsDir, String asset, String symbol, BigInteger liquidity) {
    Path dir = contractsDir.resolve(ARTIFACTS);
    String me = admin.address();
    String provider =
        admin.deploy(
            Abi.creation(
                artifact(dir, "configuration/PoolAddressesProvider").bytecode(),
                new Utf8String("arb-local"),
                Abi.address(me)),
            DECODER);
    admin.transact(provider, Abi.call("setACLAdmin", Abi.address(me)), DECODER);
    String acl =
        admin.deploy(
            Abi.creation(
                artifact(dir, "configuration/ACLManager").bytecode(), Abi.address(provider)),
            DECODER);
    admin.transact(provider, Abi.call("setACLManager", Abi.address(acl)), DECODER);
    admin.transact(acl, Abi.call("addPoolAdmin", Abi.address(me)), DECODER);

    Map<String, String> libs = new HashMap<>();
    for (String lib :
        List.of(
            "BorrowLogic",
            "BridgeLogic",
            "EModeLogic",
            "LiquidationLogic",
            "PoolLogic",
            "SupplyLogic",
            "ConfiguratorLogic")) {
      libs.put(lib, admin.deploy(artifact(dir, "libraries/logic/" + lib).bytecode(), DECODER));
    }
    libs.put(
        "FlashLoanLogic",
        admin.deploy(
            artifact(dir, "libraries/logic/FlashLoanLogic").linkedBytecode(libs), DECODER));
    ContractArtifact pool = artifact(dir, "pool/Pool");
    String poolImpl =
        admin.deploy(
            Abi.creation(pool.linkedBytecode(libs), Abi.address(provider)), pool.revertDecoder());
    admin.transact(provider, Abi.call("setPoolImpl", Abi.address(poolImpl)), DECODER);
    String poolProxy = readAddress(admin.chain(), provider, "getPool");
    ContractArtifact configurator = artifact(dir, "pool/PoolConfigurator");
    String configuratorImpl = admin.deploy(configurator.linkedBytecode(libs), DECODER);
    admin.transact(
        provider, Abi.call("setPoolConfiguratorImpl", Abi.address(configuratorImpl)), DECODER);
    String configuratorProxy = readAddress(admin.chain(), provider, "getPoolConfigurator");

    String aToken =
        admin.deploy(
            Abi.creation(artifact(dir, "tokenization/AToken").bytecode(), Abi.address(poolProxy)),
            DECODER);
    String stable =
        admin.deploy(
            Abi.creation(
                artifact(dir, "tokenization/StableDebtToken").bytecode(), Abi.address(poolProxy)),
            DECODER);
    String variable =
        admin.deploy(
            Abi.creation(
                artifact(dir, "tokenization/VariableDebtToken").bytecode(), Abi.address(poolProxy)),
            DECODER);
    String strategy =
        admin.deploy(
            Abi.creation(
                artifact(dir, "pool/DefaultReserveInterestRateStrategy").bytecode(),
                Abi.address(provider),
                Abi.uint(RAY.multiply(BigInteger.valueOf(80)).divide(BigInteger.valueOf(100))),
                Abi.uint(BigInteger.ZERO),
                Abi.uint(RAY.multiply(BigInteger.valueOf(4)).divide(BigInteger.valueOf(100))),
                Abi.uint(RAY.multiply(BigInteger.valueOf(75)).divide(BigInteger.valueOf(100))),
                Abi.uint(BigInteger.ZERO),
                Abi.uint(BigInteger.ZERO),
                Abi.uint(BigInteger.ZERO),
                Abi.uint(BigInteger.ZERO),
                Abi.uint(RAY.multiply(BigInteger.valueOf(20)).divide(BigInteger.valueOf(100)))),
            DECODER);
    RevertDecoder configErrors = configurator.revertDecoder();
    admin.transact(
        configuratorProxy,
        Abi.call(
            "initReserves",
            new DynamicArray<>(
                InitReserveInput.class,
                List.of(
                    new InitReserveInput(
                        aToken, stable, variable, 18, strategy, asset, me, symbol)))),
        configErrors);
    admin.transact(
        configuratorProxy,
        Abi.call("setReserveFlashLoaning", Abi.address(asset), new Bool(true)),
        configErrors);
    admin.transact(
        configuratorProxy,
        Abi.call("updateFlashloanPremiumTotal", new Uint128(BigInteger.valueOf(PREMIUM_BPS))),
        configErrors);

    admin.transact(
        asset, Abi.call("approve", Abi.address(poolProxy), Abi.uint(liquidity)), DECODER);
    admin.transact(
        poolProxy,
        Abi.call("supply", Abi.address(asset), Abi.uint(liquidity), Abi.address(me), new Uint16(0)),
        pool.revertDecoder());
    return poolProxy;
  }

  private static ContractArtifact artifact(Path dir, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return ContractArtifact.fromFile(
        dir.resolve("protocol").resolve(path + ".sol").resolve(name + ".json"));
  }

  private static String readAddress(ChainClient chain, String contract, String getter) {
    String out = chain.view(contract, Abi.call(getter));
    return ((String) Abi.decode(out, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }
}
