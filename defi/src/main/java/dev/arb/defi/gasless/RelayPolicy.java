package dev.arb.defi.gasless;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a relayer is willing to pay for. Amounts of ether are wei, charged at the worst case
 * (transaction gas limit × max fee per gas) when a request is accepted and settled to the real cost
 * (gas used × effective gas price) when it is mined; days are UTC days.
 *
 * @param allowedTargets contracts requests may call (lower-case addresses); any other is refused
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

  /** Whether requests may call {@code target}. */
  public boolean allows(String target) {
    return allowedTargets.contains(target.toLowerCase(Locale.ROOT));
  }
}
