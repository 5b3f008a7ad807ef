package dev.arb.defi.pools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.arb.error.ArbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An arb snapshot of format version 2 holding chains (the {@code chains} section; {@code exchanges}
 * empty): records that mirror the file one to one, written and read with Jackson. Amounts, the fee,
 * square-root prices and liquidities are strings (exact); addresses are checksummed.
 */
public final class PoolSnapshotFile {
  /** The format version written. */
  public static final int FORMAT_VERSION = 2;

  /** The {@code kind} of a Uniswap-V2-style pool. */
  public static final String CONSTANT_PRODUCT = "constant-product";

  /** The {@code kind} of a Uniswap-V3-style (concentrated-liquidity) pool. */
  public static final String CONCENTRATED = "concentrated";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private PoolSnapshotFile() {}

  /**
   * The whole file.
   *
   * @param formatVersion {@value #FORMAT_VERSION}
   * @param source free text saying where the data came from
   * @param exchanges order books (version 1's section); empty here
   * @param chains one entry per chain
   */
  public record Document(
      int formatVersion, String source, List<JsonNode> exchanges, List<Chain> chains) {
    public Document {
      Objects.requireNonNull(source, "source");
      exchanges = exchanges == null ? List.of() : List.copyOf(exchanges);
      chains = chains == null ? List.of() : List.copyOf(chains);
    }
  }

  /**
   * One chain at one block.
   *
   * @param name the chain's name in arb
   * @param chainId its chain id
   * @param block the block the pools were read at (null when unknown)
   * @param observedAt the block's timestamp, ISO-8601 UTC
   * @param nativeToken the wrapped native token's address, or null
   * @param tokens every token of the pools
   * @param pools the pools
   */
  public record Chain(
      String name,
      long chainId,
      Long block,
      String observedAt,
      String nativeToken,
      List<Token> tokens,
      List<Pool> pools) {
    public Chain {
      Objects.requireNonNull(name, "name");
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
      pools = pools == null ? List.of() : List.copyOf(pools);
    }
  }

  /**
   * A token.
   *
   * @param address checksummed address
   * @param symbol its symbol
   * @param decimals its decimals
   */
  public record Token(String address, String symbol, int decimals) {}

  /**
   * A pool: a constant-product one has the reserves, a concentrated one the price, liquidity and
   * ticks (the other kind's fields are null and not written).
   *
   * @param address checksummed address
   * @param dex the DEX's name
   * @param kind {@value #CONSTANT_PRODUCT} or {@value #CONCENTRATED}
   * @param fee the fee as a decimal string fraction, such as {@code "0.003"}
   * @param token0 checksummed address of token0
   * @param token1 checksummed address of token1
   * @param reserve0 reserve of token0 as an integer string, smallest units
   * @param reserve1 reserve of token1 as an integer string, smallest units
   * @param tickSpacing a concentrated pool's tick spacing
   * @param sqrtPriceX96 its {@code slot0} square-root price, an integer string
   * @param tick its {@code slot0} tick
   * @param liquidity its active liquidity, an integer string
   * @param tickRange {@code [lowest, highest]}: the ticks whose initialized ones are all listed
   * @param ticks the initialized ticks of that range, sorted
   */
  public record Pool(
      String address,
      String dex,
      String kind,
      String fee,
      String token0,
      String token1,
      String reserve0,
      String reserve1,
      Integer tickSpacing,
      String sqrtPriceX96,
      Integer tick,
      String liquidity,
      List<Integer> tickRange,
      List<Tick> ticks) {
    /** A constant-product pool. */
    public Pool(
        String address,
        String dex,
        String kind,
        String fee,
        String token0,
        String token1,
        String reserve0,
        String reserve1) {
      this(
          address, dex, kind, fee, token0, token1, reserve0, reserve1, null, null, null, null, null,
          null);
    }
  }

  /**
   * An initialized tick of a concentrated pool.
   *
   * @param index the tick
   * @param liquidityNet its signed {@code liquidityNet}, an integer string
   */
  public record Tick(int index, String liquidityNet) {}

  /** The file of {@code chains} read by {@link JsonRpcPoolReader}. */
  public static Document of(String source, List<ChainPoolState> chains) {
    return new Document(
        FORMAT_VERSION, source, List.of(), chains.stream().map(PoolSnapshotFile::chain).toList());
  }

  private static Chain chain(ChainPoolState s) {
    List<Pool> pools = new ArrayList<>();
    for (ChainPoolState.Pool p : s.pools()) {
      pools.add(
          new Pool(
              p.address(),
              p.dex(),
              CONSTANT_PRODUCT,
              p.fee().toPlainString(),
              p.token0(),
              p.token1(),
              p.reserve0().toString(),
              p.reserve1().toString()));
    }
    for (ChainPoolState.ConcentratedPool p : s.concentratedPools()) {
      pools.add(concentrated(p));
    }
    return new Chain(
        s.name(),
        s.chainId(),
        s.block(),
        s.observedAt().toString(),
        s.nativeToken().orElse(null),
        s.tokens().stream().map(t -> new Token(t.address(), t.symbol(), t.decimals())).toList(),
        pools);
  }

  private static Pool concentrated(ChainPoolState.ConcentratedPool p) {
    return new Pool(
        p.address(),
        p.dex(),
        CONCENTRATED,
        p.fee().toPlainString(),
        p.token0(),
        p.token1(),
        null,
        null,
        p.tickSpacing(),
        p.sqrtPriceX96().toString(),
        p.tick(),
        p.liquidity().toString(),
        List.of(p.tickLowest(), p.tickHighest()),
        p.ticks().stream().map(t -> new Tick(t.index(), t.liquidityNet().toString())).toList());
  }

  /** The document as JSON text, indented, ending with a newline. */
  public static String json(Document d) {
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    try {
      return JSON.writer(pretty).writeValueAsString(d) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a snapshot as JSON", e);
    }
  }

  /**
   * Writes {@code d} to {@code file} through a temporary file in the same folder, so a reader never
   * sees half a file.
   *
   * @throws ArbException if it cannot be written
   */
  public static void write(Document d, Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".snapshot-", ".tmp");
      try {
        Files.writeString(tmp, json(d), StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ArbException("cannot write the snapshot " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file written by {@link #write} (no validation beyond the JSON shape: the engine's
   * snapshot reader checks the values).
   *
   * @throws ArbException if it cannot be read or is not such a file
   */
  public static Document read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Document.class);
    } catch (IOException e) {
      throw new ArbException("cannot read the snapshot " + file + ": " + e.getMessage(), e);
    }
  }
}
