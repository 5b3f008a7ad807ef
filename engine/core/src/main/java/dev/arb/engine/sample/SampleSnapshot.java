package dev.arb.engine.sample;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The snapshot shipped inside arb: Binance.US top of book for 45 markets at 2023-03-02 15:36 UTC,
 * from the MO-book (Postek et al., <i>Hands-On Mathematical Optimization with Python</i>, notebook
 * 4.5, MIT; {@code LICENSE.MO-book} beside the resource), converted to arb's snapshot format with
 * exchange {@code binanceus} and taker fee 0, as the source states. At zero fees it holds real
 * opportunities (best simple cycle 14.774 bp at length 7).
 */
public final class SampleSnapshot {
  /** Classpath location of the sample. */
  public static final String RESOURCE = "/dev/arb/engine/sample/binanceus-2023-03-02.snapshot.json";

  /** The {@link MarketSnapshot#source()} of the sample. */
  public static final String SOURCE =
      "sample: Binance.US top of book 2023-03-02 15:36 UTC (MO-book, MIT), fees 0";

  /**
   * Classpath location of the sample with pools: the same books plus the {@code ethereum} chain
   * with 12 Uniswap V2 and SushiSwap pairs between USDC, WETH, DAI and USDT, their reserves real
   * mainnet state recorded by dexbotdev/uniswap-v2-v3-arbitrage (MIT, {@code
   * LICENSE.uniswap-v2-v3-arbitrage} beside the resource) at or before 2023-06-18 (block not
   * stated). A snapshot of format version 2; the books and the pools are not from one moment.
   */
  public static final String WITH_POOLS_RESOURCE =
      "/dev/arb/engine/sample/binanceus-2023-03-02-with-pools.snapshot.json";

  /** The {@link MarketSnapshot#source()} of the sample with pools. */
  public static final String WITH_POOLS_SOURCE =
      "sample with pools: Binance.US top of book 2023-03-02 15:36 UTC (MO-book, MIT), fees 0;"
          + " 12 Uniswap V2 and SushiSwap pairs on Ethereum, real reserves recorded at or before"
          + " 2023-06-18 (dexbotdev/uniswap-v2-v3-arbitrage, MIT): not the books' moment";

  private SampleSnapshot() {}

  /** Loads the sample; it is part of the jar, so failing to load it is a packaging bug. */
  public static MarketSnapshot load() {
    return load(RESOURCE, SOURCE);
  }

  /** Loads the sample with pools (see {@link #WITH_POOLS_RESOURCE}). */
  public static MarketSnapshot loadWithPools() {
    return load(WITH_POOLS_RESOURCE, WITH_POOLS_SOURCE);
  }

  private static MarketSnapshot load(String resource, String source) {
    try (InputStream in = SampleSnapshot.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("sample snapshot " + resource + " is missing from the jar");
      }
      MarketSnapshot s = SnapshotJson.read(in, source);
      return new MarketSnapshot(s.books(), s.problems(), source, s.chains());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample snapshot " + resource, e);
    }
  }
}
