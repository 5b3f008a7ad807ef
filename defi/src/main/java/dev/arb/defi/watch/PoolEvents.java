package dev.arb.defi.watch;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The pool events the watch follows, decoded from {@code eth_getLogs} entries. A V2 pair emits
 * {@code Sync(reserve0, reserve1)} after every swap, mint, burn and sync: the new reserves, so the
 * state is exact. A V3 pool's {@code Swap} carries the new price, liquidity and tick (its ticks'
 * {@code liquidityNet} do not change in a swap); {@code Mint} adds liquidity between two ticks;
 * {@code Burn} removes it, and whether a tick stays initialized cannot be told from the event.
 */
final class PoolEvents {
  private PoolEvents() {}

  /** {@code Sync(uint112,uint112)} of a V2 pair. */
  static final String SYNC = topic("Sync(uint112,uint112)");

  /** {@code Swap(address,address,int256,int256,uint160,uint128,int24)} of a V3 pool. */
  static final String V3_SWAP = topic("Swap(address,address,int256,int256,uint160,uint128,int24)");

  /** {@code Mint(address,address,int24,int24,uint128,uint256,uint256)} of a V3 pool. */
  static final String V3_MINT = topic("Mint(address,address,int24,int24,uint128,uint256,uint256)");

  /** {@code Burn(address,int24,int24,uint128,uint256,uint256)} of a V3 pool. */
  static final String V3_BURN = topic("Burn(address,int24,int24,uint128,uint256,uint256)");

  /** Every topic followed. */
  static final List<String> TOPICS = List.of(SYNC, V3_SWAP, V3_MINT, V3_BURN);

  private static String topic(String signature) {
    return Hash.sha3String(signature).toLowerCase(Locale.ROOT);
  }

  /** One decoded event. */
  sealed interface Event permits Sync, Swap, Mint, Burn, Other {
    String pool();

    long block();

    String blockHash();
  }

  /** New reserves of a V2 pair. */
  record Sync(String pool, long block, String blockHash, BigInteger reserve0, BigInteger reserve1)
      implements Event {}

  /** A V3 swap: the pool's state after it. */
  record Swap(
      String pool,
      long block,
      String blockHash,
      BigInteger sqrtPriceX96,
      BigInteger liquidity,
      int tick)
      implements Event {}

  /** Liquidity added to a V3 pool between two ticks. */
  record Mint(
      String pool, long block, String blockHash, int tickLower, int tickUpper, BigInteger amount)
      implements Event {}

  /** Liquidity removed from a V3 pool. */
  record Burn(String pool, long block, String blockHash) implements Event {}

  /** An event of a followed pool that is none of the above: the pool is read again. */
  record Other(String pool, long block, String blockHash) implements Event {}

  /**
   * Decodes one log entry as {@code eth_getLogs} answers it (a JSON object).
   *
   * @throws IllegalArgumentException if the entry is malformed
   */
  static Event decode(Map<?, ?> log) {
    String pool = text(log, "address").toLowerCase(Locale.ROOT);
    long block = Numeric.toBigInt(text(log, "blockNumber")).longValueExact();
    String hash = text(log, "blockHash").toLowerCase(Locale.ROOT);
    Object t = log.get("topics");
    if (!(t instanceof List<?> topics) || topics.isEmpty()) {
      return new Other(pool, block, hash);
    }
    String topic0 = String.valueOf(topics.get(0)).toLowerCase(Locale.ROOT);
    String data = Numeric.cleanHexPrefix(text(log, "data"));
    if (topic0.equals(SYNC) && data.length() == 128) {
      return new Sync(pool, block, hash, word(data, 0), word(data, 1));
    }
    if (topic0.equals(V3_SWAP) && data.length() == 5 * 64) {
      return new Swap(pool, block, hash, word(data, 2), word(data, 3), signed(data, 4));
    }
    if (topic0.equals(V3_MINT) && data.length() == 4 * 64 && topics.size() == 4) {
      return new Mint(
          pool, block, hash, signedTopic(topics.get(2)), signedTopic(topics.get(3)), word(data, 1));
    }
    if (topic0.equals(V3_BURN)) {
      return new Burn(pool, block, hash);
    }
    return new Other(pool, block, hash);
  }

  private static String text(Map<?, ?> log, String key) {
    Object v = log.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("a log entry has no " + key);
    }
    return s;
  }

  private static BigInteger word(String data, int i) {
    return new BigInteger(data.substring(64 * i, 64 * (i + 1)), 16);
  }

  private static int signed(String data, int i) {
    return new BigInteger(Numeric.hexStringToByteArray(data.substring(64 * i, 64 * (i + 1))))
        .intValueExact();
  }

  private static int signedTopic(Object topic) {
    return signed(Numeric.cleanHexPrefix(Objects.toString(topic)), 0);
  }
}
