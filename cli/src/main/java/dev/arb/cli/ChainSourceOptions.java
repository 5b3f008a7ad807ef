package dev.arb.cli;

import dev.arb.config.ChainConfig;
import dev.arb.config.SecretResolver;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options that choose a chain and what to read of it: a mixin of {@code arb record --chain}
 * ({@link RecordCommand}) and {@code arb scan --chain} ({@link ScanCommand}). They interpret
 * themselves over {@code arb.chains.NAME}; usage errors start with the command's name ({@link
 * #command}).
 */
final class ChainSourceOptions {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern DEX =
      Pattern.compile("([a-z][a-z0-9-]*)=(0x[0-9a-fA-F]{40})(?::([0-9.]+))?");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  @Option(
      names = "--chain",
      paramLabel = "NAME",
      description =
          "The constant-product pools (Uniswap V2 and its forks) of this chain: arb.chains.NAME,"
              + " or a chain given wholly by --rpc-url and --dex.")
  String chain;

  @Option(
      names = "--rpc-url",
      paramLabel = "URL",
      description =
          "JSON-RPC URL of the chain (http or https); overrides arb.chains.NAME.rpc-url. A URL"
              + " with an API key is better kept in the environment: rpc-url = { env = \"VAR\" }.")
  String rpcUrl;

  @Option(
      names = "--dex",
      paramLabel = "NAME=FACTORY[:FEE]",
      description =
          "A Uniswap V2 style DEX: its name, factory address and fee (fraction, default 0.003)."
              + " Repeatable; replaces arb.chains.NAME.dexes.")
  List<String> dexes = new ArrayList<>();

  @Option(
      names = "--pool",
      paramLabel = "ADDRESS",
      description =
          "Read only this pool (repeatable); its factory must be one of the DEXes. Replaces"
              + " arb.chains.NAME.pools.")
  List<String> pools = new ArrayList<>();

  @Option(
      names = "--max-pools",
      paramLabel = "N",
      description = "Most pairs read from each --dex factory, oldest first. Default: 5000.")
  Integer maxPools;

  @Option(
      names = "--chain-id",
      paramLabel = "ID",
      description =
          "The chain id the node must report. Default: arb.chains.NAME.chain-id; a chain that is"
              + " not configured accepts the node's.")
  Long chainId;

  @Option(
      names = "--block",
      paramLabel = "N",
      description = "Read the pools as they were at this block. Default: the latest block.")
  Long block;

  /** The command whose options these are, first word of its usage errors. */
  String command = "record";

  /** Whether any chain option was given. */
  boolean given() {
    return chain != null
        || rpcUrl != null
        || !dexes.isEmpty()
        || !pools.isEmpty()
        || maxPools != null
        || chainId != null
        || block != null;
  }

  /** Checks the chain name and block; throws a usage error naming the option. */
  void validate() {
    if (chain == null) {
      throw new ConfigException(
          command
              + ": --rpc-url, --dex, --pool, --max-pools, --chain-id and --block need --chain NAME");
    }
    if (!NAME.matcher(chain).matches()) {
      throw new ConfigException(
          command
              + ": --chain must be a chain name of lower-case letters, digits and -, such as"
              + " ethereum, got "
              + chain);
    }
    if (block != null && block < 0) {
      throw new ConfigException(
          command + ": --block must be a block number (0 or more), got " + block);
    }
  }

  /** The block to read: the given one, or the latest. */
  OptionalLong blockToRead() {
    return block == null ? OptionalLong.empty() : OptionalLong.of(block);
  }

  /** What to read, from these options over the configured chain (if any). */
  ChainSpec spec(Optional<ChainConfig> configured) {
    List<DexSpec> dexSpecs = new ArrayList<>();
    int most = maxPools == null ? ChainConfig.DexConfig.DEFAULT_MAX_POOLS : maxPools;
    if (most < 1) {
      throw new ConfigException(command + ": --max-pools must be at least 1, got " + most);
    }
    if (maxPools != null && dexes.isEmpty()) {
      throw new ConfigException(
          command
              + ": --max-pools applies to --dex; for configured DEXes set"
              + " arb.chains."
              + chain
              + ".dexes.NAME.max-pools");
    }
    for (String d : dexes) {
      dexSpecs.add(dex(d, most));
    }
    for (String p : pools) {
      if (!ADDRESS.matcher(p).matches()) {
        throw new ConfigException(
            command + ": --pool must be a pool address (0x and 40 hex digits), got " + p);
      }
    }
    if (configured.isEmpty() && dexSpecs.isEmpty()) {
      throw new ConfigException(
          command
              + ": chain "
              + chain
              + " is not configured in arb.chains; give its DEXes with --dex NAME=FACTORY[:FEE]"
              + " (and --rpc-url URL), or configure arb.chains."
              + chain);
    }
    try {
      if (configured.isEmpty()) {
        return new ChainSpec(
            chain,
            chainId == null ? OptionalLong.empty() : OptionalLong.of(chainId),
            Optional.empty(),
            dexSpecs,
            pools,
            List.of(),
            ChainConfig.DEFAULT_BATCH_SIZE,
            ChainConfig.DEFAULT_REQUEST_TIMEOUT);
      }
      ChainSpec c = ChainSpec.of(configured.get());
      return new ChainSpec(
          c.name(),
          chainId == null ? c.chainId() : OptionalLong.of(chainId),
          c.nativeToken(),
          dexSpecs.isEmpty() ? c.dexes() : dexSpecs,
          pools.isEmpty() ? c.pools() : pools,
          c.tokens(),
          c.batchSize(),
          c.requestTimeout());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(command + ": " + e.getMessage());
    }
  }

  private DexSpec dex(String value, int maxPools) {
    Matcher m = DEX.matcher(value);
    String expected =
        command
            + ": --dex must be NAME=FACTORY or NAME=FACTORY:FEE, such as"
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
            command
                + ": the fee of --dex "
                + m.group(1)
                + " must be a fraction from 0 to below 1"
                + " (0.003 is 0.3 %), got "
                + m.group(3));
      }
    }
    return new DexSpec(m.group(1), m.group(2), fee, maxPools);
  }

  /** The RPC URL: --rpc-url, else the configured one (a secret reference resolved from env). */
  String rpcUrl(Optional<ChainConfig> configured, Map<String, String> env) {
    String url;
    String from;
    if (rpcUrl != null) {
      url = rpcUrl;
      from = "--rpc-url";
    } else if (configured.isPresent() && configured.get().rpcUrl().isPresent()) {
      String key = "arb.chains." + chain + ".rpc-url";
      from = key;
      ChainConfig.RpcUrl r = configured.get().rpcUrl().get();
      url =
          r instanceof ChainConfig.RpcUrl.Kept k
              ? new SecretResolver(env).resolve(key, k.ref()).reveal()
              : ((ChainConfig.RpcUrl.Plain) r).url();
    } else {
      throw new ConfigException(
          command
              + ": no RPC URL for chain "
              + chain
              + "; give --rpc-url URL or set arb.chains."
              + chain
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
        command
            + ": "
            + from
            + " must be an http:// or https:// URL with a host, got "
            + ChainClient.redact(url));
  }
}
