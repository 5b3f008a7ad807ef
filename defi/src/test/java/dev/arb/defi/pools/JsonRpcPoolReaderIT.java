package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.defi.pools.ChainPoolState.Pool;
import dev.arb.defi.pools.ChainPoolState.Token;
import dev.arb.defi.pools.PoolFixture.Quirk;
import dev.arb.defi.pools.PoolFixture.Seeded;
import dev.arb.defi.pools.PoolFixture.Tok;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The pool reader against two real Uniswap V2 factories on anvil: what it records is the chain's
 * state (every pool, token, decimals, reserve and the block), pinned to one block, with tokens that
 * misbehave handled and reported.
 */
class JsonRpcPoolReaderIT extends OnSnapshotChain {
  private static final BigDecimal FEE = new BigDecimal("0.003");

  private PoolFixture fixture;

  @TempDir Path dir;

  @Override
  protected void deploy(SnapshotChain chain) {
    fixture = PoolFixture.deploy(chain.wallet(DevAccounts.OWNER), ContractsDir.locate());
  }

  private JsonRpcPoolReader reader(ChainSpec spec, TokenMetadataCache cache) {
    return new JsonRpcPoolReader(spec, local.anvil().rpcUrl(), cache);
  }

  private ChainPoolState readAll(OptionalLong block) {
    return reader(fixture.spec("local"), TokenMetadataCache.inMemory()).read(block);
  }

  @Test
  void recordsEveryPoolTokenReserveAndTheBlockAsTheChainHasThem() throws IOException {
    ChainPoolState s = readAll(OptionalLong.empty());

    long head = chain.blockNumber().longValueExact();
    assertThat(s.name()).isEqualTo("local");
    assertThat(s.chainId()).isEqualTo(31337);
    assertThat(s.block()).isEqualTo(head);
    assertThat(s.observedAt()).isEqualTo(timestamp(head));
    assertThat(s.pools())
        .hasSizeGreaterThanOrEqualTo(30)
        .containsExactlyElementsOf(expectedPools());
    assertThat(s.tokens())
        .hasSizeGreaterThanOrEqualTo(10)
        .containsExactlyElementsOf(expectedTokens());
    assertThat(s.nativeToken()).contains(JsonRpcPoolReader.checksum(fixture.good.get(0).address()));
    assertThat(s.counts().listed()).isEqualTo(fixture.pools.size() + 1);
    assertThat(s.counts().skipped()).isZero();
    assertThat(s.counts().leftOut())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(JsonRpcPoolReader.NO_DECIMALS, 3, JsonRpcPoolReader.ZERO_RESERVE, 1));
    assertThat(s.problems()).containsExactlyInAnyOrderElementsOf(expectedProblems());

    // the mainnet reserves went through unchanged, to the last digit
    assertThat(s.pools())
        .anySatisfy(
            p -> {
              assertThat(p.reserve0().max(p.reserve1())).isEqualTo(PoolFixture.MAINNET_WETH);
              assertThat(p.reserve0().min(p.reserve1())).isEqualTo(PoolFixture.MAINNET_USDC);
            });

