package dev.arb.defi.gasless;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * Flash-loan routes as a signed gasless request ({@code arb defi flashloan --sign-for}): the
 * contract must trust the forwarder; {@code execute(routes)} is simulated as the forwarder would
 * call it for the signer (the signer's address appended to the call data, ERC-2771), and signed
 * only if it would not revert. Nothing is sent: a relayer sends it and pays the gas.
 */
public final class FlashRouteSigner {
  private FlashRouteSigner() {}

  /** What signing gave. */
  public sealed interface Result {}

  /** The signed request. */
  public record Signed(SignedRequest request) implements Result {}

  /** Not signed: as {@code signer} the routes would revert, for {@code reason}. */
  public record WouldRevert(String signer, String reason) implements Result {}

  /**
   * Signs {@code execute(routes)} on {@code arb} for {@code wallet}'s account through {@code
   * forwarder}.
   *
   * @param gas the request's gas
   * @param validUntil the request's deadline, epoch seconds
   * @throws ConfigException when the contract does not trust the forwarder (with how its owner
   *     makes it)
   */
  public static Result sign(
      ChainClient chain,
      FlashLoanArbitrageContract arb,
      GaslessForwarder forwarder,
      Wallet wallet,
      List<FlashRoute> routes,
      BigInteger gas,
      long validUntil) {
    String trusted = arb.trustedForwarder().orElse(null);
    if (!forwarder.address().equals(trusted)) {
      throw new ConfigException(
          "flashloan: "
              + arb.address()
              + (trusted == null
                  ? " is version 1 and trusts no forwarder"
                  : " trusts forwarder " + trusted + ", not " + forwarder.address())
              + "; its owner can run 'arb defi upgrade --contract "
              + arb.address()
              + " --forwarder "
              + forwarder.address()
              + "'. Nothing was signed");
    }
    String signer = wallet.address();
    String data = arb.encodeExecuteFor(routes);
    CallResult sim =
        chain.call(
            forwarder.address(),
            arb.address(),
            data + Numeric.cleanHexPrefix(signer),
            FlashLoanArbitrageContract.decoder());
    if (sim instanceof CallResult.Reverted r) {
      return new WouldRevert(signer, r.reason());
    }
    ForwardRequest request =
        new ForwardRequest(
            signer, arb.address(), BigInteger.ZERO, gas, forwarder.nonce(signer), validUntil, data);
    return new Signed(Eip712Signer.sign(forwarder.domain(), request, wallet));
  }
}
