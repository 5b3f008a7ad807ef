package dev.arb.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's webhook alerts ({@code arb.alerts}).
 *
 * @param webhook where the webhook URL is kept (a secret reference: the URL often carries a token);
 *     empty, or an unset variable, turns alerts off
 * @param format payload shape: {@link Format#GENERIC} JSON, {@link Format#SLACK} or {@link
 *     Format#DISCORD}
 * @param minProfitBp an opportunity sized at or above this return, in basis points, is alerted
 * @param timeout longest a delivery attempt may take (connect and answer)
 * @param exchangeDownAfter a live exchange that has given no usable book for this long is alerted
 *     as down (once per outage)
 */
public record AlertsConfig(
    Optional<SecretRef> webhook,
    Format format,
    double minProfitBp,
    Duration timeout,
    Duration exchangeDownAfter) {

  /** Default of {@code arb.alerts.exchange-down-after}. */
  public static final Duration DEFAULT_EXCHANGE_DOWN_AFTER = Duration.ofMinutes(2);

  /** Payload shapes. */
  public enum Format {
    /** {@code {"event": ..., "severity": ..., "text": ..., "at": ..., "fields": {...}}}. */
    GENERIC,
    /** Slack incoming webhook: {@code {"text": ...}}. */
    SLACK,
    /** Discord webhook: {@code {"content": ...}}. */
    DISCORD
  }

  public AlertsConfig {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(timeout, "timeout");
    if (Double.isNaN(minProfitBp)) {
      throw new IllegalArgumentException("minProfitBp must be a number");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Objects.requireNonNull(exchangeDownAfter, "exchangeDownAfter");
    if (exchangeDownAfter.isNegative() || exchangeDownAfter.isZero()) {
      throw new IllegalArgumentException(
          "exchangeDownAfter must be positive, got " + exchangeDownAfter);
    }
  }

  /** Alerts with the default {@code exchange-down-after}. */
  public AlertsConfig(
      Optional<SecretRef> webhook, Format format, double minProfitBp, Duration timeout) {
    this(webhook, format, minProfitBp, timeout, DEFAULT_EXCHANGE_DOWN_AFTER);
  }

  /** The defaults of {@code reference.conf}. */
  public static AlertsConfig defaults() {
    return new AlertsConfig(
        Optional.of(new SecretRef.Env(ArbEnv.ALERT_WEBHOOK)),
        Format.GENERIC,
        10,
        Duration.ofSeconds(5));
  }
}
