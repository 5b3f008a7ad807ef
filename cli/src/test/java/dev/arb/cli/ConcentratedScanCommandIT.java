package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.source.SnapshotJson;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb scan --input} on a version-2 file with a Uniswap V3 pool beside a Uniswap V2 pair: the
 * cycle through both is reported, sized, and its V3 leg pays what the pool's integer swap pays, to
 * the smallest unit.
 */
class ConcentratedScanCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "data/v2-and-v3-pools.json";

  @TempDir Path dataDir;

  @Test
  void reportsTheCycleThroughTheV3PoolSizedToTheWei() throws Exception {
    Path file = Path.of(ConcentratedScanCommandIT.class.getResource(FILE).toURI());
    List<String> args =
        new ArrayList<>(
            List.of(
                "--data-dir",
                dataDir.toString(),
                "scan",
                "--input",
                file.toString(),
                "--max-length",
                "2",
                "--no-record",
                "--json"));
    CliRun r = CliRun.run(Map.of("HOME", dataDir.toString()), args.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode o = JSON.readTree(r.out()).get("opportunities").get(0);
    assertThat(o.get("status").asText()).isEqualTo("sized");
    MarketSnapshot s;
    try (InputStream in = ConcentratedScanCommandIT.class.getResourceAsStream(FILE)) {
      s = SnapshotJson.read(in, FILE);
    }
    ConcentratedPool v3 =
        (ConcentratedPool)
            s.pools().stream().filter(p -> p.dex().equals("uniswap-v3")).findFirst().get();
    JsonNode leg = null;
    for (JsonNode l : o.get("legs")) {
      if (l.get("market").asText().equals(v3.id())) {
        leg = l;
      }
    }
    assertThat(leg).as(r.out()).isNotNull();
    // WETH in (token1, a BUY leg of the pool), USDC out
    assertThat(leg.get("side").asText()).isEqualTo("buy");
    BigInteger in = v3.token1().units(new BigDecimal(leg.get("spent").asText()));
    BigInteger out = v3.token0().units(new BigDecimal(leg.get("received").asText()));
    assertThat(v3.amountOut(in, false)).isEqualTo(out);
    assertThat(v3.ticksCrossed(in, false)).isPositive();
    BigDecimal start = new BigDecimal(o.get("start_amount").asText());
    BigDecimal end = new BigDecimal(o.get("end_amount").asText());
    assertThat(new BigDecimal(o.get("profit").asText())).isEqualByComparingTo(end.subtract(start));
    assertThat(s.pools()).extracting(Pool::dex).contains("uniswap-v2", "uniswap-v3");
  }
}
