package dev.arb.engine.sizing;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Token;
import dev.arb.engine.pool.TokenValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Values the gas of a cycle's pool legs in its start asset, through the snapshot's own prices of
 * each chain's native token: {@code units · gas price} native tokens (one transaction per chain the
 * cycle swaps on), times the native token's value in the start token ({@link TokenValues}: its
 * marginal price in the pool joining them that holds the most start token). A cycle that starts on
 * an exchange is valued through the token its start asset is joined to by same-as, or through that
 * exchange's book between the native token's same-as asset and the start asset (WETH = ETH, ETH/USD
 * at its mid price). Gas is a fixed cost per cycle, so it does not move the optimal size: it
 * decides whether the best profit beats it.
 */
public final class GasValuation {
  /** Decimal places of gas values (rounded up). */
  private static final int SCALE = 18;

  private static final BigDecimal GWEI = new BigDecimal("1E-9");

  private final GasModel model;
  private final MarketSnapshot snapshot;
  private final List<SameAs> sameAs;

  /** Valuation of {@code model}'s gas on {@code snapshot}'s pools, with these same-as joins. */
  public GasValuation(GasModel model, MarketSnapshot snapshot, List<SameAs> sameAs) {
    this.model = Objects.requireNonNull(model, "model");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.sameAs = List.copyOf(sameAs);
  }

  /** The gas model. */
  public GasModel model() {
    return model;
  }

  /** What the gas of a cycle comes to. */
  public sealed interface Quote permits Quote.None, Quote.Priced, Quote.NotValued {
    /** No gas to count: no pool legs, or no gas price (profits before gas). */
    record None(String why) implements Quote {}

    /** The gas, valued in the start asset. */
    record Priced(GasCost cost) implements Quote {}

    /** A gas price is set but the gas cannot be valued in the start asset. */
    record NotValued(String reason) implements Quote {}
  }

  /**
   * The gas of {@code cycle}'s pool legs, valued in its start asset, without ticks crossed (the gas
   * of any size of the cycle that crosses none).
   */
  public Quote quote(Cycle cycle) {
    return quote(cycle, null);
  }

  /**
   * The gas of {@code plan}'s swaps: each pool leg's swap gas plus, for a concentrated-liquidity
   * swap, the gas of every initialized tick its exact swap crosses.
   */
  public Quote quote(TradePlan plan) {
    return quote(plan.cycle(), plan);
  }

  private Quote quote(Cycle cycle, TradePlan plan) {
    Map<String, Long> swapUnits = new LinkedHashMap<>();
    for (Leg leg : cycle.legs()) {
      if (leg.isPool()) {
        swapUnits.merge(leg.exchange(), model.swapGas(leg.pool().kind()), Long::sum);
      }
    }
    if (plan != null) {
      for (PoolSwap s : plan.swaps()) {
        long ticks = s.pool().ticksCrossed(s.amountIn(), s.zeroForOne());
        if (ticks > 0) {
          swapUnits.merge(s.pool().chain(), ticks * model.tickGas(), Long::sum);
        }
      }
    }
    if (swapUnits.isEmpty()) {
      return new Quote.None("no pool legs");
    }
    Leg first = cycle.legs().get(0);
    List<GasCost.Part> parts = new ArrayList<>();
    long units = 0;
    BigDecimal value = BigDecimal.ZERO;
    for (Map.Entry<String, Long> e : swapUnits.entrySet()) {
      String chainName = e.getKey();
      Optional<BigDecimal> gwei = model.gasPrice(chainName);
      if (gwei.isEmpty()) {
        return new Quote.None("no gas price for " + chainName);
      }
      ChainSnapshot chain = snapshot.chain(chainName).orElse(null);
      if (chain == null) {
        return new Quote.NotValued(chainName + " is not in the snapshot");
      }
      Optional<Token> nativeToken = chain.nativeToken().flatMap(chain::token);
      if (nativeToken.isEmpty()) {
        return new Quote.NotValued(
            chainName
                + (chain.nativeToken().isEmpty()
                    ? " has no native_token"
                    : "'s native_token is not among its tokens")
                + ": cannot value gas");
      }
      OptionalDouble price = nativeValue(chain, nativeToken.get(), first);
      if (price.isEmpty()) {
        return new Quote.NotValued(
            "cannot value "
                + chainName
                + " gas ("
                + nativeToken.get().symbol()
                + ") in "
                + startName(chain, first)
                + ": no pool between them, and no same-as join with a book to price it");
      }
      long chainUnits = e.getValue() + model.transactionGas();
      BigDecimal nativeAmount = BigDecimal.valueOf(chainUnits).multiply(gwei.get()).multiply(GWEI);
      BigDecimal p = new BigDecimal(price.getAsDouble());
      BigDecimal v = nativeAmount.multiply(p).setScale(SCALE, RoundingMode.UP);
      parts.add(
          new GasCost.Part(
              chainName,
              chainUnits,
              gwei.get(),
              nativeToken.get(),
              nativeAmount,
              p.round(new java.math.MathContext(17)),
              v));
      units += chainUnits;
      value = value.add(v);
    }
    return new Quote.Priced(new GasCost(units, value, first.from(), parts));
  }

  /**
   * One native token in the cycle's start asset: on the chain, through the deepest pool joining it
   * to the start token; from an exchange, through the token the start asset is joined to by
   * same-as, or else through that exchange's book between the asset the native token is joined to
   * (WETH = ETH) and the start asset, at its mid price.
   */
  private OptionalDouble nativeValue(ChainSnapshot chain, Token nativeToken, Leg first) {
    if (first.exchange().equals(chain.name())) {
      return TokenValues.value(chain, nativeToken.asset(), first.from());
    }
    for (SameAs j : sameAs) {
      if (j.chain().equals(chain.name()) && j.asset().equals(first.from())) {
        OptionalDouble v = TokenValues.value(chain, nativeToken.asset(), j.token());
        if (v.isPresent()) {
          return v;
        }
      }
    }
    for (SameAs j : sameAs) {
      if (!j.chain().equals(chain.name()) || !j.token().equals(nativeToken.asset())) {
        continue;
      }
      if (j.asset().equals(first.from())) {
        return OptionalDouble.of(1.0);
      }
      for (OrderBook b : snapshot.books()) {
        Market m = b.market();
        if (!m.exchange().equals(first.exchange())) {
          continue;
        }
        OptionalDouble mid = mid(b);
        if (mid.isEmpty()) {
          continue;
        }
        if (m.base().equals(j.asset()) && m.quote().equals(first.from())) {
          return mid;
        }
        if (m.quote().equals(j.asset()) && m.base().equals(first.from())) {
          return OptionalDouble.of(1.0 / mid.getAsDouble());
        }
      }
    }
    return OptionalDouble.empty();
  }

  private static OptionalDouble mid(OrderBook b) {
    if (b.bids().isEmpty() && b.asks().isEmpty()) {
      return OptionalDouble.empty();
    }
    if (b.bids().isEmpty() || b.asks().isEmpty()) {
      return OptionalDouble.of(
          (b.bids().isEmpty() ? b.asks() : b.bids()).get(0).price().doubleValue());
    }
    return OptionalDouble.of(
        (b.bids().get(0).price().doubleValue() + b.asks().get(0).price().doubleValue()) / 2);
  }

  private static String startName(ChainSnapshot chain, Leg first) {
    if (first.exchange().equals(chain.name())) {
      return chain.token(first.from().code()).map(Token::symbol).orElse(first.from().code());
    }
    return first.from() + " on " + first.exchange();
  }
}
