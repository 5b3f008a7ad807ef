package dev.arb.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.arb.config.ChainConfig.DexConfig;
import dev.arb.config.ChainConfig.RpcUrl;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads {@code arb.chains}: every chain, its DEXes, pools, token allow-list and same-as joins. */
final class ChainsSection {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9.$_+-]{1,32}");
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9.]+");
  private static final String AN_ADDRESS = "an address (0x and 40 hex digits)";

  private ChainsSection() {}

  /** The chains by name, in name order; problems go to {@code r}. */
  static Map<String, ChainConfig> read(ConfigReader r) {
    Map<String, ChainConfig> out = new LinkedHashMap<>();
    r.openContainer("arb.chains");
    ConfigValue all = r.value("arb.chains");
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return out;
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem("arb.chains", all, "an object of chains by name, such as { ethereum { } }");
      return out;
    }
    for (String name : new TreeSet<>(((ConfigObject) all).keySet())) {
      String p = "arb.chains." + name;
      ConfigValue v = ((ConfigObject) all).get(name);
      if (!NAME.matcher(name).matches()) {
        r.note(
            p,
            v.origin(),
            "is not a valid chain name: use lower-case letters, digits and -, such as ethereum");
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(p, v, "an object such as { rpc-url = { env = \"ARB_ETHEREUM_RPC_URL\" } }");
        continue;
      }
      ChainConfig c = chain(r, name, p);
      if (c != null) {
        out.put(name, c);
      }
    }
    return out;
  }

  private static ChainConfig chain(ConfigReader r, String name, String p) {
    int before = r.problems().size();
    Optional<RpcUrl> rpc = rpcUrl(r, p + ".rpc-url");
    Optional<RpcUrl> submit = rpcUrl(r, p + ".submit-url");
    Optional<RpcUrl> ws = rpcUrl(r, p + ".ws-url", List.of("ws", "wss"));
    Long chainId =
        r.integer(p + ".chain-id", 1, Long.MAX_VALUE, "a chain id of at least 1, such as 1");
    if (chainId == null && r.value(p + ".chain-id") == null) {
      r.note(
          p + ".chain-id",
          r.value(p).origin(),
          "is missing; give the chain id the node must report (1 Ethereum, 137 Polygon, 31337"
              + " anvil)");
    }
    String nativeToken = address(r, p + ".native-token", true);
    Map<String, DexConfig> dexes = dexes(r, p + ".dexes");
    List<String> pools = r.stringList(p + ".pools", ADDRESS, "a list of pool addresses");
    List<String> tokens =
        r.stringList(
            p + ".tokens",
            ADDRESS,
            "a list of token addresses (symbols are not unique on a chain, so not symbols)");
    Map<String, String> sameAs = sameAs(r, p + ".same-as");
    Long batchSize =
        r.integer(
            p + ".batch-size",
            1,
            ChainConfig.MAX_BATCH_SIZE,
            "a whole number from 1 to " + ChainConfig.MAX_BATCH_SIZE);
    Duration timeout =
        r.duration(
            p + ".request-timeout", Duration.ZERO, true, false, "a positive duration such as 10s");
    for (DexConfig d : dexes.values()) {
      if (d.concentrated() && tokens.isEmpty() && pools.isEmpty()) {
        r.note(
            p + ".dexes." + d.name(),
            r.value(p + ".dexes." + d.name()).origin(),
            "is a concentrated DEX, whose pools cannot be listed from its factory: give "
                + p
                + ".tokens (its pools are looked up for every pair of them at each fee tier) or "
                + p
                + ".pools");
      }
    }
    if (!pools.isEmpty() && dexes.isEmpty() && r.value(p + ".dexes") == null) {
      r.note(
          p + ".dexes",
          r.value(p + ".pools").origin(),
          "is missing while "
              + p
              + ".pools is set; each pool's factory must be a configured DEX (its name and fee)");
    }
    Optional<ChainConfig.Follow> follow = follow(r, p, nativeToken, sameAs);
    if (r.problems().size() > before || chainId == null) {
      return null;
    }
    return new ChainConfig(
        name,
        rpc,
        chainId,
        Optional.ofNullable(nativeToken),
        dexes,
        pools.stream().map(ChainsSection::lower).distinct().toList(),
        tokens.stream().map(ChainsSection::lower).distinct().toList(),
        sameAs,
        batchSize == null ? ChainConfig.DEFAULT_BATCH_SIZE : batchSize.intValue(),
        timeout == null ? ChainConfig.DEFAULT_REQUEST_TIMEOUT : timeout,
        follow,
        submit,
        ws);
  }

  /**
   * {@code arb.chains.<name>.follow}: the contract, at least one lender, start tokens, hops, poll
   * interval, replace-after-blocks; empty when absent or null (problems go to {@code r}).
   */
  private static Optional<ChainConfig.Follow> follow(
      ConfigReader r, String chain, String nativeToken, Map<String, String> sameAs) {
    String p = chain + ".follow";
    ConfigValue v = r.value(p);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return Optional.empty();
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      r.problem(
          p,
          v,
          "an object such as { contract = \"0x…\", balancer-vault = \"0x…\" } (the deployed"
              + " FlashLoanArbitrage proxy and a lender)");
      return Optional.empty();
    }
    int before = r.problems().size();
    String contract = address(r, p + ".contract", true);
    if (contract == null && r.value(p + ".contract") == null) {
      r.note(
          p + ".contract",
          v.origin(),
          "is missing; give the address of the FlashLoanArbitrage proxy deployed on this chain"
              + " ('arb defi deploy'), whose owner or executor is arb.defi.keystore's account");
    }
    String vault = address(r, p + ".balancer-vault", true);
    String aave = address(r, p + ".aave-pool", true);
    if (vault == null
        && aave == null
        && r.value(p + ".balancer-vault") == null
        && r.value(p + ".aave-pool") == null) {
      r.note(
          p,
          v.origin(),
          "has no lender; set "
              + p
              + ".balancer-vault (the Balancer V2 vault) or "
              + p
              + ".aave-pool (the Aave V3 pool), or both: the loans come from them");
    }
    List<String> starts =
        r.stringList(
            p + ".start-tokens",
            Pattern.compile(SYMBOL.pattern() + "|" + ADDRESS.pattern()),
            "a list of token symbols or addresses, such as [\"WETH\"]");
    if (nativeToken == null && r.value(chain + ".native-token") == null) {
      r.note(
          chain + ".native-token",
          v.origin(),
          "is missing; "
              + p
              + " needs it (gas and the margin are valued in it, and cycles start in it unless "
              + p
              + ".start-tokens says otherwise)");
    }
    Long hops =
        r.integer(p + ".max-hops", 2, 6, "a whole number from 2 to 6 (the contract's limit)");
    Duration poll =
        r.duration(
            p + ".poll-interval", Duration.ZERO, true, false, "a positive duration such as 1s");
    Long replace =
        r.integer(p + ".replace-after-blocks", 1, 1000, "a whole number of blocks from 1 to 1000");
    boolean inventory = r.bool(p + ".inventory", false);
    if (inventory) {
      inventoryJoins(r, chain, p, v, sameAs);
    }
    if (r.problems().size() > before || contract == null || (vault == null && aave == null)) {
      return Optional.empty();
    }
    return Optional.of(
        new ChainConfig.Follow(
            contract,
            Optional.ofNullable(vault),
            Optional.ofNullable(aave),
            starts,
            hops == null ? ChainConfig.Follow.DEFAULT_MAX_HOPS : hops.intValue(),
            poll == null ? ChainConfig.Follow.DEFAULT_POLL_INTERVAL : poll,
            replace == null ? ChainConfig.Follow.DEFAULT_REPLACE_AFTER_BLOCKS : replace.intValue(),
            inventory));
  }

  /**
   * {@code follow.inventory = true} trades the cycles that {@code same-as} joins: at least one join
   * (keyed by the token's address, or by its symbol, which the follower resolves among its pools'
   * tokens).
   */
  private static void inventoryJoins(
      ConfigReader r, String chain, String p, ConfigValue follow, Map<String, String> sameAs) {
    if (sameAs.isEmpty()) {
      r.note(
          p + ".inventory",
          follow.origin(),
          "is true but "
              + chain
              + ".same-as is empty: books and pools meet only through a same-as join; add one"
              + " such as { \"0x<WETH address>\" = \"ETH\" } or set "
              + p
              + ".inventory = false");
    }
  }

  /** A URL string (http or https), or a secret reference to where the URL is kept. */
  private static Optional<RpcUrl> rpcUrl(ConfigReader r, String key) {
    return rpcUrl(r, key, List.of("http", "https"));
  }

  private static Optional<RpcUrl> rpcUrl(ConfigReader r, String key, List<String> schemes) {
    ConfigValue v = r.value(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return Optional.empty();
    }
    if (v.valueType() == ConfigValueType.OBJECT) {
      return r.secret(key).map(RpcUrl.Kept::new);
    }
    String url = r.url(key, schemes);
    return Optional.ofNullable(url).map(RpcUrl.Plain::new);
  }

  private static String address(ConfigReader r, String key, boolean nullable) {
    String s = r.string(key, nullable, AN_ADDRESS);
    if (s == null) {
      return null;
    }
    if (!ADDRESS.matcher(s).matches()) {
      r.problem(key, r.value(key), AN_ADDRESS);
      return null;
    }
    return lower(s);
  }

  private static Map<String, DexConfig> dexes(ConfigReader r, String p) {
    Map<String, DexConfig> out = new LinkedHashMap<>();
    ConfigValue all = r.value(p);
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return out;
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem(p, all, "an object of DEXes by name, such as { uniswap-v2 { factory = \"0x…\" } }");
      return out;
    }
    r.openContainer(p);
    for (String name : new TreeSet<>(((ConfigObject) all).keySet())) {
      String d = p + "." + name;
      ConfigValue v = ((ConfigObject) all).get(name);
      if (!NAME.matcher(name).matches()) {
        r.note(
            d,
            v.origin(),
            "is not a valid DEX name: use lower-case letters, digits and -, such as uniswap-v2");
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(
            d,
            v,
            "an object such as { factory = \"0x…\", fee = 0.003 } or { factory = \"0x…\", kind ="
                + " concentrated }");
        continue;
      }
      String factory = address(r, d + ".factory", true);
      if (factory == null && r.value(d + ".factory") == null) {
        r.note(d + ".factory", v.origin(), "is missing; give the DEX's factory address");
      }
      BigDecimal fee =
          r.decimal(
              d + ".fee",
              BigDecimal.ZERO,
              null,
              false,
              "a fraction from 0 to below 1 (0.003 is 0.3 %)");
      if (fee != null && fee.compareTo(BigDecimal.ONE) >= 0) {
        r.problem(d + ".fee", r.value(d + ".fee"), "a fraction from 0 to below 1 (0.003 is 0.3 %)");
        fee = null;
      }
      Long maxPools = r.integer(d + ".max-pools", 1, 1_000_000, "a whole number from 1 to 1000000");
      String kind = r.string(d + ".kind", true, KINDS);
      if (kind != null
          && !kind.equals(DexConfig.CONSTANT_PRODUCT)
          && !kind.equals(DexConfig.CONCENTRATED)) {
        r.problem(d + ".kind", r.value(d + ".kind"), KINDS);
        continue;
      }
      boolean concentrated = DexConfig.CONCENTRATED.equals(kind);
      List<Integer> tiers = concentrated ? feeTiers(r, d + ".fee-tiers") : List.of();
      Long words =
          concentrated
              ? r.integer(
                  d + ".tick-words",
                  1,
                  DexConfig.MAX_TICK_WORDS,
                  "a whole number from 1 to " + DexConfig.MAX_TICK_WORDS)
              : null;
      if (concentrated && r.value(d + ".fee") != null) {
        r.note(
            d + ".fee",
            r.value(d + ".fee").origin(),
            "is not used by a concentrated DEX: each pool's fee is read from the pool; list the"
                + " tiers to look pools up at in fee-tiers");
        continue;
      }
      if (!concentrated
          && (r.value(d + ".fee-tiers") != null || r.value(d + ".tick-words") != null)) {
        r.note(
            d,
            v.origin(),
            "has fee-tiers or tick-words, which only a concentrated DEX uses; add kind ="
                + " concentrated if it is one (Uniswap V3 and its forks)");
        continue;
      }
      if (factory != null && tiers != null && (fee != null || r.value(d + ".fee") == null)) {
        out.put(
            name,
            new DexConfig(
                name,
                factory,
                fee == null ? DexConfig.DEFAULT_FEE : fee,
                maxPools == null ? DexConfig.DEFAULT_MAX_POOLS : maxPools.intValue(),
                concentrated ? DexConfig.CONCENTRATED : DexConfig.CONSTANT_PRODUCT,
                tiers,
                concentrated
                    ? (words == null ? DexConfig.DEFAULT_TICK_WORDS : words.intValue())
                    : 0));
      }
    }
    return out;
  }

  private static final String KINDS =
      "constant-product (Uniswap V2-style, the default) or" + " concentrated (Uniswap V3-style)";

  /** A concentrated DEX's fee tiers in pips; the default tiers when absent, null when bad. */
  private static List<Integer> feeTiers(ConfigReader r, String key) {
    ConfigValue v = r.value(key);
    String allowed =
        "a list of distinct fee tiers in pips from 1 to 999999, such as [500, 3000, 10000]";
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return DexConfig.DEFAULT_FEE_TIERS;
    }
    if (v.valueType() != ConfigValueType.LIST || ((ConfigList) v).isEmpty()) {
      r.problem(key, v, allowed);
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (ConfigValue e : (ConfigList) v) {
      Object n = e.unwrapped();
      if (e.valueType() != ConfigValueType.NUMBER
          || !(n instanceof Integer || n instanceof Long)
          || ((Number) n).longValue() < 1
          || ((Number) n).longValue() > 999_999
          || out.contains(((Number) n).intValue())) {
        r.problem(key, e, allowed);
        return null;
      }
      out.add(((Number) n).intValue());
    }
    return out;
  }

  /** {@code { WETH = "ETH" }}: chain token (symbol or address) to exchange asset code. */
  private static Map<String, String> sameAs(ConfigReader r, String p) {
    Map<String, String> out = new LinkedHashMap<>();
    r.openContainer(p);
    ConfigValue all = r.value(p);
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return out;
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem(p, all, "an object of chain token to exchange asset, such as { WETH = \"ETH\" }");
      return out;
    }
    ConfigObject o = (ConfigObject) all;
    for (String token : new TreeSet<>(o.keySet())) {
      ConfigValue v = o.get(token);
      String key = p + ".\"" + token + "\"";
      if (!SYMBOL.matcher(token).matches() && !ADDRESS.matcher(token).matches()) {
        r.note(
            key,
            v.origin(),
            "is not a token symbol (letters, digits, . $ _ + -) or address (0x and 40 hex"
                + " digits)");
        continue;
      }
      if (v.valueType() != ConfigValueType.STRING
          || !ASSET.matcher(((String) v.unwrapped()).trim()).matches()) {
        r.problem(key, v, "an exchange asset code such as \"ETH\"");
        continue;
      }
      String asset = ((String) v.unwrapped()).trim().toUpperCase(Locale.ROOT);
      out.put(ADDRESS.matcher(token).matches() ? lower(token) : token, asset);
    }
    return out;
  }

  private static String lower(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
