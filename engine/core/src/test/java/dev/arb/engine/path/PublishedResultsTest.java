package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.Fixtures;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.RateTableReader;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.TobCsvReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimizer reproduces published results on the published data:
 *
 * <ul>
 *   <li>Sedgewick &amp; Wayne, <i>Algorithms</i> 4th ed. §4.4, {@code Arbitrage.java} on {@code
 *       rates.txt} (algs4-rates/expected-output.txt);
 *   <li>MO-book (Postek, Zocca, Gromicho, Kantor, <i>Hands-On Mathematical Optimization with
 *       Python</i>, MIT), notebook 4.5 on the Binance.US snapshot (PUBLISHED-expected-results.json)
 *       and notebook 4.7 on the Bloomberg forex table (forex-expected-results.txt).
 * </ul>
 */
class PublishedResultsTest {

  private static MarketSnapshot mobook() {
    MarketSnapshot s =
        TobCsvReader.read(
            Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
            ReadOptions.defaults().withExchangeName("binanceus"));
    assertThat(s.problems()).isEmpty();
    return s;
  }

  private static List<String> assets(Cycle c) {
    List<String> out = new ArrayList<>();
    for (Asset a : c.assets()) {
      out.add(a.code());
    }
    return out;
  }

  @Test
  void findsSedgewickArbitrageCycle() {
    MarketSnapshot s =
        RateTableReader.read(
            Fixtures.path("algs4-rates/rates.txt"), InputFormat.RATES, ReadOptions.defaults());
    PathSearchResult r =
        PathOptimizer.search(
            s, PathQuery.defaults().withMaxLength(5).withStart(List.of(Asset.of("USD"))));

    assertThat(r.negativeCycleExists()).isTrue();
    Cycle best = r.best().orElseThrow();
    assertThat(assets(best)).containsExactly("USD", "EUR", "CAD", "USD");
    // 1000 USD -> 741 EUR -> 1012.206 CAD -> 1007.14497 USD
    assertThat(1000 * best.topOfBookReturn()).isCloseTo(1007.14497, within(1e-9));
    assertThat(best.returnBp()).isCloseTo(71.4497, within(1e-9));
    BigDecimal exact = BigDecimal.valueOf(1000);
    for (var leg : best.legs()) {
      exact =
          exact.multiply(
              s.books().stream()
                  .filter(b -> b.market().equals(leg.market()))
                  .findFirst()
                  .orElseThrow()
                  .bids()
                  .get(0)
                  .price());
    }
    assertThat(exact).isEqualByComparingTo("1007.144970");
  }

  @Test
  void mobookSnapshotHasTheBookGraphAndANegativeCycle() {
    PathGraph g = PathGraph.of(mobook());
    assertThat(g.nodeCount()).isEqualTo(13);
    assertThat(g.edgeCount()).isEqualTo(90);
    assertThat(PathOptimizer.hasNegativeCycle(g)).isTrue();
    Cycle found = PathOptimizer.findNegativeCycle(g).orElseThrow();
    assertThat(found.topOfBookReturn()).isGreaterThan(1.0);
  }

  @Test
  void reproducesMobookTopFiveSimpleCycles() throws IOException {
    JsonNode published =
        new ObjectMapper()
            .readTree(Files.readString(Fixtures.path("mobook/PUBLISHED-expected-results.json")))
            .path("results")
            .path("top5_simple_cycles_bp");
    PathSearchResult r =
        PathOptimizer.search(
            mobook(),
            PathQuery.defaults().withMaxLength(8).withTopK(5).withStart(List.of(Asset.of("USDT"))));

    assertThat(r.cycles()).hasSize(5);
    for (int i = 0; i < 5; i++) {
      JsonNode p = published.get(i);
      List<String> expected = new ArrayList<>();
      p.path("cycle").forEach(n -> expected.add(n.asText()));
      assertThat(assets(r.cycles().get(i))).as("cycle %d", i).isEqualTo(expected);
      assertThat(round3(r.cycles().get(i).returnBp())).isEqualTo(p.path("bp").asText());
    }
  }

