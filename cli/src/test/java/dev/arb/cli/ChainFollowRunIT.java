package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.local.DaemonMarket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code arb run} pointed at a chain by its configuration file ({@code arb.chains.local.follow},
 * {@code arb.defi.keystore}, {@code arb.defi.min-profit-margin}) on anvil with the daemon demo's
 * market (three real Uniswap V2 factories, three V3 pools, a Balancer vault, the flash-loan
 * contract): a large swap makes a mispricing; in live mode the daemon finds, sends and records it
 * with the realised profit equal to the owner's WETH balance change to the wei; in paper mode (the
 * default) it simulates and records it, and sends nothing (the owner's nonce and balance
 * unchanged).
 */
class ChainFollowRunIT extends AnvilMarketFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path keystore;
  private Map<String, String> env;

  @BeforeEach
  void traderAndKeystore() throws Exception {
    fundTrader(1_000);
    keystore = ownerKeystore();
    env = Map.of("HOME", dir.toString(), "OWNER_PW", "owner-pw");
  }

  /** The config file: arb.defi (keystore, margin), the chain's DEXes, tokens and follow. */
  private Path config(String mode) throws Exception {
    StringBuilder dexes = new StringBuilder(v2Dexes());
    dexes
        .append("      uniswap-v3 { factory = \"")
        .append(market.v3Factory())
        .append("\", kind = concentrated, fee-tiers = [500, 3000], tick-words = 2 }\n");
    String tokens =
        String.join(", ", market.tokens().values().stream().map(t -> "\"" + t + "\"").toList());
    Path file = dir.resolve("arb-" + mode + ".conf");
    Files.writeString(
        file,
        net.defiConfig(keystore, "OWNER_PW", "  min-profit-margin = 0.001\n")
            + "arb.trading.mode = "
            + mode
            + "\n"
            + "arb.chains.local {\n"
            + "  rpc-url = \""
            + net.anvil().rpcUrl()
            + "\"\n  chain-id = 31337\n  native-token = \""
            + market.tokens().get("WETH")
            + "\"\n  dexes {\n"
            + dexes
            + "  }\n  tokens = ["
            + tokens
            + "]\n  follow {\n    contract = \""
            + arb.address()
            + "\"\n    balancer-vault = \""
            + market.vault()
            + "\"\n    poll-interval = 100ms\n    replace-after-blocks = 3\n  }\n}\n");
    return file;
  }

  private InProcessDaemon run(Path config, Path data) {
    return new InProcessDaemon(
        env,
        "--config",
        config.toString(),
        "--data-dir",
        data.toString(),
        "run",
        "--http-port",
        "0",
        "--loop",
        "--interval",
        "200ms");
  }

  /** 20 WETH sold into dex-a's WETH/USDC; the block it was mined in. */
  private long mispricing() {
    return DaemonMarket.swapV2(
        trader,
        market.pair("dex-a", "WETH", "USDC"),
        market.tokens().get("WETH"),
        DaemonMarket.tokens(20));
  }

  @Test
  void liveModeFindsSendsAndRecordsTheCycleWithTheOwnersBalanceChangeAsRealisedProfit()
      throws Exception {
    Path data = dir.resolve("data-live");
    String weth = market.tokens().get("WETH");
    long n;
    BigInteger before;
    JsonNode status;
    try (InProcessDaemon d = run(config("live"), data)) {
      d.url();
      assertThat(d.out.toString())
          .contains("following chain local, flash-loan contract " + arb.address())
          .contains("executor " + owner.address())
          .contains("(live: profitable cycles are sent)");
      JsonNode ready =
          d.awaitStatus(
              s ->
                  !s.path("chains").path("local").path("block").isNull()
                      && s.path("chains").path("local").has("block"));
      assertThat(ready.path("chains").path("local").path("pools_tracked").asInt()).isEqualTo(33);
      assertThat(ready.path("chains").path("local").path("mode").asText()).isEqualTo("live");

      n = mispricing();
      before = balanceAt(weth, owner.address(), n);
      status =
          awaitChain(d, c -> c.path("executed").asLong() >= 1 && c.path("pending").asLong() == 0);
    }
    JsonNode c = status.path("chains").path("local");
    assertThat(c.path("executed").asLong()).isPositive();
    assertThat(new BigInteger(c.path("gas_spent_wei").asText())).isPositive();

    CliRun h =
        CliRun.run(env, "--data-dir", data.toString(), "history", "--json", "--limit", "1000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    List<JsonNode> executed = new ArrayList<>();
    for (JsonNode r : JSON.readTree(h.out())) {
      // the others are the bundled sample's book cycles, which the daemon also scans
      if (!r.path("solution").path("found_by").asText().equals("daemon")) {
        continue;
      }
      if (r.path("status").asText().equals("executed")) {
        executed.add(r);
      }
    }
    assertThat(executed).hasSizeGreaterThanOrEqualTo((int) c.path("executed").asLong());
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode r : executed) {
      JsonNode s = r.path("solution");
      assertThat(s.path("tx_hash").asText()).matches("0x[0-9a-f]{64}");
      long mined = s.path("mined_block").asLong();
      assertThat(mined).isGreaterThan(n);
      BigDecimal realized = new BigDecimal(r.path("realized_profit").asText());
      BigDecimal change =
          new BigDecimal(
                  balanceAt(weth, owner.address(), mined)
                      .subtract(balanceAt(weth, owner.address(), mined - 1)))
              .movePointLeft(18);
      assertThat(realized)
          .as("realised profit of %s", s.path("tx_hash"))
          .isEqualByComparingTo(change);
      total = total.add(realized);
    }
    long last =
        executed.stream()
            .mapToLong(r -> r.path("solution").path("mined_block").asLong())
            .max()
            .orElseThrow();
    JsonNode first = executed.get(executed.size() - 1);
    assertThat(first.path("solution").path("mined_block").asLong() - n).isBetween(1L, 2L);
    assertThat(new BigDecimal(first.path("realized_profit").asText()))
        .isGreaterThan(new BigDecimal("0.1"));
    // a transaction sent as the daemon stopped may be mined later, unrecorded: up to the last
    BigInteger after = balanceAt(weth, owner.address(), last);
    assertThat(total)
        .as("every executed record together is the owner's WETH gain since the mispricing")
        .isEqualByComparingTo(new BigDecimal(after.subtract(before)).movePointLeft(18));
  }

  @Test
  void theKillSwitchHoldsTheChainFollowersUntilResumed() throws Exception {
    String token = "chain-kill-token-0123456789";
    Map<String, String> withToken = new java.util.HashMap<>(env);
    withToken.put("ARB_HTTP_TOKEN", token);
    Path data = dir.resolve("data-kill");
    Path config = config("live");
    try (InProcessDaemon d =
        new InProcessDaemon(
            withToken,
            "--config",
            config.toString(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "200ms")) {
      String url = d.url();
      d.awaitStatus(s -> s.path("chains").path("local").has("block"));
      assertThat(Http.post(url + "/kill-switch", token).statusCode()).isEqualTo(200);
      String countsHeld = counts(quiet(d));
      BigInteger nonce = chain.pendingNonce(owner.address());

      // a mispricing the daemon would send at once; the follower reads past it and sends nothing
      long n = mispricing();
      awaitChain(d, c -> c.path("block").asLong() >= n);
      Thread.sleep(1_000); // several polls of the chain after the mispricing's block
      JsonNode held = d.status();
      assertThat(held.path("kill_switch").asBoolean()).isTrue();
      assertThat(counts(held)).isEqualTo(countsHeld);
      assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonce);

      // resumed: the next poll scans the chain in full, with no new block, and sends
      assertThat(Http.post(url + "/resume", token).statusCode()).isEqualTo(200);
      JsonNode after = awaitChain(d, c -> c.path("executed").asLong() >= 1);
      assertThat(after.path("kill_switch").asBoolean()).isFalse();
      assertThat(chain.pendingNonce(owner.address())).isGreaterThan(nonce);
    }
  }

  @Test
  void paperModeSimulatesAndRecordsTheCycleButSendsNothing() throws Exception {
    Path data = dir.resolve("data-paper");
    String weth = market.tokens().get("WETH");
    BigInteger nonce = chain.pendingNonce(owner.address());
    BigInteger balance = Erc20.balanceOf(chain, weth, owner.address());
    JsonNode status;
    try (InProcessDaemon d = run(config("paper"), data)) {
      d.url();
      assertThat(d.out.toString())
          .contains("(paper: cycles are simulated and recorded, nothing is sent;");
      d.awaitStatus(
          s ->
              s.path("chains").path("local").has("block")
                  && !s.path("chains").path("local").path("block").isNull());
      mispricing();
      awaitChain(d, c -> c.path("rejected").asLong() >= 1);
      status = quiet(d);
    }
    JsonNode c = status.path("chains").path("local");
    assertThat(c.path("mode").asText()).isEqualTo("paper");
    assertThat(c.path("executed").asLong()).isZero();
    assertThat(c.path("pending").asLong()).isZero();
    assertThat(chain.pendingNonce(owner.address())).as("nothing sent").isEqualTo(nonce);
    assertThat(Erc20.balanceOf(chain, weth, owner.address())).isEqualTo(balance);

    CliRun h =
        CliRun.run(env, "--data-dir", data.toString(), "history", "--json", "--limit", "1000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode r : JSON.readTree(h.out())) {
      // the others are the bundled sample's book cycles, which the daemon also scans
      if (r.path("solution").path("found_by").asText().equals("daemon")) {
        records.add(r);
      }
    }
    assertThat(records).hasSizeGreaterThanOrEqualTo((int) c.path("rejected").asLong());
    JsonNode paper = null;
    for (JsonNode r : records) {
      assertThat(r.path("status").asText()).isEqualTo("rejected");
      assertThat(r.path("solution").path("tx_hash").isNull()).isTrue();
      if (r.path("reason")
          .asText()
          .startsWith("not sent: paper mode (arb.trading.mode is not live): would send")) {
        paper = r;
      }
    }
    assertThat(paper).as("a cycle that would have been sent, recorded as paper").isNotNull();
    assertThat(new BigDecimal(paper.path("solution").path("simulated_profit").asText()))
        .isGreaterThan(new BigDecimal("0.1"));
  }

  @Test
  void withoutAKeystoreArbRunRefusesToStartNamingTheKey() throws Exception {
    Path config = config("live");
    Files.writeString(
        config, Files.readString(config).replace("keystore = \"" + keystore + "\"", ""));

    CliRun r =
        CliRun.run(
            env,
            "--config",
            config.toString(),
            "--data-dir",
            dir.resolve("data-none").toString(),
            "run",
            "--http-port",
            "0");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("arb.defi.keystore is not set; arb run signs and simulates")
        .doesNotContain("Exception");
  }

  /** Polls /status until the chain's attempt counts stay the same for 2 s (60 s at most). */
  private static JsonNode quiet(InProcessDaemon d) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonNode s = d.status();
    String counts = counts(s);
    long since = System.nanoTime();
    while (System.nanoTime() - since < 2_000_000_000L) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the chain never got quiet: " + s);
      }
      Thread.sleep(100);
      s = d.status();
      if (!counts(s).equals(counts)) {
        counts = counts(s);
        since = System.nanoTime();
      }
    }
    return s;
  }

  private static String counts(JsonNode s) {
    JsonNode c = s.path("chains").path("local");
    return c.path("executed")
        + "/"
        + c.path("rejected")
        + "/"
        + c.path("failed")
        + "/"
        + c.path("pending");
  }

  /** Polls /status until the chain's section holds (90 s at most: the first read is slow). */
  private static JsonNode awaitChain(InProcessDaemon d, java.util.function.Predicate<JsonNode> ok)
      throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    JsonNode s = d.status();
    while (!ok.test(s.path("chains").path("local"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the chain never got there: " + s + "; err " + d.err);
      }
      Thread.sleep(50);
      s = d.status();
    }
    return s;
  }

  private BigInteger balanceAt(String token, String holder, long block) {
    return Erc20.balanceOf(chain, token, holder, block);
  }
}
