package dev.arb.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code arb.transfers}: per asset (or per {@code "ASSET:from>to"} route) the withdrawal fee,
 * its fraction, the minimum, the network and the time to arrive.
 */
final class TransfersSection {
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9]+(:[a-z][a-z0-9-]*>[a-z][a-z0-9-]*)?");

  private TransfersSection() {}

  static Map<String, TransferConfig> read(ConfigReader r) {
    Map<String, TransferConfig> out = new LinkedHashMap<>();
    r.openContainer("arb.transfers");
    ConfigValue all = r.value("arb.transfers");
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return out;
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem("arb.transfers", all, "an object by asset, such as { BTC { fee = \"0.0005\" } }");
      return out;
    }
    for (String key : new TreeSet<>(((ConfigObject) all).keySet())) {
      String p = "arb.transfers." + key;
      ConfigValue v = ((ConfigObject) all).get(key);
      if (!KEY.matcher(key).matches()) {
        r.note(p, v.origin(), "is not an asset code (BTC) or a route (\"BTC:kraken>bitstamp\")");
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(p, v, "an object such as { fee = \"0.0005\", minimum = \"0.001\" }");
        continue;
      }
      BigDecimal fee =
          r.decimal(
              p + ".fee",
              BigDecimal.ZERO,
              null,
              false,
              "a fixed fee of 0 or more in units of the asset, such as \"0.0005\"");
      BigDecimal fraction =
          r.decimal(
              p + ".fee-fraction",
              BigDecimal.ZERO,
              new BigDecimal("0.999999"),
              false,
              "a fraction of the amount in [0, 1), such as \"0.001\" for 0.1 %");
      BigDecimal minimum =
          r.decimal(
              p + ".minimum",
              BigDecimal.ZERO,
              null,
              false,
              "the smallest withdrawal, 0 or more, such as \"0.001\"");
      String network = r.string(p + ".network", true, "a network name such as \"BTC\"");
      Duration time =
          r.duration(p + ".time", Duration.ZERO, false, true, "a duration such as 30m, or null");
      out.put(
          key,
          new TransferConfig(
              key,
              fee == null ? BigDecimal.ZERO : fee,
              fraction == null ? BigDecimal.ZERO : fraction,
              minimum == null ? BigDecimal.ZERO : minimum,
              network == null ? "" : network,
              time == null ? Duration.ZERO : time));
    }
    return out;
  }
}
