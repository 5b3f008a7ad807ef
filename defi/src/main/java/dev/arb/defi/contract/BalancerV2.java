package dev.arb.defi.contract;

import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The Balancer V2 Vault, deployed from the real {@code @balancer-labs/v2-deployments} 3.2.0
 * bytecode (task 20210418-vault) with its Authorizer. Local chains only: a real network has its
 * vault already (0xBA12222222228d8Ba445958a75a0704d566BF2C8 on Ethereum, Polygon, Arbitrum...).
 */
public final class BalancerV2 {
  /** Where the npm artifacts are, relative to {@code contracts/}. */
  public static final String TASKS_DIR = "node_modules/@balancer-labs/v2-deployments/dist/tasks";

  private static final RevertDecoder DECODER = new RevertDecoder();

  private BalancerV2() {}

  /**
   * Deploys an Authorizer (admin: the deployer) and a Vault using it, with no pause window; {@code
   * weth} is only used by the vault for ether wrapping.
   *
   * @return the vault's address
   */
  public static String deployVault(Wallet deployer, Path contractsDir, String weth) {
    Path tasks = contractsDir.resolve(TASKS_DIR);
    ContractArtifact authorizer =
        ContractArtifact.fromFile(tasks.resolve("20210418-authorizer/artifact/Authorizer.json"));
    String authorizerAddress =
        deployer.deploy(
            Abi.creation(authorizer.bytecode(), Abi.address(deployer.address())), DECODER);
    ContractArtifact vault =
        ContractArtifact.fromFile(tasks.resolve("20210418-vault/artifact/Vault.json"));
    return deployer.deploy(
        Abi.creation(
            vault.bytecode(),
            Abi.address(authorizerAddress),
            Abi.address(weth),
            Abi.uint(BigInteger.ZERO),
            Abi.uint(BigInteger.ZERO)),
        vault.revertDecoder());
  }
}
