package dev.arb.cli;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.local.DaemonMarket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * What the chain daemon's ITs share: one anvil per test with the daemon demo's market (real Uniswap
 * V2 bytecode deployed three times, V3 pools, a Balancer vault; WETH/USDC at 2,000), the flash-loan
 * contract owned by anvil's dev account 0, and a trader (dev account 1) to move prices. Subclasses
 * add what differs: the contract's inventory, the trader's funds, the config file.
 */
abstract class AnvilMarketFixture {
  @TempDir Path dir;
  DefiChain net;
  ChainClient chain;
  Wallet owner;
  Wallet trader;
  DaemonMarket market;
  FlashLoanArbitrageContract arb;
  String weth;
  String usdc;

  @BeforeEach
  void anvilMarketAndContract() {
    net = DefiChain.start();
    chain = net.chain();
    owner =
        new Wallet(chain, Credentials.create(DefiChain.DEPLOYER_KEY), FeeHistoryGasOracle.local());
    trader =
        new Wallet(chain, Credentials.create(DefiChain.OTHER_KEY), FeeHistoryGasOracle.local());
    market = DaemonMarket.deploy(owner, ContractsDir.locate());
    arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            owner.address(),
            market.vault(),
            ChainClient.ZERO_ADDRESS,
            ChainClient.ZERO_ADDRESS,
            List.copyOf(market.factories().values()),
            List.of(market.v3Factory()));
    weth = market.tokens().get("WETH");
    usdc = market.tokens().get("USDC");
  }

  @AfterEach
  void stopAnvil() {
    if (net != null) {
      net.close();
    }
  }

  /** Gives the contract an inventory of {@code wethUnits} WETH and {@code usdcUnits} USDC. */
  void stockContract(long wethUnits, long usdcUnits) {
    Erc20.transfer(owner, weth, arb.address(), DaemonMarket.tokens(wethUnits));
    Erc20.transfer(owner, usdc, arb.address(), DaemonMarket.tokens(usdcUnits));
  }

  /** Gives the trader {@code wethUnits} WETH to move prices with. */
  void fundTrader(long wethUnits) {
    Erc20.transfer(owner, weth, trader.address(), DaemonMarket.tokens(wethUnits));
  }

  /** The owner's key in a keystore under {@code dir/keys}, password "owner-pw" (env OWNER_PW). */
  Path ownerKeystore() throws Exception {
    return Keystore.importKey(
            DefiChain.DEPLOYER_KEY, "owner-pw", dir.resolve("keys"), Keystore.Kdf.LIGHT)
        .file();
  }

  /** The config lines of the market's three V2 factories, one per line inside {@code dexes}. */
  String v2Dexes() {
    StringBuilder dexes = new StringBuilder();
    market
        .factories()
        .forEach(
            (name, f) ->
                dexes
                    .append("      ")
                    .append(name)
                    .append(" { factory = \"")
                    .append(f)
                    .append("\", fee = 0.003, max-pools = 100 }\n"));
    return dexes.toString();
  }
}
