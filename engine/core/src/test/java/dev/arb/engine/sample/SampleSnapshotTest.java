package dev.arb.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.Fixtures;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.TobCsvReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled sample is exactly the MO-book Binance.US CSV (MIT), exchange binanceus, fee 0. */
class SampleSnapshotTest {
  @Test
  void sampleIsTheMobookSnapshotAtZeroFees() {
    MarketSnapshot sample = SampleSnapshot.load();
    MarketSnapshot csv =
        TobCsvReader.read(
            Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
            ReadOptions.withFee(BigDecimal.ZERO).withExchangeName("binanceus"));

    assertThat(sample.problems()).isEmpty();
    assertThat(sample.books()).hasSize(45).isEqualTo(csv.books());
    assertThat(sample.source()).isEqualTo(SampleSnapshot.SOURCE);
    assertThat(sample.newestObservation()).contains(Instant.parse("2023-03-02T15:36:09.270Z"));
    assertThat(SampleSnapshot.class.getResource("/dev/arb/engine/sample/LICENSE.MO-book"))
        .isNotNull();
  }

  @Test
  void sampleShowsRealOpportunitiesWithDefaultSettings() {
    PathSearchResult r = PathOptimizer.search(SampleSnapshot.load(), PathQuery.defaults());
    assertThat(r.negativeCycleExists()).isTrue();
    assertThat(r.cycles()).hasSize(10);
    // Best within 5 legs: USDT -> ADA -> BTC -> USD -> USDC -> USDT, 13.697 bp (MO-book data).
    assertThat(r.cycles().get(0).returnBp()).isBetween(13.69, 13.70);
    PathSearchResult seven =
        PathOptimizer.search(
            SampleSnapshot.load(),
            PathQuery.defaults().withMaxLength(7).withStart(List.of(Asset.of("USDT"))));
    assertThat(seven.cycles().get(0).returnBp()).isBetween(14.7735, 14.7745);
  }
}
