package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arb.config.ArbConfig;
import dev.arb.config.ChainConfig;
import dev.arb.config.SecretResolver;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.pools.ChainPoolState;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.defi.pools.JsonRpcPoolReader;
import dev.arb.defi.pools.PoolSnapshotFile;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code arb record --chain NAME}: reads the chain's constant-product pools at one block and writes
 * them as a version-2 snapshot, with a one-line (or JSON) summary on stdout and what was wrong with
 * pools and tokens on stderr.
 */
final class ChainRecorder {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern DEX =
      Pattern.compile("([a-z][a-z0-9-]*)=(0x[0-9a-fA-F]{40})(?::([0-9.]+))?");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The {@code --json} summary.
   *
   * @param chain the chain's name
   * @param chainId the chain id the node reported
   * @param block the block read
   * @param observedAt the block's time, ISO-8601
   * @param output the file written
   * @param pools pools written
   * @param leftOut pools left out
   * @param leftOutByReason pools left out by reason code
   * @param skipped factory pairs beyond max-pools, not read
   * @param tokens tokens written
   * @param tokensFromCache tokens whose metadata came from the cache
   * @param calls JSON-RPC calls made
   * @param requests HTTP requests sent
   * @param seconds wall time of the read, decimal string
   * @param problems what was wrong and handled
   */
  record Summary(
      String chain,
      long chainId,
      long block,
      String observedAt,
      String output,
      int pools,
      int leftOut,
      Map<String, Integer> leftOutByReason,
      long skipped,
      int tokens,
      int tokensFromCache,
      int calls,
      int requests,
      String seconds,
      List<String> problems) {}

  private ChainRecorder() {}

  /** Records; returns the exit code. */
  static int record(ChainRecordOptions o, Path output, ArbConfig cfg, CliContext ctx) {
    if (o.chain == null) {
      throw new ConfigException(
          "record: --rpc-url, --dex, --pool, --max-pools, --chain-id and --block need --chain NAME");
    }
    if (!NAME.matcher(o.chain).matches()) {
      throw new ConfigException(
          "record: --chain must be a chain name of lower-case letters, digits and -, such as"
              + " ethereum, got "
              + o.chain);
    }
    if (o.block != null && o.block < 0) {
      throw new ConfigException(
          "record: --block must be a block number (0 or more), got " + o.block);
    }
    Optional<ChainConfig> configured = Optional.ofNullable(cfg.chains().get(o.chain));
    ChainSpec spec = spec(o, configured);
    String url = rpcUrl(o, configured, ctx);
    TokenMetadataCache cache = TokenMetadataCache.at(cacheFile(cfg.dataDir(), o.chain));
    JsonRpcPoolReader reader = new JsonRpcPoolReader(spec, url, cache);
    ChainPoolState s =
        reader.read(o.block == null ? OptionalLong.empty() : OptionalLong.of(o.block));
    cache.save();

    for (String p : s.problems()) {
      ctx.err().println("warning: " + p);
    }
    if (s.poolCount() == 0) {
      ctx.err()
          .println(
              "record: no pool of chain "
                  + o.chain
                  + " could be read at block "
                  + s.block()
                  + "; nothing written");
      return ExitCode.FAILURE;
    }
    PoolSnapshotFile.write(
        PoolSnapshotFile.of(
            "arb record --chain " + o.chain + " (" + reader.shownUrl() + ") at block " + s.block(),
            List.of(s)),
        output);
    if (o.json) {
      ctx.out().println(json(summary(s, output)));
    } else {
      ctx.out().println(line(s, output));
    }
    return ExitCode.OK;
  }

  /** The chain's token cache under the data dir. */
  static Path cacheFile(Path dataDir, String chain) {
    return dataDir.resolve("chains").resolve(chain + "-tokens.json");
  }

  private static ChainSpec spec(ChainRecordOptions o, Optional<ChainConfig> configured) {
    List<DexSpec> dexes = new ArrayList<>();
    int maxPools = o.maxPools == null ? ChainConfig.DexConfig.DEFAULT_MAX_POOLS : o.maxPools;
    if (maxPools < 1) {
      throw new ConfigException("record: --max-pools must be at least 1, got " + maxPools);
    }
    if (o.maxPools != null && o.dexes.isEmpty()) {
      throw new ConfigException(
          "record: --max-pools applies to --dex; for configured DEXes set"
              + " arb.chains."
              + o.chain
              + ".dexes.NAME.max-pools");
    }
    for (String d : o.dexes) {
      dexes.add(dex(d, maxPools));
    }
    for (String p : o.pools) {
      if (!ADDRESS.matcher(p).matches()) {
        throw new ConfigException(
            "record: --pool must be a pool address (0x and 40 hex digits), got " + p);
      }
    }
    if (configured.isEmpty() && dexes.isEmpty()) {
      throw new ConfigException(
          "record: chain "
              + o.chain
              + " is not configured in arb.chains; give its DEXes with --dex NAME=FACTORY[:FEE]"
              + " (and --rpc-url URL), or configure arb.chains."
              + o.chain);
    }
    try {
      if (configured.isEmpty()) {
        return new ChainSpec(
            o.chain,
            o.chainId == null ? OptionalLong.empty() : OptionalLong.of(o.chainId),
            Optional.empty(),
            dexes,
            o.pools,
            List.of(),
            ChainConfig.DEFAULT_BATCH_SIZE,
            ChainConfig.DEFAULT_REQUEST_TIMEOUT);
      }
      ChainSpec c = ChainSpec.of(configured.get());
      return new ChainSpec(
          c.name(),
          o.chainId == null ? c.chainId() : OptionalLong.of(o.chainId),
          c.nativeToken(),
          dexes.isEmpty() ? c.dexes() : dexes,
          o.pools.isEmpty() ? c.pools() : o.pools,
          c.tokens(),
          c.batchSize(),
          c.requestTimeout());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("record: " + e.getMessage());
    }
  }