  @Test
  void bestMobookCycleNeedsLengthSeven() {
    PathQuery q = PathQuery.defaults().withTopK(1).withStart(List.of(Asset.of("USDT")));
    Cycle atSix = PathOptimizer.search(mobook(), q.withMaxLength(6)).best().orElseThrow();
    Cycle atSeven = PathOptimizer.search(mobook(), q.withMaxLength(7)).best().orElseThrow();
    assertThat(round3(atSeven.returnBp())).isEqualTo("14.774");
    assertThat(atSeven.legs()).hasSize(7);
    assertThat(atSix.returnBp()).isLessThan(14.7);
  }

  @Test
  void countsMobookProfitableSimpleCycles() {
    // Published: 974 simple cycles with positive return, of any length (all have 9 legs or fewer).
    PathSearchResult r =
        PathOptimizer.search(mobook(), PathQuery.defaults().withMaxLength(13).withTopK(5000));
    assertThat(r.cycles()).hasSize(974);
    assertThat(r.cycles()).allSatisfy(c -> assertThat(c.topOfBookReturn()).isGreaterThan(1.0));
    assertThat(r.cycles()).allSatisfy(c -> assertThat(c.legs()).hasSizeLessThanOrEqualTo(9));
  }

  @Test
  void prunedSearchKeepsEveryProfitableCycleOfTheExhaustiveOne() {
    for (int maxLength = 2; maxLength <= 9; maxLength++) {
      PathQuery q = PathQuery.defaults().withMaxLength(maxLength).withTopK(1_000_000);
      List<Cycle> pruned = PathOptimizer.search(mobook(), q).cycles();
      List<Cycle> all =
          PathOptimizer.search(mobook(), q.withoutMinProfit().withPruning(false)).cycles();
      List<Cycle> positive = new ArrayList<>();
      for (Cycle c : all) {
        if (c.topOfBookReturn() > 1 + 1e-12) {
          positive.add(c);
        }
      }
      assertThat(pruned).as("L=%d", maxLength).isEqualTo(positive);
    }
  }

  @Test
  void countsAllMobookSimpleCyclesWithoutPruning() {
    PathQuery all =
        PathQuery.defaults().withMaxLength(13).withTopK(5).withoutMinProfit().withPruning(false);
    PathSearchResult r = PathOptimizer.search(mobook(), all);
    assertThat(r.cyclesExamined()).isEqualTo(203_147);
    assertThat(round3(r.cycles().get(0).returnBp())).isEqualTo("14.774");
  }

  @Test
  void reproducesMobookForexResult() {
    MarketSnapshot s =
        RateTableReader.read(
            Fixtures.path("mobook/forex-bloomberg-2022-03-17.tsv"),
            InputFormat.FOREX_TSV,
            ReadOptions.defaults());
    assertThat(s.problems()).isEmpty();
    PathSearchResult r =
        PathOptimizer.search(
            s, PathQuery.defaults().withMaxLength(3).withStart(List.of(Asset.of("USD"))));
    Cycle best = r.best().orElseThrow();
    assertThat(assets(best)).containsExactly("USD", "JPY", "CAD", "USD");
    // 100 USD -> 11861 JPY -> 126.91270 CAD -> 100.45140 USD
    assertThat(100 * best.topOfBookReturn()).isCloseTo(100.4514, within(5e-5));
    BigDecimal exact =
        new BigDecimal("100")
            .multiply(new BigDecimal("118.6100"))
            .multiply(new BigDecimal("0.0107"))
            .multiply(new BigDecimal("0.7915"));
    assertThat(exact.round(new MathContext(7))).isEqualByComparingTo("100.4514");
  }

  private static String round3(double bp) {
    return new BigDecimal(bp).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
