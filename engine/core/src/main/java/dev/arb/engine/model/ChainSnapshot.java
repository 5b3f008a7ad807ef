package dev.arb.engine.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The pools of one chain at one block: the chain half of a {@link MarketSnapshot}.
 *
 * @param name lower-case chain name ({@code ethereum}); the venue of its graph nodes
 * @param chainId the chain's id (1 for Ethereum mainnet), &gt; 0
 * @param block the block the state was read at, if known
 * @param observedAt when that state was current (the block's time)
 * @param nativeToken the wrapped native token's address (WETH), lower-case, used to value gas; it
 *     need not be among {@code tokens} (then gas cannot be valued)
 * @param tokens the tokens the pools use, one per address, all on this chain
 * @param pools valid pools, one per address, each of whose tokens is in {@code tokens}
 */
public record ChainSnapshot(
    String name,
    long chainId,
    OptionalLong block,
    Instant observedAt,
    Optional<String> nativeToken,
    List<Token> tokens,
    List<Pool> pools) {
  public ChainSnapshot {
    name = Chains.name(name);
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
    Objects.requireNonNull(block, "block");
    if (block.isPresent() && block.getAsLong() < 0) {
      throw new IllegalArgumentException("block must not be negative, got " + block.getAsLong());
    }
    Objects.requireNonNull(observedAt, "observedAt");
    nativeToken = Objects.requireNonNull(nativeToken, "nativeToken").map(Addresses::normalise);
    tokens = List.copyOf(tokens);
    pools = List.copyOf(pools);
    Set<Asset> addresses = new HashSet<>();
    for (Token t : tokens) {
      if (!t.chain().equals(name)) {
        throw new IllegalArgumentException("token " + t.address() + " is not on " + name);
      }
      if (!addresses.add(t.asset())) {
        throw new IllegalArgumentException("token " + t.address() + " is listed twice");
      }
    }
    Set<String> poolAddresses = new HashSet<>();
    for (Pool p : pools) {
      if (!p.chain().equals(name)) {
        throw new IllegalArgumentException("pool " + p.address() + " is not on " + name);
      }
      if (!poolAddresses.add(p.address())) {
        throw new IllegalArgumentException("pool " + p.address() + " is listed twice");
      }
      if (!addresses.contains(p.base()) || !addresses.contains(p.quote())) {
        throw new IllegalArgumentException("pool " + p.address() + " uses a token not in tokens");
      }
    }
  }

  /** The same chain state with other pools (e.g. after a liquidity filter). */
  public ChainSnapshot withPools(List<Pool> kept) {
    return new ChainSnapshot(name, chainId, block, observedAt, nativeToken, tokens, kept);
  }

  /** The token at this address (any case), if listed. */
  public Optional<Token> token(String address) {
    if (!Addresses.isAddress(address)) {
      return Optional.empty();
    }
    String a = Addresses.normalise(address);
    for (Token t : tokens) {
      if (t.address().equals(a)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The tokens a person means by {@code symbolOrAddress}: the token at that address, or every token
   * with that symbol (ignoring case); empty if none.
   */
  public List<Token> find(String symbolOrAddress) {
    if (Addresses.isAddress(symbolOrAddress)) {
      return token(symbolOrAddress).map(List::of).orElse(List.of());
    }
    String s = symbolOrAddress.trim().toLowerCase(Locale.ROOT);
    List<Token> out = new ArrayList<>();
    for (Token t : tokens) {
      if (t.symbol().toLowerCase(Locale.ROOT).equals(s)) {
        out.add(t);
      }
    }
    return out;
  }
}
