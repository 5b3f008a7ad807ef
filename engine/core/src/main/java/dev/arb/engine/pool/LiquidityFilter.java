package dev.arb.engine.pool;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The liquidity filter: keeps a pool only when each of its two reserves is worth at least {@code
 * AMOUNT} of {@code TOKEN}. A token's value in TOKEN is its marginal price in its pool with TOKEN
 * that holds the most TOKEN ({@link TokenValues}); TOKEN is worth 1; a pool with a token that has
 * no pool with TOKEN is left out. TOKEN is found on each chain by symbol when that symbol is unique
 * there, else it must be given by address. Books are not touched.
 */
public final class LiquidityFilter {
  private LiquidityFilter() {}

  /**
   * What the filter did.
   *
   * @param snapshot the snapshot with only the kept pools
   * @param kept pools kept, over all chains
   * @param leftOut pools left out
   * @param notes one line per chain saying how many were kept and left out
   */
  public record Result(MarketSnapshot snapshot, int kept, int leftOut, List<String> notes) {
    public Result {
      Objects.requireNonNull(snapshot, "snapshot");
      notes = List.copyOf(notes);
    }
  }

  /**
   * Applies the floor to every chain of the snapshot.
   *
   * @throws ConfigException if the token's symbol names more than one token on a chain
   */
  public static Result apply(MarketSnapshot snapshot, MinLiquidity min) {
    List<ChainSnapshot> chains = new ArrayList<>(snapshot.chains().size());
    List<String> notes = new ArrayList<>();
    int kept = 0;
    int leftOut = 0;
    double amount = min.amount().doubleValue();
    for (ChainSnapshot c : snapshot.chains()) {
      List<Token> found = c.find(min.token());
      if (found.size() > 1) {
        StringBuilder sb = new StringBuilder();
        for (Token t : found) {
          sb.append(sb.length() == 0 ? "" : ", ").append(t.checksumAddress());
        }
        throw new ConfigException(
            "min-liquidity: "
                + min.token()
                + " names "
                + found.size()
                + " tokens on "
                + c.name()
                + "; give the address of the one you mean: "
                + sb);
      }
      List<Pool> keep = new ArrayList<>();
      if (!found.isEmpty()) {
        Map<Asset, Double> value = TokenValues.valuesIn(c, found.get(0).asset());
        for (Pool p : c.pools()) {
          Double v0 = value.get(p.base());
          Double v1 = value.get(p.quote());
          if (v0 != null
              && v1 != null
              && p.amount0() * v0 >= amount
              && p.amount1() * v1 >= amount) {
            keep.add(p);
          }
        }
      }
      int out = c.pools().size() - keep.size();
      kept += keep.size();
      leftOut += out;
      String ref = found.isEmpty() ? min.token() : found.get(0).symbol();
      notes.add(
          c.name()
              + ": min-liquidity "
              + ref
              + "="
              + min.amount().toPlainString()
              + ": kept "
              + keep.size()
              + " pools, left out "
              + out
              + (found.isEmpty()
                  ? " (no token " + min.token() + " on " + c.name() + ")"
                  : " (a reserve worth less, or a token without a pool with " + ref + ")"));
      chains.add(c.withPools(keep));
    }
    return new Result(snapshot.withChains(chains), kept, leftOut, notes);
  }
}
