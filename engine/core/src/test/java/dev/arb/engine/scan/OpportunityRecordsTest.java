package dev.arb.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.json.Json;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.sizing.RejectReason;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stored path and solution documents keep the format records were stored in before. */
class OpportunityRecordsTest {
  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

  /** Path of the sample's best cycle as arb stored it before its JSON went through one mapper. */
  private static final String STORED_PATH =
      """
      {"source":"sample: Binance.US top of book 2023-03-02 15:36 UTC (MO-book, MIT), fees 0",\
      "nodes":[{"exchange":"binanceus","asset":"USD"},{"exchange":"binanceus","asset":"USDC"},\
      {"exchange":"binanceus","asset":"USDT"},{"exchange":"binanceus","asset":"ADA"},{"exchange":"binanceus",\
      "asset":"BTC"}],"return_bp":13.69716636386853,"legs":[{"market":"binanceus:USDC/USD",\
      "side":"buy","from":"USD","to":"USDC","fee_rate":"0"},{"market":"binanceus:USDC/USDT",\
      "side":"sell","from":"USDC","to":"USDT","fee_rate":"0"},{"market":"binanceus:ADA/USDT",\
      "side":"buy","from":"USDT","to":"ADA","fee_rate":"0"},{"market":"binanceus:ADA/BTC",\
      "side":"sell","from":"ADA","to":"BTC","fee_rate":"0"},{"market":"binanceus:BTC/USD",\
      "side":"sell","from":"BTC","to":"USD","fee_rate":"0"}]}""";

  /** Its solution, as stored then (and printed by {@code arb scan --json}). */
  private static final String STORED_SOLUTION =
      """
      {"rank":1,"cycle":["USD","USDC","USDT","ADA","BTC","USD"],"exchanges":["binanceus"],\
      "return_bp":13.69716636386853,"start_amount":"0.697430256974302609","end_amount":"0.6983855388",\
      "profit":"0.000955281825697391","profit_bp":13.697166363870405,"status":"sized","reason":null,\
      "legs":[{"market":"binanceus:USDC/USD","side":"buy","from":"USD","to":"USDC","fee_rate":"0",\
      "spent":"0.697430256974302609","received":"0.697430256974302609","base_amount":"0.697430256974302609",\
      "average_price":"1","worst_price":"1","fee":"0","levels_used":1},{"market":"binanceus:USDC/USDT",\
      "side":"sell","from":"USDC","to":"USDT","fee_rate":"0","spent":"0.697430256974302609",\
      "received":"0.697500000000000039","base_amount":"0.697430256974302609","average_price":"1.0001",\
      "worst_price":"1.0001","fee":"0.0000000000000000002609","levels_used":1},{"market":"binanceus:ADA/USDT",\
      "side":"buy","from":"USDT","to":"ADA","fee_rate":"0","spent":"0.69750000000000003871125",\
      "received":"2.000000000000000111","base_amount":"2.000000000000000111","average_price":"0.34875",\
      "worst_price":"0.34875","fee":"0","levels_used":1},{"market":"binanceus:ADA/BTC",\
      "side":"sell","from":"ADA","to":"BTC","fee_rate":"0","spent":"2","received":"0.00002988",\
      "base_amount":"2","average_price":"0.00001494","worst_price":"0.00001494","fee":"0",\
      "levels_used":1},{"market":"binanceus:BTC/USD","side":"sell","from":"BTC","to":"USD",\
      "fee_rate":"0","spent":"0.00002988","received":"0.6983855388","base_amount":"0.00002988",\
      "average_price":"23373.01","worst_price":"23373.01","fee":"0","levels_used":1}]}""";

  private static ScanReport sampleScan() {
    return Scanner.scan(
        SampleSnapshot.load(),
        new ScanRequest(
            PathQuery.defaults(), Optional.of(new BigDecimal("1000")), Optional.empty()));
  }

  @Test
  void writesThePathAndSolutionExactlyAsTheyWereStoredBefore() {
    OpportunityRecord r = OpportunityRecords.of(sampleScan(), AT).get(0);
    assertThat(r.status()).isEqualTo(OpportunityStatus.SIZED);
    assertThat(r.pathJson()).isEqualTo(STORED_PATH);
    assertThat(r.solutionJson()).isEqualTo(STORED_SOLUTION);
  }

  @Test
  void anUnsizedOpportunityHasNullAmountsAndLegsWithoutFills() throws Exception {
    Opportunity sized = sampleScan().opportunities().get(0);
    Opportunity rejected =
        new Opportunity(
            7,
            sized.cycle(),
            new SizingOutcome.Rejected(sized.cycle(), RejectReason.NO_LIQUIDITY, "empty book"),
            OpportunityStatus.REJECTED,
            Optional.of("no liquidity: empty book"));
    String json = Json.write(OpportunityRecords.solution(rejected));
    assertThat(Json.tree(json).get("legs").get(0).toString())
        .isEqualTo(
            "{\"market\":\"binanceus:USDC/USD\",\"side\":\"buy\",\"from\":\"USD\","
                + "\"to\":\"USDC\",\"fee_rate\":\"0\"}");
    assertThat(json)
        .startsWith(
            "{\"rank\":7,\"cycle\":[\"USD\",\"USDC\",\"USDT\",\"ADA\",\"BTC\",\"USD\"],"
                + "\"exchanges\":[\"binanceus\"],\"return_bp\":13.69716636386853,"
                + "\"start_amount\":null,\"end_amount\":null,\"profit\":null,"
                + "\"profit_bp\":null,\"status\":\"rejected\","
                + "\"reason\":\"no liquidity: empty book\",\"legs\":[");
    OpportunityRecord r = OpportunityRecords.of(rejected, "s", AT);
    assertThat(r.solutionJson()).isEqualTo("{}");
    assertThat(r.estimatedProfit()).isEqualTo(BigDecimal.ZERO);
    assertThat(Json.tree(r.pathJson()).get("source").asText()).isEqualTo("s");
  }
}
