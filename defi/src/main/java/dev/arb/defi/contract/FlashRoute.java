package dev.arb.defi.contract;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One flash-loan arbitrage route, as {@code FlashLoanArbitrage.Route}: borrow {@code amount} of
 * {@code token} from {@code lender} (per {@code source}: a Uniswap V2 pair of a factory the
 * contract allows, its configured Balancer vault or its configured Aave pool; the contract refuses
 * any other lender), swap it along {@code pairs} (hop i trades {@code path[i]} for {@code
 * path[i+1]} at {@code feesBps[i]}), repay, keep at least {@code minProfit}. Amounts are in the
 * token's base units. Addresses are 0x-hex, stored lower case.
 */
public record FlashRoute(
    LoanSource source,
    String lender,
    String token,
    BigInteger amount,
    List<String> pairs,
    List<String> path,
    List<Integer> feesBps,
    BigInteger minProfit) {

  public FlashRoute {
    Objects.requireNonNull(source, "source");
    lender = lower(Objects.requireNonNull(lender, "lender"));
    token = lower(Objects.requireNonNull(token, "token"));
    Objects.requireNonNull(amount, "amount");
    pairs = pairs.stream().map(FlashRoute::lower).toList();
    path = path.stream().map(FlashRoute::lower).toList();
    feesBps = List.copyOf(feesBps);
    Objects.requireNonNull(minProfit, "minProfit");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount);
    }
    if (minProfit.signum() < 0) {
      throw new IllegalArgumentException("minProfit must be >= 0, got " + minProfit);
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one hop");
    }
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
    if (!path.get(0).equals(token) || !path.get(path.size() - 1).equals(token)) {
      throw new IllegalArgumentException(
          "path must start and end with the borrowed token " + token);
    }
    if (pairs.contains(lender)) {
      throw new IllegalArgumentException(
          "the lender is locked during the loan; it cannot be a hop");
    }
    for (int fee : feesBps) {
      if (fee < 0 || fee >= 10_000) {
        throw new IllegalArgumentException("fee must be in [0, 10000) bps, got " + fee);
      }
    }
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
        List.of(firstPair, secondPair),
        List.of(token, other, token),
        List.of(UniswapV2.FEE_BPS, UniswapV2.FEE_BPS),
        minProfit);
  }

  /** The same route with another minimum profit. */
  public FlashRoute withMinProfit(BigInteger newMinProfit) {
    return new FlashRoute(source, lender, token, amount, pairs, path, feesBps, newMinProfit);
  }

  private static String lower(String address) {
    if (!address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return address.toLowerCase(Locale.ROOT);
  }
}
