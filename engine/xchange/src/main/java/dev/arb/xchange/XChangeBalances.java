package dev.arb.xchange;

import dev.arb.engine.source.AssetAliases;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.knowm.xchange.dto.account.AccountInfo;
import org.knowm.xchange.dto.account.Balance;
import org.knowm.xchange.dto.account.Wallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An account's available balances from XChange's {@code AccountInfo}, in arb's asset codes. */
final class XChangeBalances {
  private static final Logger LOG = LoggerFactory.getLogger(XChangeBalances.class);

  private XChangeBalances() {}

  /**
   * The spot wallet's available amounts (its total where the exchange gives no available amount),
   * by arb's asset code; zero balances and assets arb cannot name are left out.
   *
   * @param exchange the exchange, for the log
   */
  static Map<String, BigDecimal> available(String exchange, AccountInfo info) {
    Wallet wallet = tradingWallet(info);
    Map<String, BigDecimal> out = new HashMap<>();
    if (wallet == null) {
      return out;
    }
    for (Balance b : wallet.getBalances().values()) {
      BigDecimal free = b.getAvailable() != null ? b.getAvailable() : b.getTotal();
      if (free == null || free.signum() == 0) {
        continue;
      }
      try {
        out.merge(
            AssetAliases.asset(b.getCurrency().getCurrencyCode()).code(), free, BigDecimal::add);
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: balance of {} left out: {}", exchange, b.getCurrency(), x.getMessage());
      }
    }
    return out;
  }

  /** The spot wallet: the one with TRADING but not MARGIN_TRADING, else the only or first one. */
  private static Wallet tradingWallet(AccountInfo info) {
    Wallet first = null;
    for (Wallet w : info.getWallets().values()) {
      if (first == null) {
        first = w;
      }
      if (w.getFeatures() != null
          && w.getFeatures().contains(Wallet.WalletFeature.TRADING)
          && !w.getFeatures().contains(Wallet.WalletFeature.MARGIN_TRADING)) {
        return w;
      }
    }
    return first;
  }
}
