package dev.arb.engine.pool;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The liquidity floor {@code --min-liquidity TOKEN=AMOUNT}: a pool is kept only when each of its
 * two reserves is worth at least {@code amount} of {@code token}.
 *
 * @param token the reference token: a symbol unique on its chain, or an address
 * @param amount how much of it each reserve must be worth, &gt; 0
 */
public record MinLiquidity(String token, BigDecimal amount) {
  public MinLiquidity {
    Objects.requireNonNull(token, "token");
    token = token.trim();
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the liquidity token must not be blank");
    }
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(
          "the liquidity amount must be positive, got " + amount.toPlainString());
    }
  }
}
