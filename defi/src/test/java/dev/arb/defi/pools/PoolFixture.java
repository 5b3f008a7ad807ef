package dev.arb.defi.pools;

import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Two Uniswap V2 DEXes (the real factory and pair bytecode of {@code @uniswap/v2-core}) on a local
 * chain, with 10 well-behaved tokens of 0 to 24 decimals, 7 tokens whose metadata misbehaves, 39
 * pools with seeded reserves and one pool without liquidity. Every reserve is what was paid into
 * the pair before its {@code mint}, so the fixture knows the chain's state without reading it.
 */
final class PoolFixture {
  /** The DEX names used in the specs. */
  static final String UNI = "uniswap-v2";

  static final String SUSHI = "sushiswap";

  /** USDC/WETH reserves of the mainnet Uniswap V2 pair at block 11,000,000 (issue 13). */
  static final BigInteger MAINNET_USDC = new BigInteger("176560092727090");

  static final BigInteger MAINNET_WETH = new BigInteger("524595304157729979983018");

  private static final RevertDecoder DECODER = new RevertDecoder();
  private static final BigInteger SUPPLY = BigInteger.TEN.pow(60);

  /** A token as deployed; {@code decimals} -1 when {@code decimals()} misbehaves. */
  record Tok(String address, String symbol, int decimals, Quirk quirk) {
    String lower() {
      return address.toLowerCase(Locale.ROOT);
    }
  }

  /** {@code MetadataToken.Quirk}, in its order. */
  enum Quirk {
    NONE,
    SYMBOL_BYTES32,
    SYMBOL_REVERTS,
    SYMBOL_EMPTY,
    SYMBOL_MALFORMED,
    DECIMALS_REVERTS,
    DECIMALS_EMPTY
  }

  /** A pool as seeded: token0 < token1 by address, reserves as paid in (0 if none). */
  record Seeded(
      String pair, String dex, Tok token0, Tok token1, BigInteger reserve0, BigInteger reserve1) {}

  final String uniFactory;
  final String sushiFactory;
  final List<Tok> good = new ArrayList<>();
  final List<Tok> odd = new ArrayList<>();
  final List<Seeded> pools = new ArrayList<>();
  final Seeded empty;

