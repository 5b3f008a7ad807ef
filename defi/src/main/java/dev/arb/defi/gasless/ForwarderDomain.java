package dev.arb.defi.gasless;

import java.util.Locale;
import java.util.Objects;

/**
 * The EIP-712 domain of one deployed forwarder: {@code EIP712Domain(string name,string
 * version,uint256 chainId,address verifyingContract)}. A signature is only valid for the forwarder
 * and chain it names, so a request cannot be replayed on another chain or forwarder.
 *
 * @param name the forwarder's name (constructor argument)
 * @param version {@code "1"} for OpenZeppelin's {@code ERC2771Forwarder}
 * @param chainId chain the forwarder lives on
 * @param verifyingContract the forwarder's address (lower case)
 */
public record ForwarderDomain(String name, String version, long chainId, String verifyingContract) {
  public ForwarderDomain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    verifyingContract =
        Objects.requireNonNull(verifyingContract, "verifyingContract").toLowerCase(Locale.ROOT);
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive");
    }
  }
}
