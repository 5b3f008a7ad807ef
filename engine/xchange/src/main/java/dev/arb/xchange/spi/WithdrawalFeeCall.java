package dev.arb.xchange.spi;

import dev.arb.engine.model.Transfer;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * An exchange's call for its withdrawal fees.
 *
 * @param endpoint the call, for messages ({@code POST /api/v2/fees/withdrawal/})
 * @param call makes it
 */
public record WithdrawalFeeCall(String endpoint, Call call) {
  public WithdrawalFeeCall {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(call, "call");
  }

  /** The call itself. */
  @FunctionalInterface
  public interface Call {
    /**
     * Withdrawal costs by arb's asset code ({@code BTC}): fixed fee, minimum, network.
     *
     * @throws IOException when the call fails or the answer is not the documented one
     */
    Map<String, Transfer> fees() throws IOException;
  }
}
