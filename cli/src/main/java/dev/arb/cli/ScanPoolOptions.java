package dev.arb.cli;

import dev.arb.config.ChainConfig;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Token;
import dev.arb.engine.pool.MinLiquidity;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.sizing.GasModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * How {@code arb scan} treats pools: the liquidity floor, the gas price, same-as joins of chain
 * tokens to exchange assets, and start assets named by token symbol or address. Everything that
 * names a token is checked against the snapshot: a symbol must be unique on its chain (else the
 * message lists the addresses to choose from).
 */
final class ScanPoolOptions {
  /** Most decimals of a gas price in gwei: one wei is 1e-9 gwei. */
  private static final int GWEI_DECIMALS = 9;

  @Option(
      names = "--min-liquidity",
      paramLabel = "TOKEN=AMOUNT",
      description =
          "Keep a pool only when each of its two reserves is worth at least AMOUNT of TOKEN"
              + " (a symbol unique on its chain, or an address), valued at the marginal price of"
              + " its deepest pool with TOKEN; pools whose token has no pool with TOKEN are left"
              + " out. Default: no floor.")
  String minLiquidity;

  @Option(
      names = "--gas-price",
      paramLabel = "GWEI",
      description =
          "Gas price in gwei on every chain (exact decimal, at most 9 places): profits of cycles"
              + " with pool legs are then after gas, valued in the start asset through the"
              + " snapshot's own prices of the chain's native token. Default: none (profits"
              + " before gas).")
  String gasPrice;

  @Option(
      names = "--same-as",
      paramLabel = "TOKEN=ASSET",
      split = ",",
      description =
          "Hold a chain token and an exchange asset as one, at no cost (inventory on both"
              + " sides), e.g. WETH=ETH; TOKEN is a symbol unique on its chain or an address."
              + " Repeatable. Replaces arb.chains.NAME.same-as. Default: the configured joins of"
              + " each chain in the input.")
  List<String> sameAs;

  /**
   * The pool options of a scan of {@code snapshot}: bad values and tokens that cannot be found are
   * added to {@code problems} (each naming its option), what was applied to {@code notes}.
   */
  PoolOptions resolve(
      MarketSnapshot snapshot,
      Map<String, ChainConfig> chains,
      List<String> notes,
      List<String> problems) {
    PoolOptions options = PoolOptions.defaults();
    if (minLiquidity != null) {
      MinLiquidity min = minLiquidity(snapshot, problems);
      if (min != null) {
        options = options.withMinLiquidity(min);
      }
    }
    if (gasPrice != null) {
      BigDecimal gwei = gasPrice(problems);
      if (gwei != null) {
        options = options.withGas(GasModel.defaults().withGasPrice(gwei));
        notes.add(
            snapshot.chains().isEmpty()
                ? "gas price: the input has no pools, so no gas to charge"
                : "gas price: " + gwei.toPlainString() + " gwei on every chain (--gas-price)");
      }
    }
    List<SameAs> joins =
        sameAs != null
            ? optionJoins(snapshot, notes, problems)
            : configuredJoins(snapshot, chains, notes, problems);
    return options.withSameAs(joins);
  }

  private MinLiquidity minLiquidity(MarketSnapshot snapshot, List<String> problems) {
    String[] kv = pair(minLiquidity);
    if (kv == null) {
      problems.add(
          "scan: --min-liquidity must be TOKEN=AMOUNT such as WETH=10, got " + minLiquidity);
      return null;
    }
    BigDecimal amount = decimal(kv[1]);
    if (amount == null || amount.signum() <= 0) {
      problems.add("scan: --min-liquidity needs a positive amount of " + kv[0] + ", got " + kv[1]);
      return null;
    }
    if (snapshot.chains().isEmpty()) {
      problems.add("scan: --min-liquidity filters pools, and the input has none");
      return null;
    }
    boolean found = false;
    for (ChainSnapshot c : snapshot.chains()) {
      List<Token> t = c.find(kv[0]);
      if (t.size() > 1) {
        problems.add(ambiguous("--min-liquidity", kv[0], c, t));
        return null;
      }
      found |= t.size() == 1;
    }
    if (!found) {
      problems.add(
          "scan: --min-liquidity: no token "
              + kv[0]
              + " in the input ("
              + tokenList(snapshot)
              + "); give a symbol or an address of one of them");
      return null;
    }
    return new MinLiquidity(kv[0], amount);
  }

  private BigDecimal gasPrice(List<String> problems) {
    BigDecimal gwei = decimal(gasPrice);
    if (gwei == null || gwei.signum() < 0) {
      problems.add(
          "scan: --gas-price must be a gas price in gwei (0 or more) such as 30 or 0.5, got "
              + gasPrice);
      return null;
    }
    if (gwei.stripTrailingZeros().scale() > GWEI_DECIMALS) {
      problems.add(
          "scan: --gas-price has at most 9 decimals (1 wei is 0.000000001 gwei), got " + gasPrice);
      return null;
    }
    return gwei;
  }

