package dev.arb.defi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.defi.contract.FlashRoute.Hop;
import dev.arb.defi.contract.FlashRoute.HopKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class FlashRouteTest {
  private static final String WETH = "0x" + "a".repeat(40);
  private static final String USDC = "0x" + "B".repeat(40);
  private static final String DAI = "0x" + "c".repeat(40);
  private static final String LENDER = "0x" + "1".repeat(40);
  private static final String P1 = "0x" + "2".repeat(40);
  private static final String P2 = "0x" + "3".repeat(40);
  private static final String P3 = "0x" + "4".repeat(40);
  private static final BigInteger ONE = BigInteger.TEN.pow(18);

  private static FlashRoute route(List<Hop> hops) {
    return new FlashRoute(LoanSource.BALANCER, LENDER, WETH, ONE, hops, BigInteger.ZERO);
  }

  @Test
  void theParallelListConstructorBuildsTheSameV2HopsAsBefore() {
    FlashRoute lists =
        new FlashRoute(
            LoanSource.UNISWAP_V2,
            LENDER,
            WETH,
            ONE,
            List.of(P1, P2, P3),
            List.of(WETH, USDC, DAI, WETH),
            List.of(30, 25, 30),
            BigInteger.TWO);

    assertThat(lists.hops())
        .containsExactly(Hop.v2(P1, USDC, 30), Hop.v2(P2, DAI, 25), Hop.v2(P3, WETH, 30));
    assertThat(lists.pairs()).containsExactly(P1, P2, P3);
    assertThat(lists.path()).containsExactly(WETH, USDC.toLowerCase(), DAI, WETH);
    assertThat(lists.feesBps()).containsExactly(30, 25, 30);
    assertThat(lists.onlyV2Hops()).isTrue();
    assertThat(
            FlashRoute.twoPool(
                    LoanSource.BALANCER, LENDER, WETH, USDC, P1, P2, ONE, BigInteger.ZERO)
                .hops())
        .containsExactly(Hop.v2(P1, USDC, 30), Hop.v2(P2, WETH, 30));
  }

  @Test
  void refusesRoutesTheContractWouldRefuseWithWhatIsWrong() {
    assertThatThrownBy(() -> route(List.of(Hop.v2(P1, WETH, 30))))
        .hasMessage("a route has 2 to 6 hops, got 1");
    List<Hop> seven = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      seven.add(Hop.v2("0x" + String.format("%040x", i + 16), i % 2 == 0 ? USDC : WETH, 30));
    }
    assertThatThrownBy(() -> route(seven)).hasMessage("a route has 2 to 6 hops, got 7");
    assertThatThrownBy(() -> route(List.of(Hop.v2(P1, USDC, 30), Hop.v2(P2, DAI, 30))))
        .hasMessage("path must start and end with the borrowed token " + WETH);
    assertThatThrownBy(() -> route(List.of(Hop.v2(P1, USDC, 30), Hop.v2(P1, WETH, 30))))
        .hasMessage("pool " + P1 + " appears twice; once per route");
    assertThatThrownBy(() -> route(List.of(Hop.v2(LENDER, USDC, 30), Hop.v2(P2, WETH, 30))))
        .hasMessage("the lender is locked during the loan; it cannot be a hop");
    assertThatThrownBy(() -> route(List.of(Hop.v2(P1, WETH, 30), Hop.v2(P2, WETH, 30))))
        .hasMessage("hop through " + P1 + " must pay out another token than " + WETH);
    assertThatThrownBy(() -> new Hop(HopKind.UNISWAP_V3, P1, USDC, 30, BigInteger.ZERO))
        .hasMessage("a V3 pool takes its own fee: its hop's feeBps must be 0, got 30");
    assertThatThrownBy(() -> Hop.v2(P1, USDC, 10_000))
        .hasMessage("fee must be in [0, 10000) bps, got 10000");
    assertThatThrownBy(() -> Hop.v2(P1, USDC, 30).withMinOut(BigInteger.ONE.negate()))
        .hasMessage("minOut must be >= 0, got -1");
    assertThatThrownBy(() -> Hop.v3("0x12", USDC)).hasMessage("not an address: 0x12");
  }

  @Test
  void encodesForTheBuildTheProxyRuns() {
    FlashRoute mixed = route(List.of(Hop.v2(P1, USDC, 25), Hop.v3(P2, WETH)));
    String current = FlashLoanArbitrageContract.encodeExecute(List.of(mixed));
    String legacy =
        FlashLoanArbitrageContract.encodeLegacyExecute(
            List.of(route(List.of(Hop.v2(P1, USDC, 25), Hop.v2(P2, WETH, 30)))));

    assertThat(current)
        .startsWith(
            selector(
                "execute((uint8,address,address,uint256,(uint8,address,address,uint16,uint256)[],uint256)[])"));
    assertThat(legacy)
        .startsWith(
            selector(
                "execute((uint8,address,address,uint256,address[],address[],uint16[],uint256)[])"));
    // the second hop's words: kind 1 (V3), the pool, WETH, fee 0, no minimum
    assertThat(current)
        .contains(
            word("1") + word(P2.substring(2)) + word(WETH.substring(2)) + word("0") + word("0"));
    assertThatThrownBy(() -> FlashLoanArbitrageContract.encodeLegacyExecute(List.of(mixed)))
        .hasMessageContaining("runs a version before 4, which has no V3 hops");
  }

  @Test
  void theBuiltContractTakesThatRouteLayout() {
    JsonNode execute = null;
    for (JsonNode f : ContractArtifact.fromClasspath("FlashLoanArbitrageV2").abi()) {
      if ("execute".equals(f.path("name").asText())) {
        execute = f;
      }
    }
    assertThat(execute).isNotNull();
    JsonNode route = execute.path("inputs").get(0);
    assertThat(route.path("type").asText()).isEqualTo("tuple[]");
    List<String> fields = new ArrayList<>();
    route
        .path("components")
        .forEach(c -> fields.add(c.path("name").asText() + ":" + c.path("type").asText()));
    assertThat(fields)
        .containsExactly(
            "source:uint8",
            "lender:address",
            "token:address",
            "amount:uint256",
            "hops:tuple[]",
            "minProfit:uint256");
    List<String> hop = new ArrayList<>();
    route
        .path("components")
        .get(4)
        .path("components")
        .forEach(c -> hop.add(c.path("name").asText() + ":" + c.path("type").asText()));
    assertThat(hop)
        .containsExactly(
            "kind:uint8", "pool:address", "tokenOut:address", "feeBps:uint16", "minOut:uint256");
  }

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  private static String word(String hex) {
    return "0".repeat(64 - hex.length()) + hex;
  }
}
