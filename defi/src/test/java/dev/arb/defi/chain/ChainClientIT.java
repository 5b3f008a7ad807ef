package dev.arb.defi.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.contract.ContractsDir;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The chain client against a node that is not there, or goes away. */
class ChainClientIT {

  @Test
  void nodeKilledMidRunGivesAClearErrorAfterRetrying() {
    AnvilProcess anvil = AnvilProcess.start(ContractsDir.locate());
    ChainClient chain;
    try {
      chain =
          ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID));
      assertThat(chain.blockNumber()).isEqualTo(BigInteger.ZERO);
    } finally {
      anvil.close();
    }
    assertThat(anvil.isAlive()).isFalse();
    try (chain) {
      assertThatThrownBy(chain::blockNumber)
          .isInstanceOf(ChainException.class)
          .hasMessageStartingWith("chain: eth_blockNumber to " + anvil.rpcUrl() + " failed (")
          .hasMessageEndingWith("); is the node running and the URL right?");
    }
  }

  @Test
  void connectingToNothingFailsAtConnect() throws Exception {
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + freePort;
    assertThatThrownBy(() -> ChainClient.connect(ChainClient.Settings.local(url, 31337)))
        .isInstanceOf(ChainException.class)
        .hasMessageStartingWith("chain: eth_chainId to " + url + " failed (");
  }

  @Test
  void anHttpErrorFromAProxyWhoseNodeDiedIsRetriedThenReportedAsTransport() throws Exception {
    java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer proxy =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body = "bad gateway".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(502, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    proxy.start();
    try {
      String url = "http://127.0.0.1:" + proxy.getAddress().getPort();
      assertThatThrownBy(() -> ChainClient.connect(ChainClient.Settings.local(url, 31337)))
          .isInstanceOf(ChainException.class)
          .hasMessageStartingWith("chain: eth_chainId to " + url + " failed (")
          .hasMessageContaining("502")
          .hasMessageEndingWith("); is the node running and the URL right?");
      assertThat(requests.get()).isEqualTo(3);
    } finally {
      proxy.stop(0);
    }
  }
}