  private List<SameAs> optionJoins(
      MarketSnapshot snapshot, List<String> notes, List<String> problems) {
    List<SameAs> out = new ArrayList<>();
    Set<String> joined = new HashSet<>();
    for (String value : sameAs) {
      String[] kv = pair(value);
      if (kv == null) {
        problems.add("scan: --same-as must be TOKEN=ASSET such as WETH=ETH, got " + value);
        continue;
      }
      Asset asset = exchangeAsset(kv[1], "--same-as " + value, problems);
      if (asset == null) {
        continue;
      }
      boolean found = false;
      for (ChainSnapshot c : snapshot.chains()) {
        List<Token> t = c.find(kv[0]);
        found |= !t.isEmpty();
        if (t.size() > 1) {
          problems.add(ambiguous("--same-as", kv[0], c, t));
        } else if (t.size() == 1) {
          if (!joined.add(c.name() + ":" + t.get(0).address())) {
            problems.add("scan: --same-as joins " + kv[0] + " on " + c.name() + " twice");
            continue;
          }
          out.add(new SameAs(c.name(), t.get(0).asset(), asset));
          notes.add(joinNote(c, t.get(0), asset, snapshot, "--same-as"));
        }
      }
      if (!found) {
        problems.add(
            "scan: --same-as: no token "
                + kv[0]
                + " in the input"
                + (snapshot.chains().isEmpty()
                    ? ", which has no pools"
                    : " (" + tokenList(snapshot) + ")"));
      }
    }
    return out;
  }

  private static List<SameAs> configuredJoins(
      MarketSnapshot snapshot,
      Map<String, ChainConfig> chains,
      List<String> notes,
      List<String> problems) {
    List<SameAs> out = new ArrayList<>();
    for (ChainSnapshot c : snapshot.chains()) {
      ChainConfig cc = chains.get(c.name());
      if (cc == null) {
        continue;
      }
      for (Map.Entry<String, String> e : cc.sameAs().entrySet()) {
        String key = "arb.chains." + c.name() + ".same-as." + e.getKey();
        List<Token> t = c.find(e.getKey());
        Asset asset = exchangeAsset(e.getValue(), key, problems);
        if (asset == null) {
          continue;
        }
        if (t.size() > 1) {
          problems.add(
              "config: "
                  + key
                  + ": "
                  + e.getKey()
                  + " names "
                  + t.size()
                  + " tokens on "
                  + c.name()
                  + "; write the address of the one you mean: "
                  + addresses(t));
        } else if (t.isEmpty()) {
          notes.add(
              "same-as: " + key + " names no token of " + c.name() + " in the input; not joined");
        } else {
          out.add(new SameAs(c.name(), t.get(0).asset(), asset));
          notes.add(joinNote(c, t.get(0), asset, snapshot, key));
        }
      }
    }
    return out;
  }

  /**
   * The start assets a person means by {@code codes}: an address is that token; a symbol is every
   * token of that symbol (one per chain at most, else a problem listing the addresses) and the
   * exchange asset of that code.
   */
  static List<Asset> startAssets(
      List<String> codes, MarketSnapshot snapshot, List<String> problems) {
    LinkedHashSet<Asset> out = new LinkedHashSet<>();
    for (String c : codes) {
      String code = c.trim();
      if (Addresses.isAddress(code)) {
        boolean known = false;
        for (ChainSnapshot chain : snapshot.chains()) {
          known |= chain.token(code).isPresent();
        }
        if (!known) {
          problems.add("scan: --start " + code + ": no token at this address in the input");
        }
        out.add(new Asset(code));
        continue;
      }
      boolean token = false;
      for (ChainSnapshot chain : snapshot.chains()) {
        List<Token> t = chain.find(code);
        if (t.size() > 1) {
          problems.add(ambiguous("--start", code, chain, t));
        } else if (t.size() == 1) {
          out.add(t.get(0).asset());
          token = true;
        }
      }
      try {
        out.add(Asset.of(code));
      } catch (IllegalArgumentException e) {
        if (!token) {
          problems.add("scan: --start " + e.getMessage());
        }
      }
    }
    return List.copyOf(out);
  }

  private static Asset exchangeAsset(String code, String where, List<String> problems) {
    try {
      Asset a = Asset.of(code);
      if (a.isToken()) {
        problems.add(
            "scan: "
                + where
                + ": a chain token is joined to an exchange asset such as ETH, not to an"
                + " address");
        return null;
      }
      return a;
    } catch (IllegalArgumentException e) {
      problems.add("scan: " + where + ": " + e.getMessage());
      return null;
    }
  }

  private static String joinNote(
      ChainSnapshot c, Token t, Asset asset, MarketSnapshot snapshot, String from) {
    boolean listed = false;
    for (OrderBook b : snapshot.books()) {
      listed |= b.market().base().equals(asset) || b.market().quote().equals(asset);
    }
    return "same-as: "
        + t.symbol()
        + " on "
        + c.name()
        + " = "
        + asset.code()
        + " on every exchange ("
        + from
        + ")"
        + (listed ? "" : "; no exchange in the input lists " + asset.code());
  }

  private static String ambiguous(String option, String symbol, ChainSnapshot c, List<Token> t) {
    return "scan: "
        + option
        + ": "
        + symbol
        + " names "
        + t.size()
        + " tokens on "
        + c.name()
        + "; give the address of the one you mean: "
        + addresses(t);
  }

  private static String addresses(List<Token> tokens) {
    StringJoiner j = new StringJoiner(", ");
    for (Token t : tokens) {
      j.add(t.checksumAddress());
    }
    return j.toString();
  }

  private static String tokenList(MarketSnapshot snapshot) {
    StringJoiner j = new StringJoiner(", ");
    for (ChainSnapshot c : snapshot.chains()) {
      StringJoiner s = new StringJoiner(", ", c.name() + ": ", "");
      int shown = 0;
      for (Token t : c.tokens()) {
        if (shown++ == 10) {
          s.add("…");
          break;
        }
        s.add(t.symbol());
      }
      j.add(s.toString());
    }
    return j.toString();
  }

  /** {@code KEY=VALUE} split at the last {@code =}, both parts trimmed and not blank. */
  private static String[] pair(String value) {
    int eq = value.lastIndexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      return null;
    }
    String k = value.substring(0, eq).trim();
    String v = value.substring(eq + 1).trim();
    return k.isEmpty() || v.isEmpty() ? null : new String[] {k, v};
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