    // the snapshot file holds exactly the same, in the format of issue 13
    Path file = dir.resolve("local.json");
    SnapshotJson.write(PoolSnapshots.of("anvil", List.of(s)), file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.get("format_version").asInt()).isEqualTo(2);
    assertThat(root.get("exchanges").size()).isZero();
    JsonNode c = root.get("chains").get(0);
    assertThat(c.get("name").asText()).isEqualTo("local");
    assertThat(c.get("chain_id").asLong()).isEqualTo(31337);
    assertThat(c.get("block").asLong()).isEqualTo(head);
    assertThat(c.get("observed_at").asText()).isEqualTo(timestamp(head).toString());
    assertThat(c.get("native_token").asText()).isEqualTo(s.nativeToken().orElseThrow());
    List<Pool> fromFile = new ArrayList<>();
    for (JsonNode p : c.get("pools")) {
      assertThat(p.get("kind").asText()).isEqualTo("constant-product");
      assertThat(p.get("reserve0").isTextual()).isTrue();
      assertThat(p.get("fee").asText()).isEqualTo("0.003");
      fromFile.add(
          new Pool(
              p.get("address").asText(),
              p.get("dex").asText(),
              new BigDecimal(p.get("fee").asText()),
              p.get("token0").asText(),
              p.get("token1").asText(),
              new BigInteger(p.get("reserve0").asText()),
              new BigInteger(p.get("reserve1").asText())));
    }
    assertThat(fromFile).containsExactlyElementsOf(expectedPools());
    List<Token> tokensFromFile = new ArrayList<>();
    for (JsonNode t : c.get("tokens")) {
      tokensFromFile.add(
          new Token(
              t.get("address").asText(), t.get("symbol").asText(), t.get("decimals").asInt()));
    }
    assertThat(tokensFromFile).containsExactlyElementsOf(expectedTokens());
  }

  @Test
  void aPinnedBlockIsReadAsItWasWhateverHappenedAfter() {
    long pinned = chain.blockNumber().longValueExact();
    ChainPoolState before = readAll(OptionalLong.of(pinned));

    Wallet w = local.wallet(DevAccounts.OWNER);
    List<Seeded> swapped = fixture.pools.subList(0, 3);
    List<BigInteger[]> after = new ArrayList<>();
    for (Seeded p : swapped) {
      // sell 1 % of reserve0 for token1, the most the V2 formula allows
      BigInteger in = p.reserve0().divide(BigInteger.valueOf(100));
      BigInteger out = new ConstantProduct.Hop(p.reserve0(), p.reserve1(), 30).amountOut(in);
      PoolFixture.swap(
          w, p.pair(), p.token0().address(), p.token0().address(), in, out, w.address());
      after.add(new BigInteger[] {p.reserve0().add(in), p.reserve1().subtract(out)});
    }
    Seeded empty = fixture.empty;
    UniswapV2.addLiquidity(
        w,
        empty.pair(),
        empty.token0().address(),
        BigInteger.valueOf(5_000_000),
        empty.token1().address(),
        BigInteger.valueOf(7_000));

    ChainPoolState again = readAll(OptionalLong.of(pinned));
    assertThat(again.block()).isEqualTo(pinned);
    assertThat(again.observedAt()).isEqualTo(before.observedAt());
    assertThat(again.pools()).isEqualTo(before.pools()).containsExactlyElementsOf(expectedPools());

    ChainPoolState latest = readAll(OptionalLong.empty());
    assertThat(latest.block()).isGreaterThan(pinned);
    for (int i = 0; i < swapped.size(); i++) {
      Pool p = pool(latest, swapped.get(i).pair());
      assertThat(p.reserve0()).isEqualTo(after.get(i)[0]);
      assertThat(p.reserve1()).isEqualTo(after.get(i)[1]);
      assertThat(pool(before, swapped.get(i).pair()).reserve0())
          .isEqualTo(swapped.get(i).reserve0());
    }
    Pool filled = pool(latest, empty.pair());
    assertThat(List.of(filled.reserve0(), filled.reserve1()))
        .containsExactly(BigInteger.valueOf(5_000_000), BigInteger.valueOf(7_000));
    assertThat(latest.counts().leftOut()).doesNotContainKey(JsonRpcPoolReader.ZERO_RESERVE);
    assertThat(latest.pools()).hasSize(before.pools().size() + 1);
  }

  @Test
  void aBlockNotMinedYetIsAClearError() {
    long head = chain.blockNumber().longValueExact();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAll(OptionalLong.of(head + 1000)))
        .isInstanceOf(dev.arb.error.ChainException.class)
        .hasMessage(
            "chain: block "
                + (head + 1000)
                + " is not on chain local yet (the latest is "
                + head
                + "); give --block "
                + head
                + " or less");
  }

  @Test
  void maxPoolsBoundsTheEnumerationAndSaysHowManyWereSkipped() {
    ChainSpec all = fixture.spec("local");
    ChainSpec bounded =
        new ChainSpec(
            "local",
            all.chainId(),
            all.nativeToken(),
            List.of(
                new DexSpec(PoolFixture.UNI, fixture.uniFactory, FEE, 5),
                new DexSpec(PoolFixture.SUSHI, fixture.sushiFactory, FEE, 5000)),
            List.of(),
            List.of(),
            7,
            Duration.ofSeconds(10));
    ChainPoolState s = reader(bounded, TokenMetadataCache.inMemory()).read(OptionalLong.empty());

    long uniPairs = fixture.pools.stream().filter(p -> p.dex().equals(PoolFixture.UNI)).count();
    List<Pool> expected = new ArrayList<>(expectedPools().subList(0, 5));
    expected.addAll(
        expectedPools().stream().filter(p -> p.dex().equals(PoolFixture.SUSHI)).toList());
    assertThat(s.pools()).containsExactlyElementsOf(expected);
    assertThat(s.counts().skipped()).isEqualTo(uniPairs - 5);
    assertThat(s.problems())
        .contains(
            "local:"
                + JsonRpcPoolReader.shortAddress(fixture.uniFactory)
                + ": uniswap-v2 lists "
                + uniPairs
                + " pairs; the first 5 are read, "
                + (uniPairs - 5)
                + " skipped (max-pools 5)");
    // batches of 7 calls: more requests than calls / 7
    assertThat(s.counts().requests()).isGreaterThanOrEqualTo(s.counts().calls() / 7);
  }

  @Test
  void anExplicitPoolListReadsOnlyThoseAndNamesTheDexByItsFactory() {
    Seeded uniPool = fixture.pools.get(4);
    Seeded sushiPool =
        fixture.pools.stream().filter(p -> p.dex().equals(PoolFixture.SUSHI)).findFirst().get();
    String notAPair = fixture.good.get(1).address();
    ChainSpec onlyUni =
        new ChainSpec(
            "local",
            OptionalLong.of(31337),
            Optional.empty(),
            List.of(new DexSpec(PoolFixture.UNI, fixture.uniFactory, FEE, 1)),
            List.of(
                uniPool.pair(),
                sushiPool.pair(),
                notAPair,
                uniPool.pair().toUpperCase().replace("0X", "0x")),
            List.of(),
            100,
            Duration.ofSeconds(10));
    ChainPoolState s = reader(onlyUni, TokenMetadataCache.inMemory()).read(OptionalLong.empty());

    assertThat(s.pools()).containsExactly(expected(uniPool));
    assertThat(s.counts().listed()).isEqualTo(1);
    assertThat(s.counts().leftOut())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(JsonRpcPoolReader.UNKNOWN_FACTORY, 1, JsonRpcPoolReader.NOT_A_PAIR, 1));
    assertThat(s.problems())
        .containsExactlyInAnyOrder(
            "local:"
                + JsonRpcPoolReader.shortAddress(sushiPool.pair())
                + ": its factory "
                + JsonRpcPoolReader.checksum(fixture.sushiFactory)
                + " is none of the configured DEXes; left out (add it under dexes)",
            "local:"
                + JsonRpcPoolReader.shortAddress(notAPair)
                + ": factory() reverted (execution reverted); not a Uniswap V2 pair, left out");
    assertThat(s.tokens())
        .extracting(Token::symbol)
        .containsExactlyInAnyOrder(uniPool.token0().symbol(), uniPool.token1().symbol());
  }

  @Test
  void theTokenAllowListLeavesOutEveryPoolWithAnotherToken() {
    List<Tok> allowed = List.of(fixture.good.get(0), fixture.good.get(1), fixture.good.get(3));
    ChainSpec all = fixture.spec("local");
    ChainSpec spec =
        new ChainSpec(
            "local",
            all.chainId(),
            all.nativeToken(),
            all.dexes(),
            List.of(),
            allowed.stream().map(Tok::address).toList(),
            100,
            Duration.ofSeconds(10));
    ChainPoolState s = reader(spec, TokenMetadataCache.inMemory()).read(OptionalLong.empty());

    List<Pool> expected =
        expectedPools().stream()
            .filter(
                p ->
                    allowed.stream()
                            .filter(
                                t ->
                                    t.address().equalsIgnoreCase(p.token0())
                                        || t.address().equalsIgnoreCase(p.token1()))
                            .count()
                        == 2)
            .toList();
    assertThat(expected).isNotEmpty();
    assertThat(s.pools()).containsExactlyElementsOf(expected);
    assertThat(s.tokens())
        .extracting(Token::symbol)
        .containsExactlyInAnyOrder("WETH", "USDC", "DAI");
    // every other pool (the empty one included) is left out for its tokens, no call to them made
    assertThat(s.counts().leftOut())
        .containsExactly(
            Map.entry(JsonRpcPoolReader.NOT_ALLOWED, fixture.pools.size() + 1 - expected.size()));
    assertThat(s.problems()).isEmpty();
  }

  @Test
  void tokenMetadataIsCachedPerChainAndAskedOnlyOnce() {
    Path file = dir.resolve("chains/local-tokens.json");
    TokenMetadataCache first = TokenMetadataCache.at(file);
    ChainPoolState a = reader(fixture.spec("local"), first).read(OptionalLong.empty());
    first.save();
    assertThat(a.counts().tokensFromCache()).isZero();
    assertThat(Files.exists(file)).isTrue();

    ChainPoolState b =
        reader(fixture.spec("local"), TokenMetadataCache.at(file)).read(OptionalLong.empty());
    // the 3 tokens without usable decimals are asked again, the 14 others come from the file
    assertThat(b.counts().tokensFromCache()).isEqualTo(expectedTokens().size());
    assertThat(b.counts().calls()).isEqualTo(a.counts().calls() - 2 * expectedTokens().size());
    assertThat(b.tokens()).isEqualTo(a.tokens());
    assertThat(b.pools()).isEqualTo(a.pools());
    assertThat(b.problems()).containsExactlyInAnyOrderElementsOf(a.problems());
  }

  // --- what the chain holds, from the fixture's own bookkeeping

  private List<Pool> expectedPools() {
    return fixture.readable().stream()
        .sorted(Comparator.comparing(p -> p.dex().equals(PoolFixture.UNI) ? 0 : 1))
        .map(JsonRpcPoolReaderIT::expected)
        .toList();
  }

  private static Pool expected(Seeded p) {
    return new Pool(
        JsonRpcPoolReader.checksum(p.pair()),
        p.dex(),
        FEE,
        JsonRpcPoolReader.checksum(p.token0().address()),
        JsonRpcPoolReader.checksum(p.token1().address()),
        p.reserve0(),
        p.reserve1());
  }

  private List<Token> expectedTokens() {
    return fixture.tokens().stream()
        .filter(t -> t.decimals() >= 0)
        .sorted(Comparator.comparing(Tok::lower))
        .map(
            t ->
                new Token(
                    JsonRpcPoolReader.checksum(t.address()),
                    t.quirk() == Quirk.NONE || t.quirk() == Quirk.SYMBOL_BYTES32
                        ? t.symbol()
                        : JsonRpcPoolReader.shortAddress(t.address()),
                    t.decimals()))
        .toList();
  }

  private List<String> expectedProblems() {
    List<String> out = new ArrayList<>();
    for (Tok t : fixture.odd) {
      String at = "local:" + JsonRpcPoolReader.shortAddress(t.address()) + ": ";
      String named = "; named " + JsonRpcPoolReader.shortAddress(t.address());
      switch (t.quirk()) {
        case SYMBOL_BYTES32 ->
            out.add(at + "symbol() returns bytes32, not a string (an old ERC-20); read as MKR");
        case SYMBOL_REVERTS ->
            out.add(at + "symbol() reverted (execution reverted: no symbol here)" + named);
        case SYMBOL_EMPTY ->
            out.add(
                at + "symbol() returned no data (no contract there, or no such function)" + named);
        case SYMBOL_MALFORMED ->
            out.add(at + "symbol() returned 64 bytes that are not an ABI string" + named);
        case DECIMALS_REVERTS ->
            out.add(at + "decimals() reverted (execution reverted); its pool is left out");
        case DECIMALS_EMPTY ->
            out.add(
                at
                    + "decimals() returned no data (no contract there, or no such function); its"
                    + " pool is left out");
        case NONE ->
            out.add(
                at
                    + "decimals() is 200, more than 77 (no amount of one whole token fits in 256"
                    + " bits); its pool is left out");
        default -> throw new AssertionError(t);
      }
    }
    return out;
  }

  private static Pool pool(ChainPoolState s, String address) {
    return s.pools().stream()
        .filter(p -> p.address().equalsIgnoreCase(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pool " + address));
  }

  private Instant timestamp(long block) {
    try {
      EthBlock b =
          chain
              .web3j()
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
              .send();
      return Instant.ofEpochSecond(b.getBlock().getTimestamp().longValueExact());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
