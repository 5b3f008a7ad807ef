package dev.arb.cli;

import dev.arb.config.DefiConfig;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.keystore.Keystore;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configured chain and signing account of the {@code arb defi} commands that work on a real
 * network: {@code arb.defi.rpc-url}, {@code chain-id}, {@code keystore} and {@code
 * keystore-password}, with the gas cap ({@code max-fee-gwei}) and receipt timings ({@code
 * receipt-timeout}, {@code replace-after}, {@code max-replacements}). Connecting checks the chain
 * id; the key is unlocked in memory only.
 */
final class DefiNetwork implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final ChainClient chain;
  private final Wallet wallet;
  private final FeeHistoryGasOracle gasOracle;

  private DefiNetwork(ChainClient chain, Wallet wallet, FeeHistoryGasOracle gasOracle) {
    this.chain = chain;
    this.wallet = wallet;
    this.gasOracle = gasOracle;
  }

  /** The gas oracle of this network's wallet, capped at the configured or given max fee. */
  FeeHistoryGasOracle gasOracle() {
    return gasOracle;
  }

  /**
   * Connects and unlocks the keystore.
   *
   * @param maxFeeGwei gas cap per unit of gas in gwei from the command line, overriding {@code
   *     arb.defi.max-fee-gwei}; {@code null} to use the configured one
   * @throws ConfigException listing every missing setting
   */
  static DefiNetwork open(DefiConfig defi, Map<String, String> env, BigDecimal maxFeeGwei) {
    List<String> problems = new ArrayList<>();
    if (defi.rpcUrl().isEmpty()) {
      problems.add("config: arb.defi.rpc-url is not set (or set ARB_DEFI_RPC_URL)");
    }
    if (defi.keystore().isEmpty()) {
      problems.add(
          "config: arb.defi.keystore is not set; create one with 'arb defi keystore import'");
    }
    BigInteger cap = null;
    try {
      cap = maxFeeGwei == null ? defi.maxFeeWei() : DefiConfig.weiOfGwei(maxFeeGwei);
    } catch (IllegalArgumentException e) {
      problems.add("--max-fee-gwei: " + e.getMessage());
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
                url, defi.chainId(), REQUEST_TIMEOUT, poll, defi.receiptTimeout()));
    FeeHistoryGasOracle oracle =
        new FeeHistoryGasOracle(new FeeHistoryGasOracle.Settings(20, 50, 2, cap));
    return new DefiNetwork(
        chain, new Wallet(chain, credentials, oracle, replacement(defi)), oracle);
  }

  /** {@code arb.defi.replace-after} and {@code max-replacements} as the wallet's policy. */
  static Wallet.Replacement replacement(DefiConfig defi) {
    return defi.replaceAfter().isEmpty() || defi.maxReplacements() == 0
        ? Wallet.Replacement.NEVER
        : new Wallet.Replacement(defi.replaceAfter().get(), defi.maxReplacements());
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
