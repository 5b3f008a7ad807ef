package dev.arb.cli.wiring;

import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.JsonRpcPoolReader;
import dev.arb.defi.pools.PoolSnapshots;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.engine.model.MarketSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Opens the chain adapter: reads a chain's pools over JSON-RPC, with the token cache of the data
 * dir.
 */
public final class ChainPools {
  private ChainPools() {}

  /**
   * The pools of {@code spec} at one block.
   *
   * @param state what was read
   * @param shownUrl the RPC URL as it may be shown (no key)
   */
  public record Read(ChainPoolState state, String shownUrl) {
    /**
     * What was read as the engine's snapshot (no books): its problems are the reader's and anything
     * the engine's model refused; the core writes it as a version-2 file ({@code SnapshotJson}).
     */
    public MarketSnapshot snapshot(String source) {
      return PoolSnapshots.of(source, List.of(state));
    }
  }

  /** Reads {@code spec}'s pools at {@code block} (latest when empty) and saves the token cache. */
  public static Read read(ChainSpec spec, String rpcUrl, Path dataDir, OptionalLong block) {
    TokenMetadataCache cache = TokenMetadataCache.at(cacheFile(dataDir, spec.name()));
    JsonRpcPoolReader reader = new JsonRpcPoolReader(spec, rpcUrl, cache);
    ChainPoolState s = reader.read(block);
    cache.save();
    return new Read(s, reader.shownUrl());
  }

  /** The chain's token cache under the data dir. */
  public static Path cacheFile(Path dataDir, String chain) {
    return dataDir.resolve("chains").resolve(chain + "-tokens.json");
  }
}