  private PoolFixture(Wallet w, Path contracts) {
    uniFactory = UniswapV2.deployFactory(w, contracts).toLowerCase(Locale.ROOT);
    sushiFactory = UniswapV2.deployFactory(w, contracts).toLowerCase(Locale.ROOT);
    good.add(testToken(w, "WETH"));
    good.add(metadataToken(w, "USDC", 6, Quirk.NONE));
    good.add(metadataToken(w, "USDT", 6, Quirk.NONE));
    good.add(testToken(w, "DAI"));
    good.add(metadataToken(w, "WBTC", 8, Quirk.NONE));
    good.add(testToken(w, "UNI"));
    good.add(testToken(w, "LINK"));
    good.add(metadataToken(w, "ZRO", 0, Quirk.NONE));
    good.add(metadataToken(w, "GUSD", 2, Quirk.NONE));
    good.add(metadataToken(w, "YAM", 24, Quirk.NONE));
    odd.add(metadataToken(w, "MKR", 18, Quirk.SYMBOL_BYTES32));
    odd.add(metadataToken(w, "NOSYM", 18, Quirk.SYMBOL_REVERTS));
    odd.add(metadataToken(w, "EMPTYSYM", 9, Quirk.SYMBOL_EMPTY));
    odd.add(metadataToken(w, "BADSYM", 12, Quirk.SYMBOL_MALFORMED));
    odd.add(metadataToken(w, "NODEC", 18, Quirk.DECIMALS_REVERTS));
    odd.add(metadataToken(w, "EMPTYDEC", 18, Quirk.DECIMALS_EMPTY));
    odd.add(metadataToken(w, "HUGE", 200, Quirk.NONE));

    Random random = new Random(13);
    List<Tok[]> combos = new ArrayList<>();
    for (int i = 0; i < good.size(); i++) {
      for (int j = i + 1; j < good.size(); j++) {
        combos.add(new Tok[] {good.get(i), good.get(j)});
      }
    }
    // DEX uniswap-v2: USDC/WETH with the mainnet reserves, then 19 more pairs of good tokens
    seed(w, UNI, uniFactory, good.get(1), MAINNET_USDC, good.get(0), MAINNET_WETH);
    for (Tok[] c : combos.subList(1, 20)) {
      seed(w, UNI, uniFactory, c[0], amount(random, c[0]), c[1], amount(random, c[1]));
    }
    // DEX sushiswap: 12 pairs in a seeded shuffle (some also on uniswap-v2: parallel pools)
    List<Tok[]> shuffled = new ArrayList<>(combos);
    Collections.shuffle(shuffled, random);
    for (Tok[] c : shuffled.subList(0, 12)) {
      seed(w, SUSHI, sushiFactory, c[0], amount(random, c[0]), c[1], amount(random, c[1]));
    }
    // every odd token against WETH on uniswap-v2
    for (Tok t : odd) {
      BigInteger a =
          BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1000 + random.nextInt(9000)));
      seed(w, UNI, uniFactory, t, a, good.get(0), amount(random, good.get(0)));
    }
    // a sushiswap pair nobody added liquidity to
    Tok[] none = shuffled.get(12);
    String pair = UniswapV2.createPair(w, sushiFactory, none[0].address(), none[1].address());
    empty = ordered(pair, SUSHI, none[0], BigInteger.ZERO, none[1], BigInteger.ZERO);
  }

  /** Deploys everything from {@code owner}. */
  static PoolFixture deploy(Wallet owner, Path contracts) {
    return new PoolFixture(owner, contracts);
  }

  /** A spec reading both DEXes, every pool. */
  ChainSpec spec(String name) {
    return new ChainSpec(
        name,
        java.util.OptionalLong.of(31337),
        java.util.Optional.of(good.get(0).address()),
        List.of(
            new DexSpec(UNI, uniFactory, new java.math.BigDecimal("0.003"), 5000),
            new DexSpec(SUSHI, sushiFactory, new java.math.BigDecimal("0.0030"), 5000)),
        List.of(),
        List.of(),
        100,
        java.time.Duration.ofSeconds(10));
  }

  /** Every pool with liquidity whose tokens both have usable decimals, in fixture order. */
  List<Seeded> readable() {
    return pools.stream().filter(p -> p.token0.decimals >= 0 && p.token1.decimals >= 0).toList();
  }

  /** All tokens. */
  List<Tok> tokens() {
    List<Tok> all = new ArrayList<>(good);
    all.addAll(odd);
    return all;
  }

  /** Up to 10^(decimals) times 100 to 10,000,000, seeded. */
  private static BigInteger amount(Random random, Tok t) {
    BigInteger whole = BigInteger.valueOf(100 + (long) (random.nextDouble() * 9_999_900));
    return whole.multiply(BigInteger.TEN.pow(t.decimals));
  }

  private void seed(
      Wallet w, String dex, String factory, Tok a, BigInteger amountA, Tok b, BigInteger amountB) {
    String pair = UniswapV2.createPair(w, factory, a.address(), b.address());
    UniswapV2.addLiquidity(w, pair, a.address(), amountA, b.address(), amountB);
    pools.add(ordered(pair, dex, a, amountA, b, amountB));
  }

  private static Seeded ordered(
      String pair, String dex, Tok a, BigInteger amountA, Tok b, BigInteger amountB) {
    boolean aFirst = a.lower().compareTo(b.lower()) < 0;
    return aFirst
        ? new Seeded(pair.toLowerCase(Locale.ROOT), dex, a, b, amountA, amountB)
        : new Seeded(pair.toLowerCase(Locale.ROOT), dex, b, a, amountB, amountA);
  }

  private static Tok testToken(Wallet w, String symbol) {
    String a = Erc20.deployTestToken(w, symbol + " (test)", symbol, SUPPLY);
    return new Tok(a.toLowerCase(Locale.ROOT), symbol, 18, Quirk.NONE);
  }

  private static Tok metadataToken(Wallet w, String symbol, int decimals, Quirk quirk) {
    ContractArtifact a = ContractArtifact.fromClasspath("test/MetadataToken");
    String code =
        a.bytecode()
            + FunctionEncoder.encodeConstructor(
                Arrays.asList(
                    new Utf8String(symbol + " (test)"),
                    new Utf8String(symbol),
                    new Uint8(decimals),
                    new Uint8(quirk.ordinal()),
                    new Uint256(SUPPLY)));
    String address = w.deploy(code, a.revertDecoder()).toLowerCase(Locale.ROOT);
    boolean usable =
        quirk != Quirk.DECIMALS_REVERTS
            && quirk != Quirk.DECIMALS_EMPTY
            && decimals <= JsonRpcPoolReader.MAX_DECIMALS;
    return new Tok(address, symbol, usable ? decimals : -1, quirk);
  }

  /**
   * Sends {@code amountIn} of {@code tokenIn} into {@code pair} and swaps it for {@code amountOut}
   * of the other token, paid to {@code to}: what a router does, without one.
   */
  static void swap(
      Wallet w,
      String pair,
      String token0,
      String tokenIn,
      BigInteger amountIn,
      BigInteger amountOut,
      String to) {
    Erc20.transfer(w, tokenIn, pair, amountIn);
    swapOut(w, pair, token0, tokenIn, amountOut, to);
  }

  /** Calls {@code pair.swap} for {@code amountOut} of the token that is not {@code tokenIn}. */
  static void swapOut(
      Wallet w, String pair, String token0, String tokenIn, BigInteger amountOut, String to) {
    boolean inIs0 = tokenIn.equalsIgnoreCase(token0);
    w.transact(
        pair,
        FunctionEncoder.encode(
            new Function(
                "swap",
                List.of(
                    new Uint256(inIs0 ? BigInteger.ZERO : amountOut),
                    new Uint256(inIs0 ? amountOut : BigInteger.ZERO),
                    new Address(to),
                    new DynamicBytes(new byte[0])),
                List.of())),
        DECODER);
  }
}
