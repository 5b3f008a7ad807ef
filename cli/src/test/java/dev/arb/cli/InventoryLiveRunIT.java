package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.config.ConfigLoader;
import dev.arb.defi.contract.Erc20;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.record.DeadLetter;
import dev.arb.storage.SqliteRecordStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code arb run} in live mode ({@code arb.trading.mode = live}) trading a CEX–DEX cycle from
 * inventory: anvil with the daemon demo's market (real Uniswap V2 bytecode, the WETH/USDC pairs at
 * 2,000), the flash-loan contract holding 50 WETH and 100,000 USDC, and a Kraken stand-in ({@link
 * KrakenStandIn}: the real Kraken adapter against recorded-format answers) offering ETH/USD at
 * 1,900, joined by {@code same-as} (WETH = ETH, USDC = USD). The book leg goes through the daemon's
 * own live trader (orders, journal, risk limits, kill switch), the pool leg is a {@code swapRoute}
 * of the contract, sent and mined.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InventoryLiveRunIT extends AnvilMarketFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path keystore;
  private Map<String, String> env;
  private KrakenStandIn kraken;

  @BeforeEach
  void chainMarketContractInventoryAndExchange() throws Exception {
    stockContract(50, 100_000);
    fundTrader(10);
    keystore = ownerKeystore();
    // test keys, never real ones
    env =
        Map.of(
            "HOME",
            dir.toString(),
            "OWNER_PW",
            "owner-pw",
            "ARB_KRAKEN_API_KEY",
            "test-key",
            "ARB_KRAKEN_API_SECRET",
            "dGVzdC1zZWNyZXQ=");
    // ETH/USD asks at 1,900 (the pools: 2,000), bids at 1,890; the account holds 20,000 USD
    kraken =
        new KrakenStandIn(
            new String[][] {{"1900.00", "5.000"}},
            new String[][] {{"1890.00", "5.000"}},
            "20000.0000");
  }

  @AfterEach
  void stop() {
    if (kraken != null) {
      kraken.close();
    }
  }

  /** The config file: live mode, kraken with its keys, the chain's DEXes, same-as and follow. */
  private Path config(String risk) throws Exception {
    String dexes = v2Dexes();
    Path file = dir.resolve("arb.conf");
    Files.writeString(
        file,
        net.defiConfig(keystore, "OWNER_PW", "  min-profit-margin = 0.001\n")
            + "arb.trading.mode = live\n"
            + "arb.risk { "
            + risk
            + " }\n"
            + "arb.exchanges.kraken {\n"
            + "  markets = [\"ETH/USD\"]\n  rate-limit = 100\n"
            + "  api-key = { env = \"ARB_KRAKEN_API_KEY\" }\n"
            + "  api-secret = { env = \"ARB_KRAKEN_API_SECRET\" }\n}\n"
            + "arb.chains.local {\n"
            + "  rpc-url = \""
            + net.anvil().rpcUrl()
            + "\"\n  chain-id = 31337\n  native-token = \""
            + weth
            + "\"\n  dexes {\n"
            + dexes
            + "  }\n  tokens = [\""
            + weth
            + "\", \""
            + usdc
            + "\"]\n  same-as { \""
            + weth
            + "\" = ETH, \""
            + usdc
            + "\" = USD }\n  follow {\n    contract = \""
            + arb.address()
            + "\"\n    balancer-vault = \""
            + market.vault()
            + "\"\n    poll-interval = 100ms\n    inventory = true\n  }\n}\n");
    return file;
  }

  /**
   * Runs {@code arb run} live until an inventory record matching {@code done} is in {@code
   * /opportunities} (making a block every 300 ms, each a new look at books and pools), then stops
   * it; returns the daemon's last {@code /status}.
   */
  private JsonNode runUntil(Path data, String risk, Predicate<JsonNode> done) throws Exception {
    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            config(risk).toString(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--interval",
            "200ms",
            "--exchange-url",
            "kraken=" + kraken.url())) {
      d.url();
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (true) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no inventory record; err " + d.err + "; out " + d.out);
        }
        Erc20.transfer(trader, weth, owner.address(), BigInteger.ONE);
        Thread.sleep(300);
        boolean found = false;
        for (JsonNode r : JSON.readTree(Http.get(d.url() + "/opportunities?limit=1000").body())) {
          found |= r.path("solution").path("inventory").asBoolean() && done.test(r);
        }
        if (found) {
          JsonNode status = JSON.readTree(Http.get(d.url() + "/status").body());
          d.signal("TERM");
          assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
          return status;
        }
      }
    }
  }

  /** Every inventory record of {@code arb history}. */
  private List<JsonNode> inventoryRecords(Path data) throws Exception {
    CliRun h =
        CliRun.run(env, "--data-dir", data.toString(), "history", "--json", "--limit", "1000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : JSON.readTree(h.out())) {
      if (r.path("solution").path("inventory").asBoolean()) {
        out.add(r);
      }
    }
    return out;
  }

  private List<DeadLetter> deadLetters(Path data) {
    try (SqliteRecordStore db =
        SqliteRecordStore.open(
            ConfigLoader.load(
                    Optional.empty(),
                    Map.of("HOME", dir.toString()),
                    Map.of("arb.data-dir", data.toString()))
                .config())) {
      return db.deadLetters().list(new DeadLetterRepository.Query(Set.of(), Optional.empty(), 100));
    }
  }

  @Test
  void liveModeSendsTheSwapAndTheOrderAndRecordsEachLegsRealizedAmount() throws Exception {
    Path data = dir.resolve("data");
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger usdcBefore = Erc20.balanceOf(chain, usdc, arb.address());

    runUntil(data, "", r -> r.path("status").asText().equals("executed"));

    List<JsonNode> records = inventoryRecords(data);
    List<JsonNode> executed =
        records.stream().filter(r -> r.path("status").asText().equals("executed")).toList();
    assertThat(executed).isNotEmpty();
    BigInteger wethSold = BigInteger.ZERO;
    BigInteger usdcGot = BigInteger.ZERO;
    BigDecimal ethBought = BigDecimal.ZERO;
    for (JsonNode r : records) {
      JsonNode s = r.path("solution");
      assertThat(s.path("mode").asText()).isEqualTo("live");
      for (JsonNode swap : s.path("swaps")) {
        if (swap.has("tx_hash")) {
          wethSold = wethSold.add(new BigInteger(swap.path("amount_in_wei").asText()));
          usdcGot = usdcGot.add(new BigInteger(swap.path("amount_out_wei").asText()));
        }
      }
    }
    for (JsonNode r : executed) {
      JsonNode s = r.path("solution");
      JsonNode legs = s.path("legs_executed");
      assertThat(legs).hasSize(2);
      JsonNode pool = legs.get(0);
      JsonNode book = legs.get(1);
      assertThat(pool.path("venue").asText()).isEqualTo("local");
      assertThat(book.path("venue").asText()).isEqualTo("kraken");
      assertThat(pool.path("done").asBoolean()).isTrue();
      assertThat(book.path("done").asBoolean()).isTrue();
      // the pool leg was sent and mined: its ref is the transaction
      JsonNode swap = s.path("swaps").get(0);
      assertThat(swap.path("tx_hash").asText()).startsWith("0x");
      assertThat(pool.path("ref").asText()).isEqualTo(swap.path("tx_hash").asText());
      assertThat(swap.path("mined_block").asLong()).isPositive();
      // the book leg was a live order on the stand-in: its ref is one of its order ids
      assertThat(kraken.orders())
          .extracting(KrakenStandIn.Order::txid)
          .contains(book.path("ref").asText());
      // expected vs realized per leg, both recorded; the swap within the allowed slippage (10 bp)
      BigDecimal expectedOut = new BigDecimal(pool.path("expected_received").asText());
      assertThat(new BigDecimal(pool.path("realized_received").asText()))
          .isGreaterThanOrEqualTo(expectedOut.multiply(new BigDecimal("0.999")));
      assertThat(new BigDecimal(book.path("expected_received").asText())).isPositive();
      ethBought = ethBought.add(new BigDecimal(book.path("realized_received").asText()));
      // realized = ETH bought on kraken − WETH sold on chain (one asset by same-as)
      BigDecimal realized =
          new BigDecimal(book.path("realized_received").asText())
              .subtract(new BigDecimal(pool.path("realized_spent").asText()));
      assertThat(new BigDecimal(r.path("realized_profit").asText())).isEqualByComparingTo(realized);
      assertThat(realized).isPositive();
    }
    // the contract's balance changes are the recorded swaps, to the wei
    assertThat(Erc20.balanceOf(chain, weth, arb.address()))
        .isEqualTo(wethBefore.subtract(wethSold));
    assertThat(Erc20.balanceOf(chain, usdc, arb.address())).isEqualTo(usdcBefore.add(usdcGot));
    // every order was a buy of ETH with USD at the book's ask; what they filled is what was
    // recorded
    assertThat(kraken.orders()).isNotEmpty().allMatch(o -> o.type().equals("buy"));
    BigDecimal volume =
        kraken.orders().stream()
            .map(KrakenStandIn.Order::volume)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(ethBought).isEqualByComparingTo(volume);
    assertThat(deadLetters(data)).isEmpty();
  }

  @Test
  void aBookLegTheExchangeRefusesLeavesTheSwapHeldADeadLetterAndTheLossTripsTheKillSwitch()
      throws Exception {
    kraken.rejectOrders();
    Path data = dir.resolve("data");
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());

    JsonNode status =
        runUntil(
            data,
            "daily-loss-limit = \"0.000001\"",
            r -> r.path("status").asText().equals("failed"));

    List<JsonNode> failed =
        inventoryRecords(data).stream()
            .filter(r -> r.path("status").asText().equals("failed"))
            .toList();
    assertThat(failed).hasSize(1);
    JsonNode s = failed.get(0).path("solution");
    assertThat(s.path("execution_status").asText()).isEqualTo("stranded");
    JsonNode legs = s.path("legs_executed");
    assertThat(legs.get(0).path("done").asBoolean()).as("the swap").isTrue();
    assertThat(legs.get(1).path("done").asBoolean()).as("the order").isFalse();
    assertThat(failed.get(0).path("reason").asText())
        .contains("swaps done are not swapped back on chain")
        .contains("unwind_incomplete");
    // the swap was mined: what it sold left the contract, to the wei; what it got is held
    BigInteger sold = new BigInteger(s.path("swaps").get(0).path("amount_in_wei").asText());
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore.subtract(sold));
    assertThat(kraken.orders()).isEmpty();
    // the dead-letter queue has it, and the loss above the daily limit engaged the kill switch
    List<DeadLetter> dl = deadLetters(data);
    assertThat(dl).hasSize(1);
    assertThat(dl.get(0).kind()).isEqualTo("unwind_incomplete");
    assertThat(status.path("kill_switch").asBoolean()).as(status.toString()).isTrue();
  }

  @Test
  void aRiskLimitRejectsTheCycleWithTheLimitAndNothingIsSent() throws Exception {
    Path data = dir.resolve("data");
    BigInteger nonce = chain.pendingNonce(owner.address());
    BigInteger wethBefore = Erc20.balanceOf(chain, weth, arb.address());

    runUntil(
        data, "max-trade-notional = \"0.01\"", r -> r.path("status").asText().equals("rejected"));

    List<JsonNode> records = inventoryRecords(data);
    assertThat(records).isNotEmpty().allMatch(r -> r.path("status").asText().equals("rejected"));
    assertThat(records.get(0).path("reason").asText())
        .startsWith("risk: spends ")
        .endsWith("above max-trade-notional 0.01");
    assertThat(records.get(0).path("solution").path("mode").asText()).isEqualTo("live");
    assertThat(kraken.orders()).isEmpty();
    assertThat(chain.pendingNonce(owner.address()))
        .as("only the test's own block-making transfers")
        .isEqualTo(nonce);
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethBefore);
    assertThat(deadLetters(data)).isEmpty();
  }
}
