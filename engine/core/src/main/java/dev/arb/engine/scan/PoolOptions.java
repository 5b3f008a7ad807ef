package dev.arb.engine.scan;

import dev.arb.engine.model.SameAs;
import dev.arb.engine.pool.MinLiquidity;
import dev.arb.engine.sizing.GasModel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a scan treats the snapshot's pools.
 *
 * @param sameAs chain tokens joined to exchange assets ({@code arb.chains.<name>.same-as})
 * @param gas gas units and price; without a price, profits are before gas ({@code --gas-price})
 * @param minLiquidity the liquidity floor, if any ({@code --min-liquidity TOKEN=AMOUNT})
 */
public record PoolOptions(List<SameAs> sameAs, GasModel gas, Optional<MinLiquidity> minLiquidity) {
  public PoolOptions {
    sameAs = List.copyOf(Objects.requireNonNull(sameAs, "sameAs"));
    Objects.requireNonNull(gas, "gas");
    Objects.requireNonNull(minLiquidity, "minLiquidity");
  }

  /** No joins, default gas units without a price, no liquidity floor. */
  public static PoolOptions defaults() {
    return new PoolOptions(List.of(), GasModel.defaults(), Optional.empty());
  }

  public PoolOptions withSameAs(List<SameAs> joins) {
    return new PoolOptions(joins, gas, minLiquidity);
  }

  public PoolOptions withGas(GasModel model) {
    return new PoolOptions(sameAs, model, minLiquidity);
  }

  public PoolOptions withMinLiquidity(MinLiquidity min) {
    return new PoolOptions(sameAs, gas, Optional.of(min));
  }
}
