package dev.arb.xchange.spi;

import dev.arb.engine.model.Market;
import dev.arb.engine.source.AssetAliases;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.meta.ExchangeMetaData;
import org.knowm.xchange.dto.meta.InstrumentMetaData;
import org.knowm.xchange.instrument.Instrument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Markets from XChange's metadata, the way every exchange package reads them. */
public final class XChangeMarkets {
  private static final Logger LOG = LoggerFactory.getLogger(XChangeMarkets.class);

  private XChangeMarkets() {}

  /**
   * The currency pairs of XChange's metadata as arb's markets: lot and tick from the step sizes
   * (else the scales), minimums from the minimum amounts; a market arb cannot read is left out.
   *
   * @param name the exchange's name in arb's config
   * @param feeInMetadata whether XChange's metadata fee is the exchange's own, as a fraction (else
   *     {@code defaultFee} is used: some XChange modules put a constant percentage there)
   * @param defaultFee taker fee of the lowest public tier
   */
  public static List<VenueMarket> fromMetadata(
      String name, ExchangeMetaData meta, boolean feeInMetadata, BigDecimal defaultFee) {
    List<VenueMarket> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (meta == null || meta.getInstruments() == null) {
      return out;
    }
    for (Map.Entry<Instrument, InstrumentMetaData> e : meta.getInstruments().entrySet()) {
      if (!(e.getKey() instanceof CurrencyPair cp)) {
        continue;
      }
      InstrumentMetaData im = e.getValue();
      String vb = cp.getBase().getCurrencyCode();
      String vq = cp.getCounter().getCurrencyCode();
      BigDecimal fee = im == null ? null : im.getTradingFee();
      boolean fromVenue =
          feeInMetadata && fee != null && fee.signum() >= 0 && fee.compareTo(BigDecimal.ONE) < 0;
      try {
        Market m =
            new Market(
                name,
                AssetAliases.asset(vb),
                AssetAliases.asset(vq),
                fromVenue ? fee : defaultFee,
                step(
                    im == null ? null : im.getAmountStepSize(),
                    im == null ? null : im.getVolumeScale()),
                step(
                    im == null ? null : im.getPriceStepSize(),
                    im == null ? null : im.getPriceScale()),
                orZero(im == null ? null : im.getMinimumAmount()),
                orZero(im == null ? null : im.getCounterMinimumAmount()));
        if (seen.add(m.id())) {
          out.add(new VenueMarket(m, vb, vq, fromVenue));
        }
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: market {} left out: {}", name, cp, x.getMessage());
      }
    }
    return sorted(out);
  }

  /**
   * Loads XChange's metadata of the exchange from the exchange itself ({@code remoteInit}) and
   * reads its markets (see {@link #fromMetadata}).
   */
  public static List<VenueMarket> remote(
      Exchange exchange, String name, boolean feeInMetadata, BigDecimal defaultFee)
      throws IOException {
    exchange.remoteInit();
    return fromMetadata(name, exchange.getExchangeMetaData(), feeInMetadata, defaultFee);
  }

  /** {@code markets} sorted by market id. */
  public static List<VenueMarket> sorted(List<VenueMarket> markets) {
    List<VenueMarket> out = new ArrayList<>(markets);
    out.sort(Comparator.comparing(v -> v.market().id()));
    return out;
  }

  /** A step size: {@code step} when positive, else {@code 10^-scale}, else 0 (unknown). */
  public static BigDecimal step(BigDecimal step, Integer scale) {
    if (step != null && step.signum() > 0) {
      return step;
    }
    if (scale != null && scale >= 0 && scale <= 30) {
      return BigDecimal.ONE.movePointLeft(scale);
    }
    return BigDecimal.ZERO;
  }

  /** A minimum: 0 when absent or negative. */
  public static BigDecimal orZero(BigDecimal v) {
    return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
  }
}
