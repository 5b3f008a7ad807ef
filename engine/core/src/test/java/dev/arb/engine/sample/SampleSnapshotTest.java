package dev.arb.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.arb.engine.Fixtures;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.TobCsvReader;
import java.math.BigDecimal;
import java.math.BigInteger;
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
  void sampleWithPoolsIsTheSameBooksPlusTwelveRecordedMainnetPairs() {
    MarketSnapshot s = SampleSnapshot.loadWithPools();

    assertThat(s.problems()).isEmpty();
    assertThat(s.source()).isEqualTo(SampleSnapshot.WITH_POOLS_SOURCE);
    assertThat(s.books()).isEqualTo(SampleSnapshot.load().books());
    ChainSnapshot eth = s.chain("ethereum").orElseThrow();
    assertThat(eth.chainId()).isEqualTo(1);
    assertThat(eth.block()).isEmpty();
    assertThat(eth.tokens())
        .extracting(Token::symbol, Token::decimals)
        .containsExactlyInAnyOrder(
            tuple("USDC", 6), tuple("USDT", 6), tuple("DAI", 18), tuple("WETH", 18));
    assertThat(eth.pools()).hasSize(12);
    assertThat(eth.pools().stream().map(p -> p.dex()).distinct())
        .containsExactly("uniswap-v2", "sushiswap");
    // the Uniswap V2 USDC/WETH pair as recorded (27.7 M USDC, 15,095 WETH: 1,834.7 USDC/WETH)
    ConstantProductPool usdcWeth =
        (ConstantProductPool)
            eth.pools().stream()
                .filter(p -> p.address().equals("0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc"))
                .findFirst()
                .orElseThrow();
    assertThat(usdcWeth.reserve0()).isEqualTo(new BigInteger("27694997751962"));
    assertThat(usdcWeth.reserve1()).isEqualTo(new BigInteger("15095236759534269396174"));
    assertThat(
            SampleSnapshot.class.getResource(
                "/dev/arb/engine/sample/LICENSE.uniswap-v2-v3-arbitrage"))
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
