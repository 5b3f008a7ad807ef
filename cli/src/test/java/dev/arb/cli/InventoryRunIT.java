package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.config.ConfigLoader;
import dev.arb.defi.contract.Erc20;
import dev.arb.engine.record.Holding;
import dev.arb.storage.SqliteRecordStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code arb run} trading a CEX–DEX cycle from inventory, wired from its configuration file ({@code
 * arb.chains.local.follow.inventory = true}, {@code same-as} by symbol for WETH and by address for
 * USDC) on anvil with the daemon demo's market (real Uniswap V2 bytecode; the WETH/USDC pairs at
 * 2,000), the flash-loan contract holding WETH and USDC, and a stand-in kraken ETH/USDC book
 * offered at 1,900 replayed by {@code --input}: in paper mode (the default) the mixed cycle WETH →
 * USDC (a pool) → ETH (the book) is recorded executed with {@code inventory: true}, its book leg
 * filled on the replayed book from the paper ledger, its swap simulated; nothing is sent (the
 * owner's nonce and the contract's balances unchanged).
 */
class InventoryRunIT extends AnvilMarketFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path keystore;
  private Map<String, String> env;

  @BeforeEach
  void chainMarketContractAndInventory() throws Exception {
    // the contract's inventory: 50 WETH and 100,000 USDC
    stockContract(50, 100_000);
    fundTrader(10);
    keystore = ownerKeystore();
    env = Map.of("HOME", dir.toString(), "OWNER_PW", "owner-pw");
  }

  /** The stand-in exchange: kraken ETH/USDC, asks from 1,900 (the pools: 2,000), bids 1,890. */
  private Path books() throws Exception {
    Path in = Files.createDirectories(dir.resolve("books"));
    Files.writeString(
        in.resolve("KRAKEN_ETH-USDC.json"),
        "{\"exchange\":\"kraken\",\"symbol\":\"ETH/USDC\",\"recorded_utc\":\""
            + Instant.now()
            + "\",\"bids\":[[\"1890\",\"5\"],[\"1880\",\"10\"]],"
            + "\"asks\":[[\"1900\",\"1\"],[\"1920\",\"2\"]]}");
    return in;
  }

  /** The config file: arb.defi, the paper ledger, the chain's V2 DEXes, same-as and follow. */
  private Path config(String inventory) throws Exception {
    String dexes = v2Dexes();
    Path file = dir.resolve("arb-" + inventory + ".conf");
    Files.writeString(
        file,
        net.defiConfig(keystore, "OWNER_PW", "  min-profit-margin = 0.001\n")
            + "arb.paper.balances { kraken { USDC = \"20000\" } }\n"
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
            // WETH joined by its symbol (resolved among the pools' tokens), USDC by its address
            + "\"]\n  same-as { WETH = ETH, \""
            + usdc
            + "\" = USDC }\n  follow {\n    contract = \""
            + arb.address()
            + "\"\n    balancer-vault = \""
            + market.vault()
            + "\"\n    poll-interval = 100ms\n    inventory = "
            + inventory
            + "\n  }\n}\n");
    return file;
  }

  @Test
  void paperModeTradesTheMixedCycleFromInventoryAndSendsNothing() throws Exception {
    Path data = dir.resolve("data");
    BigInteger nonce = chain.pendingNonce(owner.address());
    BigInteger wethHeld = Erc20.balanceOf(chain, weth, arb.address());
    BigInteger usdcHeld = Erc20.balanceOf(chain, usdc, arb.address());
    JsonNode found = null;
    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            config("true").toString(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--input",
            books().toString(),
            "--loop",
            "--interval",
            "200ms")) {
      d.url();
      d.awaitStatus(
          s ->
              s.path("chains").path("local").has("block")
                  && !s.path("chains").path("local").path("block").isNull());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (found == null) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no inventory record; err " + d.err + "; out " + d.out);
        }
        // a new block: the follower scans books and pools again at each one
        Erc20.transfer(trader, weth, owner.address(), BigInteger.ONE);
        Thread.sleep(300);
        for (JsonNode r : JSON.readTree(Http.get(d.url() + "/opportunities?limit=1000").body())) {
          if (r.path("solution").path("inventory").asBoolean()) {
            found = r;
          }
        }
      }
    }
    assertThat(found.path("status").asText()).as(found.toString()).isEqualTo("executed");
    JsonNode s = found.path("solution");
    assertThat(s.path("found_by").asText()).isEqualTo("daemon");
    assertThat(s.path("mode").asText()).isEqualTo("paper");
    JsonNode legs = s.path("legs_executed");
    assertThat(legs).hasSize(2);
    assertThat(legs.get(0).path("venue").asText()).isEqualTo("local");
    assertThat(legs.get(1).path("venue").asText()).isEqualTo("kraken");
    assertThat(legs.get(0).path("done").asBoolean()).isTrue();
    assertThat(legs.get(1).path("done").asBoolean()).isTrue();
    // the book leg bought ETH on the replayed book, at its asks (1,900 then 1,920)
    BigDecimal usdcSpent = new BigDecimal(legs.get(1).path("realized_spent").asText());
    BigDecimal ethGot = new BigDecimal(legs.get(1).path("realized_received").asText());
    assertThat(ethGot).isPositive();
    assertThat(usdcSpent.divide(ethGot, 6, java.math.RoundingMode.HALF_EVEN))
        .isBetween(new BigDecimal("1900"), new BigDecimal("1921"));
    // the swap was simulated (eth_call) from the contract's balance, not sent
    JsonNode swap = s.path("swaps").get(0);
    assertThat(swap.has("tx_hash")).isFalse();
    assertThat(new BigInteger(swap.path("amount_out_wei").asText())).isPositive();
    assertThat(chain.pendingNonce(owner.address())).as("nothing sent").isEqualTo(nonce);
    assertThat(Erc20.balanceOf(chain, weth, arb.address())).isEqualTo(wethHeld);
    assertThat(Erc20.balanceOf(chain, usdc, arb.address())).isEqualTo(usdcHeld);

    // arb history shows the record as well
    CliRun h =
        CliRun.run(env, "--data-dir", data.toString(), "history", "--json", "--limit", "1000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    long inventory = 0;
    BigDecimal usdcOut = BigDecimal.ZERO;
    BigDecimal ethIn = BigDecimal.ZERO;
    for (JsonNode r : JSON.readTree(h.out())) {
      if (r.path("solution").path("inventory").asBoolean()) {
        inventory++;
        assertThat(r.path("solution").path("mode").asText()).isEqualTo("paper");
        JsonNode book = r.path("solution").path("legs_executed").get(1);
        usdcOut = usdcOut.add(new BigDecimal(book.path("realized_spent").asText()));
        ethIn = ethIn.add(new BigDecimal(book.path("realized_received").asText()));
      }
    }
    assertThat(inventory).isPositive();
    // the book legs moved the stored paper ledger (arb.paper.balances), saved with the execution
    try (SqliteRecordStore db =
        SqliteRecordStore.open(
            ConfigLoader.load(
                    Optional.empty(),
                    Map.of("HOME", dir.toString()),
                    Map.of("arb.data-dir", data.toString()))
                .config())) {
      Map<String, BigDecimal> ledger = new java.util.HashMap<>();
      for (Holding x : db.executions().paperBalances()) {
        ledger.put(x.exchange() + ":" + x.asset().code(), x.amount());
      }
      assertThat(ledger.get("kraken:USDC"))
          .isEqualByComparingTo(new BigDecimal("20000").subtract(usdcOut));
      assertThat(ledger.get("kraken:ETH")).isEqualByComparingTo(ethIn);
    }
  }

  @Test
  void liveInventoryWithoutAnExchangeIsRefusedNamingTheKey() throws Exception {
    Path live = config("true");
    Files.writeString(live, Files.readString(live) + "arb.trading.mode = live\n");
    CliRun l =
        CliRun.run(
            env,
            "--config",
            live.toString(),
            "--data-dir",
            dir.resolve("d2").toString(),
            "run",
            "--http-port",
            "0");
    assertThat(l.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(l.err())
        .contains(
            "arb.chains.local.follow.inventory = true with arb.trading.mode = live trades the book"
                + " legs on the exchanges of arb.exchanges, and none is enabled")
        .doesNotContain("Exception");
  }
}
