package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What moving one asset between exchanges costs ({@code arb.transfers.<ASSET>}, or {@code
 * arb.transfers."<ASSET>:<from>><to>"} for one route), used by {@code arb scan --transfers=fees}.
 *
 * @param key the asset code, or {@code ASSET:from>to} for one route
 * @param fee fixed withdrawal fee in units of the asset, &ge; 0
 * @param feeFraction withdrawal fee as a fraction of the amount, 0 &le; f &lt; 1
 * @param minimum smallest withdrawal, &ge; 0
 * @param network the network it travels on ({@code ""} when not said)
 * @param time how long it takes to arrive
 */
public record TransferConfig(
    String key,
    BigDecimal fee,
    BigDecimal feeFraction,
    BigDecimal minimum,
    String network,
    Duration time) {
  public TransferConfig {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(feeFraction, "feeFraction");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(time, "time");
  }
}
