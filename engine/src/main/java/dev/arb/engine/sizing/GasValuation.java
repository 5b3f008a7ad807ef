package dev.arb.engine.sizing;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
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
 * an exchange is valued through the token its start asset is joined to by same-as. Gas is a fixed
 * cost per cycle, so it does not move the optimal size: it decides whether the best profit beats
 * it.
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

  /** The gas of {@code cycle}'s pool legs, valued in its start asset. */
  public Quote quote(Cycle cycle) {
    Map<String, Long> swapUnits = new LinkedHashMap<>();
    for (Leg leg : cycle.legs()) {
      if (leg.isPool()) {
        swapUnits.merge(leg.exchange(), model.swapGas(leg.pool().kind()), Long::sum);
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
      Optional<Asset> in = startToken(chainName, first);
      if (in.isEmpty()) {
        return new Quote.NotValued(
            "cannot value "
                + chainName
                + " gas in "
                + first.from()
                + " on "
                + first.exchange()
                + ": no same-as join to a "
                + chainName
                + " token");
      }
      OptionalDouble price = TokenValues.value(chain, nativeToken.get().asset(), in.get());
      if (price.isEmpty()) {
        return new Quote.NotValued(
            "cannot value gas in "
                + chain.token(in.get().code()).map(Token::symbol).orElse(in.get().code())
                + ": no pool between it and "
                + nativeToken.get().symbol()
                + " on "
                + chainName);
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

  /** The token on {@code chain} the cycle's start asset is, or is joined to by same-as. */
  private Optional<Asset> startToken(String chain, Leg first) {
    if (first.exchange().equals(chain)) {
      return Optional.of(first.from());
    }
    for (SameAs j : sameAs) {
      if (j.chain().equals(chain) && j.asset().equals(first.from())) {
        return Optional.of(j.token());
      }
    }
    return Optional.empty();
  }
}
