package dev.arb.defi.gasless;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link ForwardRequest} with its signer's EIP-712 signature for one forwarder domain: what a
 * user hands to a relayer.
 *
 * @param domain the forwarder and chain the signature is for
 * @param request the request
 * @param signature 65 bytes {@code r || s || v} as 0x-hex (lower case), {@code v} 27 or 28
 */
public record SignedRequest(ForwarderDomain domain, ForwardRequest request, String signature) {
  private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");

  public SignedRequest {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(request, "request");
    signature = Objects.requireNonNull(signature, "signature").toLowerCase(Locale.ROOT);
    if (!SIGNATURE.matcher(signature).matches()) {
      throw new IllegalArgumentException("signature must be 65 bytes of 0x-hex");
    }
  }
}
