package dev.arb.defi.contract;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint112;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * Uniswap V2 factories and pairs, deployed from the real {@code @uniswap/v2-core} 1.0.1 bytecode
 * (npm) and used directly, without a router.
 */
public final class UniswapV2 {
  /** Where the npm artifacts are, relative to {@code contracts/}. */
  public static final String BUILD_DIR = "node_modules/@uniswap/v2-core/build";

  /** Fee of every Uniswap V2 pair, in basis points. */
  public static final int FEE_BPS = 30;

  private static final RevertDecoder DECODER = new RevertDecoder();

  /**
   * Reserves of a pair, in base units of each token.
   *
   * @param token0 the pair's token0 (the lower address)
   * @param token1 the pair's token1
   */
  public record Reserves(String token0, String token1, BigInteger reserve0, BigInteger reserve1) {
    /** Reserve of {@code token} (either side). */
    public BigInteger of(String token) {
      if (token.equalsIgnoreCase(token0)) {
        return reserve0;
      }
      if (token.equalsIgnoreCase(token1)) {
        return reserve1;
      }
      throw new IllegalArgumentException(token + " is not in pair " + token0 + "/" + token1);
    }
  }

  private UniswapV2() {}

  /** Deploys a UniswapV2Factory (one "DEX") whose fee setter is the deployer. */
  public static String deployFactory(Wallet deployer, Path contractsDir) {
    ContractArtifact a =
        ContractArtifact.fromFile(contractsDir.resolve(BUILD_DIR).resolve("UniswapV2Factory.json"));
    return deployer.deploy(Abi.creation(a.bytecode(), Abi.address(deployer.address())), DECODER);
  }

  /** Creates the pair of two tokens in a factory and returns its address. */
  public static String createPair(Wallet wallet, String factory, String tokenA, String tokenB) {
    wallet.transact(
        factory, Abi.call("createPair", Abi.address(tokenA), Abi.address(tokenB)), DECODER);
    String pair = getPair(wallet.chain(), factory, tokenA, tokenB);
    if (new BigInteger(pair.substring(2), 16).signum() == 0) {
      throw new ChainException("uniswap: factory " + factory + " created no pair");
    }
    return pair;
  }

  /** The pair of two tokens in a factory (zero address if none). */
  public static String getPair(ChainClient chain, String factory, String tokenA, String tokenB) {
    String out = chain.view(factory, Abi.call("getPair", Abi.address(tokenA), Abi.address(tokenB)));
    return ((String) Abi.decode(out, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code address} answers like a Uniswap V2 factory ({@code allPairsLength()} returns a
   * number): false for an account without code and for other contracts.
   */
  public static boolean isFactory(ChainClient chain, String address) {
    CallResult r =
        chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("allPairsLength"), DECODER);
    return r instanceof CallResult.Success ok && ok.data().length() == 2 + 64;
  }

  /**
   * The factory {@code address} says created it, if it answers {@code factory()} with an address (a
   * Uniswap V2 pair does); empty for an account without code and for other contracts.
   */
  public static Optional<String> factoryOf(ChainClient chain, String address) {
    CallResult r = chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("factory"), DECODER);
    if (!(r instanceof CallResult.Success ok) || ok.data().length() != 2 + 64) {
      return Optional.empty();
    }
    return Optional.of(
        ((String) Abi.decode(ok.data(), Abi.addressRef()).get(0).getValue())
            .toLowerCase(Locale.ROOT));
  }

  /** The factory that created {@code pair}: which DEX it belongs to. */
  public static String factory(ChainClient chain, String pair) {
    String out = chain.view(pair, Abi.call("factory"));
    return ((String) Abi.decode(out, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }

  /** Pays both amounts into the pair and mints liquidity to the wallet. */
  public static void addLiquidity(
      Wallet wallet,
      String pair,
      String tokenA,
      BigInteger amountA,
      String tokenB,
      BigInteger amountB) {
    Erc20.transfer(wallet, tokenA, pair, amountA);
    Erc20.transfer(wallet, tokenB, pair, amountB);
    wallet.transact(pair, Abi.call("mint", Abi.address(wallet.address())), DECODER);
  }

  /** The pair as a hop selling {@code tokenIn}, from its current reserves. */
  public static ConstantProduct.Hop hop(
      ChainClient chain, String pair, String tokenIn, int feeBps) {
    Reserves r = reserves(chain, pair);
    String tokenOut = tokenIn.equalsIgnoreCase(r.token0()) ? r.token1() : r.token0();
    return new ConstantProduct.Hop(r.of(tokenIn), r.of(tokenOut), feeBps);
  }

  /**
   * Exactly what the V2 hops of {@code route} pay out at the current reserves for the route's
   * amount, as the contract computes each hop (the pair's own {@code getAmountOut} at the hop's fee
   * in basis points, rounded down): the last hop's output, base units of the route's token. Tokens
   * that charge a fee on transfer are not modelled.
   *
   * @throws IllegalArgumentException if the route has a V3 hop (simulate it instead)
   */
  public static BigInteger routeOutput(ChainClient chain, FlashRoute route) {
    if (!route.onlyV2Hops()) {
      throw new IllegalArgumentException(
          "route has a V3 hop: its exact output comes from simulating execute (eth_call)");
    }
    BigInteger amount = route.amount();
    String tokenIn = route.token();
    for (FlashRoute.Hop hop : route.hops()) {
      Reserves r = reserves(chain, hop.pool());
      amount =
          new ConstantProduct.Hop(r.of(tokenIn), r.of(hop.tokenOut()), hop.feeBps())
              .amountOut(amount);
      tokenIn = hop.tokenOut();
    }
    return amount;
  }

  /** Current reserves of a pair, read in one JSON-RPC batch. */
  @SuppressWarnings("rawtypes")
  public static Reserves reserves(ChainClient chain, String pair) {
    List<String> out =
        chain.viewBatch(
            List.of(
                Map.entry(pair, Abi.call("token0")),
                Map.entry(pair, Abi.call("token1")),
                Map.entry(pair, Abi.call("getReserves"))));
    String t0 = (String) Abi.decode(out.get(0), Abi.addressRef()).get(0).getValue();
    String t1 = (String) Abi.decode(out.get(1), Abi.addressRef()).get(0).getValue();
    List<Type> r =
        Abi.decode(
            out.get(2),
            new TypeReference<Uint112>() {},
            new TypeReference<Uint112>() {},
            new TypeReference<Uint32>() {});
    return new Reserves(
        t0.toLowerCase(Locale.ROOT),
        t1.toLowerCase(Locale.ROOT),
        (BigInteger) r.get(0).getValue(),
        (BigInteger) r.get(1).getValue());
  }
}
