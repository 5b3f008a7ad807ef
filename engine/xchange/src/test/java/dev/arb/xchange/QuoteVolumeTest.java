package dev.arb.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.Ticker;

class QuoteVolumeTest {
  private static Ticker.Builder ticker() {
    return new Ticker.Builder().instrument(CurrencyPair.ETH_BTC);
  }

  @Test
  void quoteVolumeFromTheTickerWins() {
    Ticker t =
        ticker()
            .quoteVolume(new BigDecimal("15.3"))
            .volume(new BigDecimal("100"))
            .last(new BigDecimal("2"))
            .build();
    assertThat(MarketCatalog.quoteVolume(t)).contains(new BigDecimal("15.3"));
  }

  @Test
  void withoutQuoteVolumeItIsBaseVolumeTimesLastElseVwap() {
    Ticker withLast =
        ticker()
            .volume(new BigDecimal("10"))
            .vwap(new BigDecimal("0.07"))
            .last(new BigDecimal("0.09"))
            .build();
    assertThat(MarketCatalog.quoteVolume(withLast).orElseThrow()).isEqualByComparingTo("0.9");
    Ticker vwapOnly = ticker().volume(new BigDecimal("10")).vwap(new BigDecimal("0.07")).build();
    assertThat(MarketCatalog.quoteVolume(vwapOnly).orElseThrow()).isEqualByComparingTo("0.7");
  }

  @Test
  void noVolumeOrNoPriceIsUnknown() {
    assertThat(MarketCatalog.quoteVolume(ticker().last(BigDecimal.ONE).build())).isEmpty();
    assertThat(MarketCatalog.quoteVolume(ticker().vwap(BigDecimal.ONE).build())).isEmpty();
    assertThat(MarketCatalog.quoteVolume(ticker().volume(BigDecimal.TEN).build())).isEmpty();
  }
}
