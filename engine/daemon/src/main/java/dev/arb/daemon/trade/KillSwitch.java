package dev.arb.daemon.trade;

/**
 * The kill switch as trading sees it: checked before each trade, tripped by a risk limit (the daily
 * loss limit). The daemon's lifecycle holds the state; {@link #NONE} is for trading outside the
 * daemon ({@code arb dlq retry}), where nothing is left to stop.
 */
public interface KillSwitch {
  /** Whether it is engaged: no new trades. */
  boolean engaged();

  /** Engages it, saying why (alerted). */
  void trip(String reason);

  /** Never engaged; a trip is ignored. */
  KillSwitch NONE =
      new KillSwitch() {
        @Override
        public boolean engaged() {
          return false;
        }

        @Override
        public void trip(String reason) {}
      };
}
