package dev.arb.engine.pool;

import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names output gives the nodes of a snapshot: an exchange asset by its ticker; a chain token by
 * its symbol, and where two tokens on one chain share a symbol (ignoring case), by symbol plus the
 * shortest checksummed address prefix of at least 4 hex digits that no other token of that symbol
 * shares, e.g. {@code USDT(0xdAC1…)}.
 */
public final class TokenNames {
  private static final TokenNames NONE =
      new TokenNames(new MarketSnapshot(List.of(), List.of(), "none"));

  private final Map<String, Map<Asset, Token>> tokens = new HashMap<>();
  private final Map<String, Map<Asset, String>> names = new HashMap<>();

  private TokenNames(MarketSnapshot snapshot) {
    for (ChainSnapshot c : snapshot.chains()) {
      Map<Asset, Token> byAsset = new HashMap<>();
      Map<String, List<Token>> bySymbol = new HashMap<>();
      for (Token t : c.tokens()) {
        byAsset.put(t.asset(), t);
        bySymbol
            .computeIfAbsent(t.symbol().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(t);
      }
      Map<Asset, String> named = new HashMap<>();
      for (List<Token> same : bySymbol.values()) {
        if (same.size() == 1) {
          named.put(same.get(0).asset(), same.get(0).symbol());
          continue;
        }
        for (Token t : same) {
          int digits = 4;
          while (digits < 40 && sharesPrefix(t, same, digits)) {
            digits++;
          }
          named.put(t.asset(), t.symbol() + "(" + Addresses.shortForm(t.address(), digits) + ")");
        }
      }
      tokens.put(c.name(), byAsset);
      names.put(c.name(), named);
    }
  }

  private static boolean sharesPrefix(Token t, List<Token> same, int digits) {
    String prefix = t.address().substring(0, 2 + digits);
    for (Token o : same) {
      if (o != t && o.address().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** No tokens: every node is named by its asset code. */
  public static TokenNames none() {
    return NONE;
  }

  /** The names of {@code snapshot}'s tokens. */
  public static TokenNames of(MarketSnapshot snapshot) {
    return new TokenNames(snapshot);
  }

  /** The name of the node ({@code venue}, {@code asset}): a token's name, else the asset code. */
  public String name(String venue, Asset asset) {
    Map<Asset, String> named = names.get(venue);
    String n = named == null ? null : named.get(asset);
    return n != null ? n : asset.code();
  }

  /** The name of a token. */
  public String name(Token token) {
    return name(token.chain(), token.asset());
  }

  /** The token at node ({@code venue}, {@code asset}), if it is one. */
  public Optional<Token> token(String venue, Asset asset) {
    Map<Asset, Token> byAsset = tokens.get(venue);
    return Optional.ofNullable(byAsset == null ? null : byAsset.get(asset));
  }
}
