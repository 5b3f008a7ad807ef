package dev.arb.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code arb record --chain} (a mixin of {@link RecordCommand}). */
final class ChainRecordOptions {

  @Option(
      names = "--chain",
      paramLabel = "NAME",
      description =
          "Record the constant-product pools of this chain (arb.chains.NAME, or a chain given"
              + " wholly by --rpc-url and --dex) instead of exchange books.")
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

  @Option(
      names = "--json",
      description = "With --chain: print the summary as JSON instead of one line.")
  boolean json;

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
}
