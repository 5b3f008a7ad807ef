package dev.arb.xchange;

import dev.arb.engine.model.Market;
import java.util.Objects;

/**
 * A market as loaded from an exchange's metadata: arb's {@link Market} (fee before any config
 * override) and the exchange's own codes for its two assets, as XChange names them.
 *
 * @param market the market, with the venue's fee
 * @param venueBase XChange's code of the base asset (such as {@code BTC} for Kraken's XBT)
 * @param venueQuote XChange's code of the quote asset
 * @param feeFromVenue true when the fee came from the exchange's metadata, false for arb's default
 *     of the lowest public tier
 */
record VenueMarket(Market market, String venueBase, String venueQuote, boolean feeFromVenue) {
  VenueMarket {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(venueBase, "venueBase");
    Objects.requireNonNull(venueQuote, "venueQuote");
  }
}
