package dev.arb.xchange.spi;

import dev.arb.engine.model.Market;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchange.currency.CurrencyPair;

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
public record VenueMarket(
    Market market, String venueBase, String venueQuote, boolean feeFromVenue) {
  public VenueMarket {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(venueBase, "venueBase");
    Objects.requireNonNull(venueQuote, "venueQuote");
  }

  /** XChange's pair of the market. */
  public CurrencyPair pair() {
    return new CurrencyPair(venueBase, venueQuote);
  }

  /** {@code btcusd}: the market's key in the exchanges' fee lists. */
  public String feeKey() {
    return feeKey(venueBase, venueQuote);
  }

  /** {@code btcusd} for XChange's codes {@code BTC} and {@code USD}. */
  public static String feeKey(String venueBase, String venueQuote) {
    return (venueBase + venueQuote).toLowerCase(Locale.ROOT);
  }

  /** The same market with another taker fee. */
  public VenueMarket withFee(BigDecimal fee, boolean fromVenue) {
    return new VenueMarket(market.withTakerFee(fee), venueBase, venueQuote, fromVenue);
  }
}
