package dev.arb.defi.gasless;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a relayer is willing to pay for. Amounts of ether are wei, charged at the worst case
 * (transaction gas limit × max fee per gas) when a request is accepted and settled to the real cost
 * (gas used × effective gas price) when it is mined; days are UTC days.
 *
 * @param allowedTargets what requests may call, each entry either a contract address (any of its
 *     functions) or {@code address:selector} (that function only, e.g. {@code 0xabc…:0xd09de08a});
 *     stored lower case; anything else is refused
 * @param maxRequestGas the most gas a request may ask the forwarder to pass to its target
 * @param maxWeiPerRequest the most one relayed transaction may cost
 * @param maxWeiPerSignerPerDay the most the requests of one signer may cost per day
 * @param maxWeiPerDay the most all relayed requests may cost per day
 * @param maxRequestsPerSignerPerDay how many requests of one signer are relayed per day
 * @param minValidity a request must stay valid at least this long after it is checked, so it cannot
 *     expire between simulation and inclusion
 */
public record RelayPolicy(
    Set<String> allowedTargets,
    BigInteger maxRequestGas,
    BigInteger maxWeiPerRequest,
    BigInteger maxWeiPerSignerPerDay,
    BigInteger maxWeiPerDay,
    int maxRequestsPerSignerPerDay,
    Duration minValidity) {
  public RelayPolicy {
    allowedTargets =
        Objects.requireNonNull(allowedTargets, "allowedTargets").stream()
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    for (String entry : allowedTargets) {
      if (!ENTRY.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            "allow-list entry must be 0xADDRESS or 0xADDRESS:0xSELECTOR, got " + entry);
      }
    }
    for (BigInteger v :
        new BigInteger[] {maxRequestGas, maxWeiPerRequest, maxWeiPerSignerPerDay, maxWeiPerDay}) {
      if (Objects.requireNonNull(v, "limit").signum() <= 0) {
        throw new IllegalArgumentException("relay limits must be positive, got " + v);
      }
    }
    if (maxRequestsPerSignerPerDay <= 0) {
      throw new IllegalArgumentException("maxRequestsPerSignerPerDay must be positive");
    }
    Objects.requireNonNull(minValidity, "minValidity");
    if (minValidity.isNegative()) {
      throw new IllegalArgumentException("minValidity must be >= 0");
    }
  }

  private static final Pattern ENTRY = Pattern.compile("0x[0-9a-f]{40}(:0x[0-9a-f]{8})?");

  /** Whether requests may call some function of {@code target}. */
  public boolean allowsTarget(String target) {
    String t = target.toLowerCase(Locale.ROOT);
    return allowedTargets.stream().anyMatch(e -> e.equals(t) || e.startsWith(t + ":"));
  }

  /** Whether requests may call {@code target} with call data starting with {@code selector}. */
  public boolean allows(String target, String selector) {
    String t = target.toLowerCase(Locale.ROOT);
    return allowedTargets.contains(t)
        || allowedTargets.contains(t + ":" + selector.toLowerCase(Locale.ROOT));
  }
}
