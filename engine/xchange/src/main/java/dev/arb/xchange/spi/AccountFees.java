package dev.arb.xchange.spi;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * An exchange's call for the account's own taker fees (its volume tier).
 *
 * @param endpoint the call, for messages ({@code POST /0/private/TradeVolume})
 * @param call makes it
 */
public record AccountFees(String endpoint, Call call) {
  public AccountFees {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(call, "call");
  }

  /**
   * The key of a fee that applies to every market without one of its own (Binance and Coinbase
   * report one rate per account).
   */
  public static final String ALL_MARKETS = "*";

  /** The call itself. */
  @FunctionalInterface
  public interface Call {
    /**
     * Taker fees as fractions by {@link VenueMarket#feeKey()} ({@code btcusd → 0.0016}), or under
     * {@link #ALL_MARKETS} for every market.
     *
     * @throws IOException when the call fails or the answer is not the documented one
     */
    Map<String, BigDecimal> takerFees() throws IOException;
  }

  /** Makes the call. */
  public Map<String, BigDecimal> takerFees() throws IOException {
    return call.takerFees();
  }
}
