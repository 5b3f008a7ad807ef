package dev.arb.defi.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One flash-loan arbitrage route, as {@code FlashLoanArbitrage.Route}: borrow {@code amount} of
 * {@code token} from {@code lender} (per {@code source}: a Uniswap V2 pair of a factory the
 * contract allows, its configured Balancer vault or its configured Aave pool; the contract refuses
 * any other lender), sell it along {@code hops} (each hop sells all of the previous hop's output in
 * its pool for its {@code tokenOut}; the last one pays out {@code token}), repay, keep at least
 * {@code minProfit}. Amounts are in the tokens' base units. Addresses are 0x-hex, stored lower
 * case.
 *
 * <p>A route has {@value #MIN_HOPS} to {@value #MAX_HOPS} hops through distinct pools, none of them
 * the lender; each hop is a Uniswap-V2-style pair of an allowed factory (with that pair's fee) or a
 * Uniswap V3 pool of an allowed V3 factory. The contract checks all of it again.
 */
public record FlashRoute(
    LoanSource source,
    String lender,
    String token,
    BigInteger amount,
    List<Hop> hops,
    BigInteger minProfit) {

  /** Fewest hops a route may have (the contract's {@code MIN_HOPS}). */
  public static final int MIN_HOPS = 2;

  /** Most hops a route may have (the contract's {@code MAX_HOPS}). */
  public static final int MAX_HOPS = 6;

  /** What kind of pool a hop trades in; the ordinal is the contract's {@code kind} code. */
  public enum HopKind {
    /** A Uniswap-V2-style pair (any factory, the pair's own fee in basis points). */
    UNISWAP_V2,
    /** A Uniswap V3 pool (its own fee tier). */
    UNISWAP_V3;

    /** The contract's {@code uint8} code. */
    public int code() {
      return ordinal();
    }
  }

  /**
   * One swap of a route, as {@code FlashLoanArbitrage.Hop}.
   *
   * @param kind the pool's kind
   * @param pool the pair or pool address
   * @param tokenOut what the hop pays out (its input is the previous hop's output, or the loan)
   * @param feeBps a V2 pair's fee in basis points (30 for Uniswap V2, 25 for PancakeSwap V2); 0 for
   *     a V3 pool, whose own fee applies
   * @param minOut the least the hop may pay out, base units of {@code tokenOut}; 0 for none
   */
  public record Hop(HopKind kind, String pool, String tokenOut, int feeBps, BigInteger minOut) {
    public Hop {
      Objects.requireNonNull(kind, "kind");
      pool = lower(Objects.requireNonNull(pool, "pool"));
      tokenOut = lower(Objects.requireNonNull(tokenOut, "tokenOut"));
      Objects.requireNonNull(minOut, "minOut");
      if (kind == HopKind.UNISWAP_V2 && (feeBps < 0 || feeBps >= 10_000)) {
        throw new IllegalArgumentException("fee must be in [0, 10000) bps, got " + feeBps);
      }
      if (kind == HopKind.UNISWAP_V3 && feeBps != 0) {
        throw new IllegalArgumentException(
            "a V3 pool takes its own fee: its hop's feeBps must be 0, got " + feeBps);
      }
      if (minOut.signum() < 0) {
        throw new IllegalArgumentException("minOut must be >= 0, got " + minOut);
      }
    }

    /** A hop through a Uniswap-V2-style pair charging {@code feeBps}, with no minimum output. */
    public static Hop v2(String pair, String tokenOut, int feeBps) {
      return new Hop(HopKind.UNISWAP_V2, pair, tokenOut, feeBps, BigInteger.ZERO);
    }

    /** A hop through a Uniswap V3 pool, with no minimum output. */
    public static Hop v3(String pool, String tokenOut) {
      return new Hop(HopKind.UNISWAP_V3, pool, tokenOut, 0, BigInteger.ZERO);
    }

    /** The same hop with another minimum output. */
    public Hop withMinOut(BigInteger newMinOut) {
      return new Hop(kind, pool, tokenOut, feeBps, newMinOut);
    }
  }

  public FlashRoute {
    Objects.requireNonNull(source, "source");
    lender = lower(Objects.requireNonNull(lender, "lender"));
    token = lower(Objects.requireNonNull(token, "token"));
    Objects.requireNonNull(amount, "amount");
    hops = List.copyOf(hops);
    Objects.requireNonNull(minProfit, "minProfit");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount);
    }
    if (minProfit.signum() < 0) {
      throw new IllegalArgumentException("minProfit must be >= 0, got " + minProfit);
    }
    if (hops.size() < MIN_HOPS || hops.size() > MAX_HOPS) {
      throw new IllegalArgumentException(
          "a route has " + MIN_HOPS + " to " + MAX_HOPS + " hops, got " + hops.size());
    }
    if (!hops.get(hops.size() - 1).tokenOut().equals(token)) {
      throw new IllegalArgumentException(
          "path must start and end with the borrowed token " + token);
    }
    Set<String> pools = new HashSet<>();
    String tokenIn = token;
    for (Hop hop : hops) {
      if (hop.pool().equals(lender)) {
        throw new IllegalArgumentException(
            "the lender is locked during the loan; it cannot be a hop");
      }
      if (!pools.add(hop.pool())) {
        throw new IllegalArgumentException("pool " + hop.pool() + " appears twice; once per route");
      }
      if (hop.tokenOut().equals(tokenIn)) {
        throw new IllegalArgumentException(
            "hop through " + hop.pool() + " must pay out another token than " + tokenIn);
      }
      tokenIn = hop.tokenOut();
    }
  }

  /**
   * A route of Uniswap-V2-style hops given as parallel lists, as before V3 hops existed: hop i
   * trades {@code path[i]} for {@code path[i+1]} in {@code pairs[i]} at {@code feesBps[i]}.
   */
  public FlashRoute(
      LoanSource source,
      String lender,
      String token,
      BigInteger amount,
      List<String> pairs,
      List<String> path,
      List<Integer> feesBps,
      BigInteger minProfit) {
    this(source, lender, token, amount, v2Hops(token, pairs, path, feesBps), minProfit);
  }

  private static List<Hop> v2Hops(
      String token, List<String> pairs, List<String> path, List<Integer> feesBps) {
    if (path.size() != pairs.size() + 1 || feesBps.size() != pairs.size()) {
      throw new IllegalArgumentException(
          "a route of "
              + pairs.size()
              + " hops needs "
              + (pairs.size() + 1)
              + " path tokens and "
              + pairs.size()
              + " fees");
    }
    if (!path.get(0).equalsIgnoreCase(token)) {
      throw new IllegalArgumentException(
          "path must start and end with the borrowed token " + token.toLowerCase(Locale.ROOT));
    }
    List<Hop> hops = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      hops.add(Hop.v2(pairs.get(i), path.get(i + 1), feesBps.get(i)));
    }
    return hops;
  }

  /** A two-hop cycle {@code token -> other -> token} through two pairs at the Uniswap V2 fee. */
  public static FlashRoute twoPool(
      LoanSource source,
      String lender,
      String token,
      String other,
      String firstPair,
      String secondPair,
      BigInteger amount,
      BigInteger minProfit) {
    return new FlashRoute(
        source,
        lender,
        token,
        amount,
        List.of(
            Hop.v2(firstPair, other, UniswapV2.FEE_BPS),
            Hop.v2(secondPair, token, UniswapV2.FEE_BPS)),
        minProfit);
  }

  /** The same route with another minimum profit. */
  public FlashRoute withMinProfit(BigInteger newMinProfit) {
    return new FlashRoute(source, lender, token, amount, hops, newMinProfit);
  }

  /** The same route borrowing {@code newAmount}. */
  public FlashRoute withAmount(BigInteger newAmount) {
    return new FlashRoute(source, lender, token, newAmount, hops, minProfit);
  }

  /** The same hops and amount financed by another loan. */
  public FlashRoute withLoan(LoanSource newSource, String newLender) {
    return new FlashRoute(newSource, newLender, token, amount, hops, minProfit);
  }

  /** The pools of the hops, in order. */
  public List<String> pairs() {
    return hops.stream().map(Hop::pool).toList();
  }

  /**
   * The tokens along the route: {@code token}, then each hop's output (the last is {@code token}).
   */
  public List<String> path() {
    List<String> path = new ArrayList<>(List.of(token));
    hops.forEach(h -> path.add(h.tokenOut()));
    return List.copyOf(path);
  }

  /** Each hop's {@code feeBps} (0 for a V3 hop). */
  public List<Integer> feesBps() {
    return hops.stream().map(Hop::feeBps).toList();
  }

  /** Whether every hop is a Uniswap-V2-style pair (what contracts before version 4 can run). */
  public boolean onlyV2Hops() {
    return hops.stream().allMatch(h -> h.kind() == HopKind.UNISWAP_V2);
  }

  private static String lower(String address) {
    if (!address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return address.toLowerCase(Locale.ROOT);
  }
}
