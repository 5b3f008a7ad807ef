package dev.arb.cli;

import dev.arb.config.DefiConfig;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configured chain and signing account of the {@code arb defi} commands that work on a real
 * network: {@code arb.defi.rpc-url}, {@code chain-id}, {@code keystore} and {@code
 * keystore-password}. Connecting checks the chain id; the key is unlocked in memory only.
 */
final class DefiNetwork implements AutoCloseable {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final ChainClient chain;
  private final Wallet wallet;

  private DefiNetwork(ChainClient chain, Wallet wallet) {
    this.chain = chain;
    this.wallet = wallet;
  }

  /**
   * Connects and unlocks the keystore.
   *
   * @param maxFeeGwei gas cap per unit of gas, in gwei
   * @throws ConfigException listing every missing setting
   */
  static DefiNetwork open(DefiConfig defi, Map<String, String> env, long maxFeeGwei) {
    List<String> problems = new ArrayList<>();
    if (defi.rpcUrl().isEmpty()) {
      problems.add("config: arb.defi.rpc-url is not set (or set ARB_DEFI_RPC_URL)");
    }
    if (defi.keystore().isEmpty()) {
      problems.add(
          "config: arb.defi.keystore is not set; create one with 'arb defi keystore import'");
    }
    if (maxFeeGwei <= 0) {
      problems.add("--max-fee-gwei must be positive, got " + maxFeeGwei);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    String password = DefiKeystoreCommand.Import.password(defi, env);
    Path keystore = defi.keystore().orElseThrow();
    var credentials = Keystore.load(keystore, password);
    String url = defi.rpcUrl().orElseThrow();
    // receipts: every 50 ms on a local dev chain, every second elsewhere
    Duration poll = defi.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(1);
    ChainClient chain =
        ChainClient.connect(
            new ChainClient.Settings(
                url, defi.chainId(), Duration.ofSeconds(20), poll, Duration.ofMinutes(5)));
    FeeHistoryGasOracle oracle =
        new FeeHistoryGasOracle(
            new FeeHistoryGasOracle.Settings(
                20, 50, 2, GWEI.multiply(BigInteger.valueOf(maxFeeGwei))));
    return new DefiNetwork(chain, new Wallet(chain, credentials, oracle));
  }

  ChainClient chain() {
    return chain;
  }

  Wallet wallet() {
    return wallet;
  }

  @Override
  public void close() {
    chain.close();
  }
}
