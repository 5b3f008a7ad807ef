package dev.arb.xchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.PrivateFiles;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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

  /** The cached markets if fetched from {@code baseUrl} less than {@code ttl} ago. */
  Optional<List<VenueMarket>> read(String exchange, String baseUrl, Duration ttl) {
    Path f = file(exchange);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
      if (root.path("version").asInt() != VERSION
          || !root.path("base_url").asText("").equals(baseUrl)) {
        return Optional.empty();
      }
      Instant fetched = Instant.parse(root.path("fetched_at").asText());
      if (!fetched.plus(ttl).isAfter(clock.instant())) {
        return Optional.empty();
      }
      List<VenueMarket> out = new ArrayList<>();
      for (JsonNode m : root.path("markets")) {
        out.add(
            new VenueMarket(
                new Market(
                    exchange,
                    Asset.of(m.path("base").asText()),
                    Asset.of(m.path("quote").asText()),
                    new BigDecimal(m.path("taker_fee").asText()),
                    new BigDecimal(m.path("lot_size").asText()),
                    new BigDecimal(m.path("tick_size").asText()),
                    new BigDecimal(m.path("min_amount").asText()),
                    new BigDecimal(m.path("min_notional").asText())),
                m.path("venue_base").asText(),
                m.path("venue_quote").asText(),
                m.path("fee_from_venue").asBoolean()));
      }
      return Optional.of(out);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable metadata cache {}: {}", f, e.toString());
      return Optional.empty();
    }
  }

  /** Replaces the cached markets (best effort: a write failure is logged, not thrown). */
  void write(String exchange, String baseUrl, List<VenueMarket> markets) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("exchange", exchange);
    root.put("base_url", baseUrl);
    root.put("fetched_at", clock.instant().toString());
    ArrayNode arr = root.putArray("markets");
    for (VenueMarket vm : markets) {
      Market m = vm.market();
      ObjectNode o = arr.addObject();
      o.put("base", m.base().code());
      o.put("quote", m.quote().code());
      o.put("venue_base", vm.venueBase());
      o.put("venue_quote", vm.venueQuote());
      o.put("taker_fee", m.takerFee().toPlainString());
      o.put("fee_from_venue", vm.feeFromVenue());
      o.put("lot_size", m.lotSize().toPlainString());
      o.put("tick_size", m.tickSize().toPlainString());
      o.put("min_amount", m.minAmount().toPlainString());
      o.put("min_notional", m.minNotional().toPlainString());
    }
    Path f = file(exchange);
    try {
      PrivateFiles.directories(dir);
      Path tmp = Files.createTempFile(dir, "." + exchange, ".tmp");
      try {
        Files.writeString(
            tmp,
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
            StandardCharsets.UTF_8);
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
