package dev.arb.defi.local;

import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.Eip712Signer;
import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.GaslessCounterContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.RelayPolicy;
import dev.arb.defi.gasless.Relayer;
import dev.arb.defi.gasless.SignedRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * A gasless request end to end on a throwaway local chain: starts anvil, funds a fresh relayer key
 * (no stored key is used), deploys the forwarder and the example target, has a fresh user with no
 * ether sign an {@code increment()}, relays it, then tries the same request again (a replay, which
 * the relayer refuses). anvil is always stopped at the end.
 */
public final class GaslessDemo {
  private static final BigInteger TEN_ETH = BigInteger.TEN.pow(19);

  private GaslessDemo() {}

  /**
   * What the demo did; balances in wei.
   *
   * @param msgSender the target's {@code lastSender()} after the relay: the user, not the relayer
   * @param userCount how many increments the target counts for the user
   * @param relayed the relay of the signed request
   * @param replayed the relay of the same request a second time
   */
  public record Result(
      long chainId,
      String forwarder,
      String target,
      String user,
      String relayer,
      BigInteger userBalanceBefore,
      BigInteger userBalanceAfter,
      BigInteger relayerBalanceBefore,
      BigInteger relayerBalanceAfter,
      String msgSender,
      BigInteger userCount,
      RelayOutcome relayed,
      RelayOutcome replayed) {}

  /** Runs the demo; {@code progress} gets one line per step. */
  public static Result run(Path contractsDir, Clock clock, Consumer<String> progress) {
    Credentials relayerKey = fresh();
    Credentials userKey = fresh();
    try (AnvilProcess anvil = AnvilProcess.start(contractsDir);
        ChainClient chain =
            ChainClient.connect(
                ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID))) {
      progress.accept("anvil on " + anvil.rpcUrl());
      chain.rpc("anvil_setBalance", List.of(relayerKey.getAddress(), "0x" + TEN_ETH.toString(16)));
      Wallet relayerWallet = new Wallet(chain, relayerKey, FeeHistoryGasOracle.local());
      GaslessForwarder forwarder = GaslessForwarder.deploy(relayerWallet, "arb-gasless");
      GaslessCounterContract target =
          GaslessCounterContract.deploy(relayerWallet, forwarder.address());
      progress.accept(
          "forwarder " + forwarder.address() + ", target GaslessCounter " + target.address());
      String user = userKey.getAddress();
      BigInteger userBefore = chain.etherBalance(user);
      ForwardRequest request =
          new ForwardRequest(
              user,
              target.address(),
              BigInteger.ZERO,
              BigInteger.valueOf(100_000),
              forwarder.nonce(user),
              clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond(),
              GaslessCounterContract.INCREMENT);
      SignedRequest signed = Eip712Signer.sign(forwarder.domain(), request, userKey);
      progress.accept("user " + user + " (balance " + userBefore + " wei) signed increment()");
      Relayer relayer =
          new Relayer(
              relayerWallet,
              FeeHistoryGasOracle.local(),
              forwarder,
              new RelayPolicy(
                  Set.of(target.address()),
                  BigInteger.valueOf(500_000),
                  BigInteger.TEN.pow(16),
                  BigInteger.TEN.pow(16),
                  BigInteger.TEN.pow(17),
                  10,
                  Duration.ofSeconds(30)),
              clock,
              GaslessCounterContract.decoder());
      BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
      RelayOutcome relayed = relayer.relay(signed);
      progress.accept("relayed: " + relayed);
      RelayOutcome replayed = relayer.relay(signed);
      progress.accept("replayed: " + replayed);
      return new Result(
          chain.chainId(),
          forwarder.address(),
          target.address(),
          user,
          relayerWallet.address(),
          userBefore,
          chain.etherBalance(user),
          relayerBefore,
          chain.etherBalance(relayerWallet.address()),
          target.lastSender(),
          target.count(user),
          relayed,
          replayed);
    }
  }

  private static Credentials fresh() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no secure random source for a throwaway key", e);
    }
  }
}
