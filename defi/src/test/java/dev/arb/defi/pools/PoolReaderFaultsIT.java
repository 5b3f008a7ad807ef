package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.pools.RpcFaultProxy.Fault;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad answers from the RPC (through a fault-injecting proxy in front of anvil): each is a clear
 * error naming the RPC by scheme, host and port only, never the key in its URL; a transient one is
 * retried.
 */
class PoolReaderFaultsIT extends OnSnapshotChain {
  /** What a provider URL with a key looks like; none of it may appear in a message or log. */
  private static final String KEYED = "/v3/SECRETKEY123?apikey=OTHERSECRET";

  private String factory;
  private String pair;
  private RpcFaultProxy proxy;

  @Override
  protected void deploy(SnapshotChain chain) {
    Wallet w = chain.wallet(DevAccounts.OWNER);
    factory = UniswapV2.deployFactory(w, ContractsDir.locate());
    BigInteger supply = BigInteger.TEN.pow(30);
    String a = Erc20.deployTestToken(w, "Token A", "TKA", supply);
    String b = Erc20.deployTestToken(w, "Token B", "TKB", supply);
    pair = UniswapV2.createPair(w, factory, a, b);
    UniswapV2.addLiquidity(w, pair, a, BigInteger.valueOf(1_000_000), b, BigInteger.valueOf(2_000));
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = new RpcFaultProxy(local.anvil().rpcUrl());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private ChainSpec spec(long chainId, Duration timeout) {
    return new ChainSpec(
        "mainnet",
        OptionalLong.of(chainId),
        Optional.empty(),
        List.of(new DexSpec("uniswap-v2", factory, new BigDecimal("0.003"), 10)),
        List.of(),
        List.of(),
        100,
        timeout);
  }

  private ChainPoolState read(String url) {
    return new JsonRpcPoolReader(
            spec(31337, Duration.ofSeconds(5)), url, TokenMetadataCache.inMemory())
        .read(OptionalLong.empty());
  }

  private String shown() {
    return proxy.url() + "/…";
  }

  private ChainException failure(Runnable r) {
    ChainException e = catchThrowableOfType(ChainException.class, r::run);
    assertThat(e).as("a ChainException").isNotNull();
    assertThat(e.getMessage()).doesNotContain("SECRET").doesNotContain("apikey");
    return e;
  }

  @Test
  void aTransientHttp500IsRetriedAndTheReadSucceeds() {
    proxy.next(Fault.HTTP_500, 1);
    ChainPoolState s = read(proxy.url() + KEYED);
    assertThat(s.pools()).hasSize(1);
    assertThat(s.pools().get(0).address()).isEqualToIgnoringCase(pair);
    assertThat(s.pools().get(0).reserve0().add(s.pools().get(0).reserve1()))
        .isEqualTo(BigInteger.valueOf(1_002_000));
    // head, pair count, pair list, pair state, tokens: 5 batches, and the one retried
    assertThat(s.counts().requests()).isEqualTo(6);
    assertThat(proxy.requests()).isEqualTo(6);
  }

  @Test
  void aReserveAboveUint112IsNotAPairAndIsLeftOut() {
    proxy.next(Fault.HUGE_RESERVE, 6);
    ChainPoolState s = read(proxy.url() + KEYED);
    assertThat(s.pools()).isEmpty();
    assertThat(s.counts().leftOut())
        .containsExactlyEntriesOf(Map.of(JsonRpcPoolReader.NOT_A_PAIR, 1));
    assertThat(s.problems())
        .containsExactly(
            "mainnet:"
                + JsonRpcPoolReader.shortAddress(pair)
                + ": getReserves() returns a reserve above 2^112 - 1; not a Uniswap V2 pair, left"
                + " out");
  }

  @Test
  void http500EveryTimeFailsNamingTheRpcButNotItsKeyInMessageOrLog() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.arb.defi.pools");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(logs);
    try {
      proxy.next(Fault.HTTP_500, 10);
      ChainException e = failure(() -> read(proxy.url() + KEYED));
      assertThat(e.getMessage())
          .isEqualTo(
              "chain: the RPC at "
                  + shown()
                  + " failed while reading the block: HTTP 500 (3 attempts); check that the"
                  + " node is up and the URL is right");
      assertThat(proxy.requests()).isEqualTo(RpcBatchClient.ATTEMPTS);
      assertThat(logs.list).hasSize(2); // one line per retry
      assertThat(logs.list)
          .allSatisfy(
              l -> assertThat(l.getFormattedMessage()).contains(shown()).doesNotContain("SECRET"));
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(level);
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsAClearError() {
    proxy.next(Fault.NOT_JSON, 10);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " failed while reading the block: the answer is not JSON (24 bytes) (3"
                + " attempts); check that the node is up and the URL is right");
  }

  @Test
  void anErrorObjectThatIsNotARevertFailsTheRead() {
    proxy.next(Fault.CALL_ERRORS, 10);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " answered eth_call with error -32005: rate limit exceeded");
  }

