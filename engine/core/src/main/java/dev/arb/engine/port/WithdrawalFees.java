package dev.arb.engine.port;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Transfer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An exchange's withdrawal fees as the exchange itself reports them (where it offers a call for
 * them), for {@code --transfers=fees} when {@code arb.transfers} says nothing of an asset.
 *
 * @param exchange the exchange withdrawn from
 * @param endpoint the call they were read from ({@code POST /api/v2/fees/withdrawal/}), for the
 *     notes
 * @param fees by asset: fixed fee, minimum and network of the exchange's default network (time to
 *     arrive zero when the exchange does not say)
 * @param problem why they could not be read; empty when read or when the exchange has no such call
 */
public record WithdrawalFees(
    String exchange, String endpoint, Map<Asset, Transfer> fees, Optional<String> problem) {
  public WithdrawalFees {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(endpoint, "endpoint");
    fees = Map.copyOf(fees);
    Objects.requireNonNull(problem, "problem");
  }
}
