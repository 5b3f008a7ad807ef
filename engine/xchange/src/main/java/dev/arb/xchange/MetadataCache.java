package dev.arb.xchange;

import dev.arb.config.PrivateFiles;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.xchange.spi.VenueMarket;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchange metadata (markets, fees, lot and tick sizes, minimums) kept on disk as JSON in {@code
 * <data-dir>/exchanges/<name>.markets.json}, so a restart within the TTL does not fetch it again.
 * An entry is used only for the same base URL it was fetched from; an unreadable file is ignored
 * (and replaced by the next fetch).
 */
final class MetadataCache {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataCache.class);
  private static final int VERSION = 1;

  private final Path dir;
  private final Clock clock;

  MetadataCache(Path dataDir, Clock clock) {
    this.dir = dataDir.resolve("exchanges");
    this.clock = clock;
  }

  Path file(String exchange) {
    return dir.resolve(exchange + ".markets.json");
  }

  /** The cache file, in this key order. */
  record CacheFile(
      int version,
      String exchange,
      String baseUrl,
      Instant fetchedAt,
      List<CachedMarket> markets) {}

  /** One market of the cache file: arb's and the venue's names, fees and limits. */
  record CachedMarket(
      String base,
      String quote,
      String venueBase,
      String venueQuote,
      BigDecimal takerFee,
      boolean feeFromVenue,
      BigDecimal lotSize,
      BigDecimal tickSize,
      BigDecimal minAmount,
      BigDecimal minNotional) {}

  /** The cached markets if fetched from {@code baseUrl} less than {@code ttl} ago. */
  Optional<List<VenueMarket>> read(String exchange, String baseUrl, Duration ttl) {
    Path f = file(exchange);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      CacheFile c = Json.read(Files.readString(f, StandardCharsets.UTF_8), CacheFile.class);
      if (c == null
          || c.version() != VERSION
          || !baseUrl.equals(c.baseUrl())
          || c.fetchedAt() == null
          || c.markets() == null) {
        return Optional.empty();
      }
      if (!c.fetchedAt().plus(ttl).isAfter(clock.instant())) {
        return Optional.empty();
      }
      List<VenueMarket> out = new ArrayList<>();
      for (CachedMarket m : c.markets()) {
        out.add(
            new VenueMarket(
                new Market(
                    exchange,
                    Asset.of(m.base()),
                    Asset.of(m.quote()),
                    m.takerFee(),
                    m.lotSize(),
                    m.tickSize(),
                    m.minAmount(),
                    m.minNotional()),
                m.venueBase(),
                m.venueQuote(),
                m.feeFromVenue()));
      }
      return Optional.of(out);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable metadata cache {}: {}", f, e.toString());
      return Optional.empty();
    }
  }

  /** Replaces the cached markets (best effort: a write failure is logged, not thrown). */
  void write(String exchange, String baseUrl, List<VenueMarket> markets) {
    List<CachedMarket> cached = new ArrayList<>(markets.size());
    for (VenueMarket vm : markets) {
      Market m = vm.market();
      cached.add(
          new CachedMarket(
              m.base().code(),
              m.quote().code(),
              vm.venueBase(),
              vm.venueQuote(),
              m.takerFee(),
              vm.feeFromVenue(),
              m.lotSize(),
              m.tickSize(),
              m.minAmount(),
              m.minNotional()));
    }
    CacheFile root = new CacheFile(VERSION, exchange, baseUrl, clock.instant(), cached);
    Path f = file(exchange);
    try {
      PrivateFiles.directories(dir);
      Path tmp = Files.createTempFile(dir, "." + exchange, ".tmp");
      try {
        Files.writeString(tmp, Json.pretty(root), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      LOG.warn("cannot write metadata cache {}: {}", f, e.toString());
    }
  }
}