  @Test
  void aNodeWithoutTheBlocksStateSaysAnArchiveNodeIsNeeded() {
    proxy.next(Fault.PRUNED, 10);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " answered eth_call with error -32000: missing trie node 5e1f; reading an older"
                + " block needs an archive node");
  }

  @Test
  void aBatchAnswerMissingACallIsRetriedThenAnError() {
    proxy.next(Fault.DROP_ONE, 10);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " failed while reading the block: the answer holds 3 of the 4 answers asked for"
                + " (a proxy or node dropping calls) (3 attempts); check that the node is up and"
                + " the URL is right");
  }

  @Test
  void aRefusedBatchSaysToLowerTheBatchSize() {
    proxy.next(Fault.REFUSE_BATCH, 1);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " refused a batch of 4 calls reading the block: batch of more than 5 requests"
                + " not allowed; a smaller batch-size may help");
    assertThat(proxy.requests()).isEqualTo(1);
  }

  @Test
  void aNodeThatDoesNotAnswerTimesOut() {
    proxy.next(Fault.HANG, 10);
    ChainException e =
        failure(
            () ->
                new JsonRpcPoolReader(
                        spec(31337, Duration.ofMillis(300)),
                        proxy.url() + KEYED,
                        TokenMetadataCache.inMemory())
                    .read(OptionalLong.empty()));
    assertThat(e.getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " failed while reading the block: no answer within 300 ms (3 attempts); check"
                + " that the node is up and the URL is right");
  }

  @Test
  void anUnauthorizedAnswerIsNotRetriedAndPointsAtTheKey() {
    proxy.next(Fault.HTTP_401, 10);
    assertThat(failure(() -> read(proxy.url() + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " answered HTTP 401; check the RPC URL and the API key it carries");
    assertThat(proxy.requests()).isEqualTo(1);
  }

  @Test
  void anotherChainIdIsRefusedBeforeAnyPoolIsRead() {
    ChainException e =
        failure(
            () ->
                new JsonRpcPoolReader(
                        spec(1, Duration.ofSeconds(5)),
                        proxy.url() + KEYED,
                        TokenMetadataCache.inMemory())
                    .read(OptionalLong.empty()));
    assertThat(e.getMessage())
        .isEqualTo(
            "chain: the RPC at "
                + shown()
                + " serves chain id 31337, but chain mainnet is 1; check the RPC URL and the"
                + " configured chain-id");
    assertThat(proxy.requests()).isEqualTo(1);
  }

  @Test
  void aClosedPortCannotConnect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(failure(() -> read("http://127.0.0.1:" + port + KEYED)).getMessage())
        .isEqualTo(
            "chain: the RPC at http://127.0.0.1:"
                + port
                + "/… failed while reading the block: cannot connect (3 attempts); check that"
                + " the node is up and the URL is right");
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedAtOnce() {
    assertThat(
            failure(
                    () ->
                        new JsonRpcPoolReader(
                            spec(31337, Duration.ofSeconds(1)),
                            "wss://eth.example" + KEYED,
                            TokenMetadataCache.inMemory()))
                .getMessage())
        .isEqualTo(
            "chain: the RPC URL wss://eth.example/… must start with http:// or https:// and name"
                + " a host");
  }
}
