package dev.arb.engine.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spot market {@code base/quote} on one exchange, with the rules a fill must respect. All amounts
 * are exact decimals, scale-normalised; zero means "no constraint".
 *
 * @param exchange lower-case exchange name ({@code kraken}); for file snapshots, the source name
 * @param base the asset bought or sold
 * @param quote the asset prices are in
 * @param takerFee taker fee as a fraction of the received amount, 0 &le; fee &lt; 1
 * @param lotSize base amounts must be a multiple of this (0: any)
 * @param tickSize prices are multiples of this (0: any); informational for taker orders
 * @param minAmount smallest base amount of an order (0: none)
 * @param minNotional smallest quote value of an order (0: none)
 */
public record Market(
    String exchange,
    Asset base,
    Asset quote,
    BigDecimal takerFee,
    BigDecimal lotSize,
    BigDecimal tickSize,
    BigDecimal minAmount,
    BigDecimal minNotional)
    implements Tradable {

  public Market {
    Objects.requireNonNull(exchange, "exchange");
    exchange = exchange.trim().toLowerCase(java.util.Locale.ROOT);
    if (exchange.isEmpty()) {
      throw new IllegalArgumentException("exchange must not be blank");
    }
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(quote, "quote");
    if (base.equals(quote)) {
      throw new IllegalArgumentException("market base and quote must differ, got " + base);
    }
    takerFee = Decimals.normalise(Objects.requireNonNull(takerFee, "takerFee"));
    if (takerFee.signum() < 0 || takerFee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("taker fee must be in [0, 1), got " + takerFee);
    }
    lotSize = nonNegative(lotSize, "lotSize");
    tickSize = nonNegative(tickSize, "tickSize");
    minAmount = nonNegative(minAmount, "minAmount");
    minNotional = nonNegative(minNotional, "minNotional");
  }

  /** A market with a fee and no lot, tick or minimum constraints. */
  public static Market of(String exchange, String base, String quote, BigDecimal takerFee) {
    return new Market(
        exchange,
        Asset.of(base),
        Asset.of(quote),
        takerFee,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO);
  }

  /** {@code exchange:BASE/QUOTE}, e.g. {@code kraken:BTC/USD}: unique within a snapshot. */
  @Override
  public String id() {
    return exchange + ":" + base + "/" + quote;
  }

  /** The exchange. */
  @Override
  public String venue() {
    return exchange;
  }

  /** The taker fee. */
  @Override
  public BigDecimal fee() {
    return takerFee;
  }

  /** The same market with another taker fee (a fraction). */
  public Market withTakerFee(BigDecimal fee) {
    return new Market(exchange, base, quote, fee, lotSize, tickSize, minAmount, minNotional);
  }

  /** {@code BASE/QUOTE}. */
  public String symbol() {
    return base + "/" + quote;
  }

  private static BigDecimal nonNegative(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + v);
    }
    return Decimals.normalise(v);
  }

  @Override
  public String toString() {
    return id();
  }
}
