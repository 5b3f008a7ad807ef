package dev.arb.xchange.spi;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/** An exchange's call for the account's own taker fees (its volume tier). */
public interface AccountFees {

  /** The call, for messages ({@code POST /0/private/TradeVolume}). */
  String endpoint();

  /**
   * Taker fees as fractions by {@link VenueMarket#feeKey()} ({@code btcusd → 0.0016}).
   *
   * @throws IOException when the call fails or the answer is not the documented one
   */
  Map<String, BigDecimal> takerFees() throws IOException;
}
