package dev.arb.engine.record;

import java.math.BigDecimal;
import java.util.List;

/**
 * What selling holdings back to the start asset did (the unwind of a cycle, or the retry of a dead
 * letter's leftover).
 *
 * @param fills the unwind orders' fills, in order
 * @param returned start asset received back
 * @param leftover what could not be sold (beyond lot-size dust), by exchange and asset
 */
public record Unwind(List<Fill> fills, BigDecimal returned, List<Holding> leftover) {
  public Unwind {
    fills = List.copyOf(fills);
    leftover = List.copyOf(leftover);
  }
}
