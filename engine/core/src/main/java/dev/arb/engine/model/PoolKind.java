package dev.arb.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The curve of a liquidity pool, by its name in snapshots ({@code "kind"}). */
public enum PoolKind {
  /**
   * {@code x·y = k} with a fee on the input: Uniswap V2 and its forks ({@link
   * ConstantProductPool}).
   */
  CONSTANT_PRODUCT("constant-product"),
  /**
   * Concentrated liquidity: constant product on virtual reserves between initialized ticks, the
   * liquidity changing at each (Uniswap V3 and its forks, {@link ConcentratedPool}).
   */
  CONCENTRATED("concentrated");

  private final String code;

  PoolKind(String code) {
    this.code = code;
  }

  /** The name used in snapshots and configuration ({@code constant-product}). */
  public String code() {
    return code;
  }

  /** The kind with this name, ignoring case. */
  public static Optional<PoolKind> fromCode(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (PoolKind k : values()) {
      if (k.code.equals(c)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Every kind's name, {@code |}-separated. */
  public static String codes() {
    StringBuilder sb = new StringBuilder();
    for (PoolKind k : values()) {
      sb.append(sb.length() == 0 ? "" : "|").append(k.code);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return code;
  }
}
