package dev.arb.defi.contract;

import dev.arb.defi.chain.ChainClient;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * What each flash-loan source charges, read from the chain, and the cheapest one that can lend an
 * amount now. The contract takes the source the caller names; this is how the caller chooses.
 *
 * <ul>
 *   <li>Uniswap V2 flash swap: {@code FlashLoanArbitrage} repays {@code amount * 1000 / 997 + 1}, a
 *       premium of about 0.3009 % (the pair's 0.3 % fee on the amount repaid).
 *   <li>Balancer V2 Vault: {@code mulUp(amount, fee)} with the fee percentage governance sets on
 *       the vault's ProtocolFeesCollector ({@code getFlashLoanFeePercentage()}, 1e18 = 100 %); zero
 *       unless set.
 *   <li>Aave V3 Pool: {@code (amount * FLASHLOAN_PREMIUM_TOTAL + 5000) / 10000} (its {@code
 *       percentMul}, half up; the premium in basis points is pool configuration, 5 or 9 on most
 *       markets).
 * </ul>
 */
public final class FlashLoanFees {
  private static final BigInteger WAD = BigInteger.TEN.pow(18);
  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  /**
   * A source able to lend the amount, and what it costs.
   *
   * @param source the kind of loan
   * @param lender the pair, vault or pool, lower case
   * @param premium what borrowing the amount costs on top of it, base units of the token
   */
  public record Offer(LoanSource source, String lender, BigInteger premium) {
    public Offer {
      Objects.requireNonNull(source, "source");
      lender = lender.toLowerCase(Locale.ROOT);
      Objects.requireNonNull(premium, "premium");
    }
  }

  private FlashLoanFees() {}

  /** Premium of a Uniswap V2 flash swap of {@code amount} as the contract repays it. */
  public static BigInteger uniswapV2Premium(BigInteger amount) {
    return amount
        .multiply(BigInteger.valueOf(1000))
        .divide(BigInteger.valueOf(997))
        .add(BigInteger.ONE)
        .subtract(amount);
  }

  /** The Balancer vault's flash-loan fee percentage now (1e18 = 100 %; usually 0). */
  public static BigInteger balancerFeePercentage(ChainClient chain, String vault) {
    String collector = word(chain.view(vault, Abi.call("getProtocolFeesCollector")), 0);
    return Numeric.toBigInt(
        chain.view("0x" + collector.substring(24), Abi.call("getFlashLoanFeePercentage")));
  }

  /** Balancer's fee on {@code amount}: {@code mulUp(amount, feePercentage)}. */
  public static BigInteger balancerPremium(BigInteger amount, BigInteger feePercentage) {
    BigInteger product = amount.multiply(feePercentage);
    return product.signum() == 0
        ? BigInteger.ZERO
        : product.subtract(BigInteger.ONE).divide(WAD).add(BigInteger.ONE);
  }

  /** The Aave pool's {@code FLASHLOAN_PREMIUM_TOTAL} now, in basis points. */
  public static BigInteger aavePremiumBps(ChainClient chain, String pool) {
    return Numeric.toBigInt(chain.view(pool, Abi.call("FLASHLOAN_PREMIUM_TOTAL")));
  }

  /** Aave's premium on {@code amount}: {@code percentMul(amount, premiumBps)}, half up. */
  public static BigInteger aavePremium(BigInteger amount, BigInteger premiumBps) {
    return amount.multiply(premiumBps).add(BigInteger.valueOf(5_000)).divide(BPS);
  }

  /**
   * What borrowing {@code amount} of {@code token} from {@code lender} would cost now, or empty if
   * it cannot lend that much now: a V2 pair must hold more than {@code amount} of the token, the
   * Balancer vault at least {@code amount}; the Aave reserve must be active, not paused, have flash
   * loans enabled, and its aToken hold at least {@code amount}.
   */
  public static Optional<Offer> offer(
      ChainClient chain, LoanSource source, String lender, String token, BigInteger amount) {
    return switch (source) {
      case UNISWAP_V2 -> {
        UniswapV2.Reserves r = UniswapV2.reserves(chain, lender);
        boolean holds = token.equalsIgnoreCase(r.token0()) || token.equalsIgnoreCase(r.token1());
        yield holds && r.of(token).compareTo(amount) > 0
            ? Optional.of(new Offer(source, lender, uniswapV2Premium(amount)))
            : Optional.empty();
      }
      case BALANCER ->
          Erc20.balanceOf(chain, token, lender).compareTo(amount) >= 0
              ? Optional.of(
                  new Offer(
                      source,
                      lender,
                      balancerPremium(amount, balancerFeePercentage(chain, lender))))
              : Optional.empty();
      case AAVE_V3 -> aaveOffer(chain, lender, token, amount);
    };
  }

  /**
   * The cheapest of {@code lenders} (source and address) able to lend {@code amount} of {@code
   * token} now, skipping any that is one of the route's pools (a V2 pair is locked while it lends);
   * ties go to the earlier one in the list. Empty if none can.
   */
  public static Optional<Offer> cheapest(
      ChainClient chain,
      String token,
      BigInteger amount,
      List<Map.Entry<LoanSource, String>> lenders,
      List<String> routePools) {
    List<Offer> offers = new ArrayList<>();
    for (Map.Entry<LoanSource, String> l : lenders) {
      if (routePools.stream().anyMatch(p -> p.equalsIgnoreCase(l.getValue()))) {
        continue;
      }
      offer(chain, l.getKey(), l.getValue(), token, amount).ifPresent(offers::add);
    }
    return offers.stream().min(Comparator.comparing(Offer::premium));
  }

  private static Optional<Offer> aaveOffer(
      ChainClient chain, String pool, String token, BigInteger amount) {
    String data = chain.view(pool, Abi.call("getReserveData", Abi.address(token)));
    BigInteger configuration = Numeric.toBigInt(word(data, 0));
    boolean active = configuration.testBit(56);
    boolean paused = configuration.testBit(60);
    boolean flashLoans = configuration.testBit(63);
    // ReserveData: configuration, five uint128 rates and indexes, timestamp, id, then aTokenAddress
    String aToken = "0x" + word(data, 8).substring(24);
    if (!active
        || paused
        || !flashLoans
        || Erc20.balanceOf(chain, token, aToken).compareTo(amount) < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Offer(LoanSource.AAVE_V3, pool, aavePremium(amount, aavePremiumBps(chain, pool))));
  }

  private static String word(String data, int index) {
    String hex = Numeric.cleanHexPrefix(data);
    if (hex.length() < 64 * (index + 1)) {
      throw new ChainException(
          "flash-loan fees: a lender answered " + hex.length() / 2 + " bytes, too short");
    }
    return hex.substring(64 * index, 64 * (index + 1));
  }
}