  private static DexSpec dex(String value, int maxPools) {
    Matcher m = DEX.matcher(value);
    String expected =
        "record: --dex must be NAME=FACTORY or NAME=FACTORY:FEE, such as"
            + " uniswap-v2=0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f:0.003, got "
            + value;
    if (!m.matches()) {
      throw new ConfigException(expected);
    }
    BigDecimal fee = DexSpec.UNISWAP_V2_FEE;
    if (m.group(3) != null) {
      try {
        fee = new BigDecimal(m.group(3));
      } catch (NumberFormatException e) {
        throw new ConfigException(expected);
      }
      if (fee.compareTo(BigDecimal.ONE) >= 0) {
        throw new ConfigException(
            "record: the fee of --dex "
                + m.group(1)
                + " must be a fraction from 0 to below 1"
                + " (0.003 is 0.3 %), got "
                + m.group(3));
      }
    }
    return new DexSpec(m.group(1), m.group(2), fee, maxPools);
  }

  private static String rpcUrl(
      ChainRecordOptions o, Optional<ChainConfig> configured, CliContext ctx) {
    String url;
    String from;
    if (o.rpcUrl != null) {
      url = o.rpcUrl;
      from = "--rpc-url";
    } else if (configured.isPresent() && configured.get().rpcUrl().isPresent()) {
      String key = "arb.chains." + o.chain + ".rpc-url";
      from = key;
      ChainConfig.RpcUrl r = configured.get().rpcUrl().get();
      url =
          r instanceof ChainConfig.RpcUrl.Kept k
              ? new SecretResolver(ctx.env()).resolve(key, k.ref()).reveal()
              : ((ChainConfig.RpcUrl.Plain) r).url();
    } else {
      throw new ConfigException(
          "record: no RPC URL for chain "
              + o.chain
              + "; give --rpc-url URL or set arb.chains."
              + o.chain
              + ".rpc-url");
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return url;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below, without the URL's path and query
    }
    throw new ConfigException(
        "record: "
            + from
            + " must be an http:// or https:// URL with a host, got "
            + ChainClient.redact(url));
  }

  static Summary summary(ChainPoolState s, Path output) {
    return new Summary(
        s.name(),
        s.chainId(),
        s.block(),
        s.observedAt().toString(),
        output.toString(),
        s.poolCount(),
        s.counts().leftOutTotal(),
        s.counts().leftOut(),
        s.counts().skipped(),
        s.tokens().size(),
        s.counts().tokensFromCache(),
        s.counts().calls(),
        s.counts().requests(),
        seconds(s),
        s.problems());
  }

  private static String seconds(ChainPoolState s) {
    return BigDecimal.valueOf(s.counts().elapsed().toMillis(), 3).toPlainString();
  }

  static String json(Summary summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the summary as JSON", e);
    }
  }

  /**
   * {@code local block 1234 (2024-05-01T10:00:00Z): 36 pools, 14 tokens, 4 left out (3 no decimals,
   * 1 zero reserve) written to f.json; 312 calls in 6 requests, 0.420 s}.
   */
  static String line(ChainPoolState s, Path output) {
    StringBuilder b =
        new StringBuilder()
            .append(s.name())
            .append(" block ")
            .append(s.block())
            .append(" (")
            .append(s.observedAt())
            .append("): ")
            .append(s.poolCount())
            .append(" pools, ")
            .append(s.tokens().size())
            .append(" tokens, ")
            .append(s.counts().leftOutTotal())
            .append(" left out");
    if (!s.counts().leftOut().isEmpty()) {
      b.append(" (")
          .append(
              s.counts().leftOut().entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                  .collect(Collectors.joining(", ")))
          .append(')');
    }
    if (s.counts().skipped() > 0) {
      b.append(", ").append(s.counts().skipped()).append(" skipped over max-pools");
    }
    return b.append(" written to ")
        .append(output)
        .append("; ")
        .append(s.counts().calls())
        .append(" calls in ")
        .append(s.counts().requests())
        .append(" requests, ")
        .append(seconds(s))
        .append(" s")
        .toString();
  }
}
