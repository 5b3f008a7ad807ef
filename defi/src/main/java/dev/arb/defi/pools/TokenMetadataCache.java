package dev.arb.defi.pools;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arb.config.PrivateFiles;
import dev.arb.engine.json.Json;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token symbols and decimals already read from one chain, kept in a small JSON file (one per chain,
 * under the data dir) so a later record does not ask again: ERC-20 metadata does not change. The
 * file is bound to the chain by its chain id and genesis block hash, so a dev chain restarted with
 * other tokens at the same addresses never gets stale entries. Tokens whose decimals could not be
 * read are not kept (they are asked again next time).
 */
public final class TokenMetadataCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenMetadataCache.class);

  /**
   * What is known of one token.
   *
   * @param symbol the symbol as written to snapshots
   * @param decimals 0 to 77
   * @param note what was not standard about it (reported again each time it is used), or empty
   */
  public record Entry(String symbol, int decimals, Optional<String> note) {
    public Entry {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(note, "note");
    }
  }

  /** The file's form. */
  private record FileForm(
      long chainId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String genesis,
      List<FileToken> tokens) {}

  private record FileToken(
      String address,
      String symbol,
      int decimals,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}

  private final Optional<Path> file;
  private final Map<String, Entry> entries = new TreeMap<>();
  private long chainId;
  private String genesis;
  private boolean changed;

  private TokenMetadataCache(Optional<Path> file) {
    this.file = file;
  }

  /** A cache that lives only as long as this object (nothing is written). */
  public static TokenMetadataCache inMemory() {
    return new TokenMetadataCache(Optional.empty());
  }

  /**
   * A cache kept in {@code file}: read now if it exists (a file that cannot be read or parsed is
   * ignored and replaced on {@link #save}), written by {@link #save}.
   */
  public static TokenMetadataCache at(Path file) {
    TokenMetadataCache c = new TokenMetadataCache(Optional.of(file));
    if (Files.isRegularFile(file)) {
      try {
        FileForm f = Json.reader().forType(FileForm.class).readValue(file.toFile());
        c.chainId = f.chainId();
        c.genesis = f.genesis();
        for (FileToken t : f.tokens() == null ? List.<FileToken>of() : f.tokens()) {
          if (t.address() != null
              && t.symbol() != null
              && t.decimals() >= 0
              && t.decimals() <= JsonRpcPoolReader.MAX_DECIMALS) {
            c.entries.put(
                t.address().toLowerCase(Locale.ROOT),
                new Entry(t.symbol(), t.decimals(), Optional.ofNullable(t.note())));
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("token cache {} cannot be read ({}); it is rebuilt", file, e.getMessage());
        c.entries.clear();
      }
    }
    return c;
  }

  /**
   * Binds the cache to the chain read now: entries kept for another chain (other id or genesis
   * block) are dropped.
   */
  void bind(long chainId, String genesisHash) {
    String g = genesisHash.toLowerCase(Locale.ROOT);
    if (this.chainId != chainId || !g.equals(genesis)) {
      if (!entries.isEmpty()) {
        LOG.info("token cache was kept for another chain; it is rebuilt");
        changed = true;
      }
      entries.clear();
      this.chainId = chainId;
      this.genesis = g;
    }
  }

  /** What is kept for {@code address} (any case). */
  Optional<Entry> get(String address) {
    return Optional.ofNullable(entries.get(address.toLowerCase(Locale.ROOT)));
  }

  /** Keeps what was read of {@code address}. */
  void put(String address, Entry entry) {
    Entry old = entries.put(address.toLowerCase(Locale.ROOT), entry);
    changed |= !entry.equals(old);
  }

  /** How many tokens are kept. */
  public int size() {
    return entries.size();
  }

  /**
   * Writes the file (atomically, through a temporary file) if anything changed; nothing for an
   * in-memory cache.
   *
   * @throws ChainException if the file cannot be written
   */
  public void save() {
    if (file.isEmpty() || !changed) {
      return;
    }
    Path target = file.get().toAbsolutePath();
    List<FileToken> tokens = new ArrayList<>();
    entries.forEach(
        (a, e) -> tokens.add(new FileToken(a, e.symbol(), e.decimals(), e.note().orElse(null))));
    try {
      PrivateFiles.directories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tokens-", ".tmp");
      try {
        Json.prettyWriter().writeValue(tmp.toFile(), new FileForm(chainId, genesis, tokens));
        try {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      changed = false;
    } catch (IOException e) {
      throw new ChainException(
          "chain: cannot write the token cache " + target + ": " + e.getMessage(), e);
    }
  }
}
