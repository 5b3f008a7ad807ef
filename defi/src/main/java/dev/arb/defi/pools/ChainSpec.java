package dev.arb.defi.pools;

import dev.arb.config.ChainConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What to read from one chain.
 *
 * @param name the chain's name in arb (such as {@code ethereum}); names it in the snapshot and in
 *     messages
 * @param chainId the chain id the node must report; empty accepts any (a local chain with no
 *     configuration)
 * @param nativeToken the wrapped native token (lower-case address), written as {@code native_token}
 * @param dexes the DEXes, in the order their pools are written; their names are distinct
 * @param pools explicit pool addresses (lower-case); when not empty, only these are read and the
 *     factories are not enumerated
 * @param tokens token allow-list (lower-case addresses); empty allows every token
 * @param batchSize most calls in one JSON-RPC batch request
 * @param requestTimeout timeout of one HTTP request
 */
public record ChainSpec(
    String name,
    OptionalLong chainId,
    Optional<String> nativeToken,
    List<DexSpec> dexes,
    List<String> pools,
    List<String> tokens,
    int batchSize,
    Duration requestTimeout) {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  public ChainSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chainId, "chainId");
    nativeToken = Objects.requireNonNull(nativeToken, "nativeToken").map(ChainSpec::address);
    dexes = List.copyOf(dexes);
    pools = pools.stream().map(ChainSpec::address).distinct().toList();
    tokens = tokens.stream().map(ChainSpec::address).distinct().toList();
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (dexes.stream().map(DexSpec::name).distinct().count() != dexes.size()) {
      throw new IllegalArgumentException("two DEXes of chain " + name + " have the same name");
    }
    if (dexes.isEmpty()) {
      throw new IllegalArgumentException(
          "chain " + name + " has no DEX to read: give at least one factory");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** The chain as configured in {@code arb.chains.<name>}. */
  public static ChainSpec of(ChainConfig c) {
    return new ChainSpec(
        c.name(),
        OptionalLong.of(c.chainId()),
        c.nativeToken(),
        c.dexes().values().stream()
            .map(
                d ->
                    d.concentrated()
                        ? DexSpec.concentrated(d.name(), d.factory(), d.feeTiers(), d.tickWords())
                        : new DexSpec(d.name(), d.factory(), d.fee(), d.maxPools()))
            .toList(),
        c.pools(),
        c.tokens(),
        c.batchSize(),
        c.requestTimeout());
  }

  private static String address(String a) {
    if (!ADDRESS.matcher(a).matches()) {
      throw new IllegalArgumentException("not an address (0x and 40 hex digits): " + a);
    }
    return a.toLowerCase(Locale.ROOT);
  }
}
