package dev.arb.engine.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of an order book.
 *
 * @param price price in the quote asset per unit of base, &gt; 0
 * @param amount base amount available at that price, &gt; 0
 */
public record BookLevel(BigDecimal price, BigDecimal amount) {
  public BookLevel {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(amount, "amount");
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price must be positive, got " + price);
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount);
    }
    price = Decimals.normalise(price);
    amount = Decimals.normalise(amount);
  }

  public static BookLevel of(String price, String amount) {
    return new BookLevel(new BigDecimal(price), new BigDecimal(amount));
  }
}
