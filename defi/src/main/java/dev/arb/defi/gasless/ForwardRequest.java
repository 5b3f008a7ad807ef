package dev.arb.defi.gasless;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The EIP-712 {@code ForwardRequest} of OpenZeppelin's {@code ERC2771Forwarder}: {@code from} asks
 * the forwarder to call {@code to} with {@code data}, {@code value} wei and exactly {@code gas}
 * gas, once (its forwarder {@code nonce}) and no later than {@code deadline}.
 *
 * @param from the signer, 0x-hex address (normalised to lower case)
 * @param to the target contract, 0x-hex address (lower case); it must trust the forwarder
 * @param value wei sent along with the call, {@code >= 0}
 * @param gas gas the forwarder passes to the call, {@code > 0}
 * @param nonce the signer's forwarder nonce this request uses, {@code >= 0}
 * @param deadline unix seconds (uint48) after which the forwarder refuses the request
 * @param data call data, 0x-hex (lower case, even length; {@code 0x} for none)
 */
public record ForwardRequest(
    String from,
    String to,
    BigInteger value,
    BigInteger gas,
    BigInteger nonce,
    long deadline,
    String data) {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-f]{2})*");
  private static final long UINT48_MAX = (1L << 48) - 1;

  public ForwardRequest {
    from = address("from", from);
    to = address("to", to);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(gas, "gas");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(data, "data");
    if (value.signum() < 0 || nonce.signum() < 0 || gas.signum() <= 0) {
      throw new IllegalArgumentException("value and nonce must be >= 0 and gas > 0");
    }
    if (deadline < 0 || deadline > UINT48_MAX) {
      throw new IllegalArgumentException("deadline must be a uint48 unix time, got " + deadline);
    }
    data = data.toLowerCase(Locale.ROOT);
    if (!HEX.matcher(data).matches()) {
      throw new IllegalArgumentException("data must be 0x-hex of whole bytes");
    }
  }

  private static String address(String what, String a) {
    Objects.requireNonNull(a, what);
    String lower = a.toLowerCase(Locale.ROOT);
    if (!ADDRESS.matcher(lower).matches()) {
      throw new IllegalArgumentException(what + " must be a 0x-hex address, got " + a);
    }
    return lower;
  }

  /** The 4-byte selector of {@code data} (0x-hex), or {@code 0x} if it is shorter. */
  public String selector() {
    return data.length() >= 10 ? data.substring(0, 10) : "0x";
  }
}
