package dev.arb.engine.venue;

import java.util.ArrayList;
import java.util.List;

/**
 * Subscribe messages a stream service holds back until every market's subscriber is registered.
 * XChange's netty service sends a channel's subscribe message before it registers the channel's
 * subscriber, so an answer that arrives at once (a snapshot, on a fast link) could find none and be
 * lost; a {@link BookStream} whose service holds its messages here sends them in {@link
 * BookStream#subscribed()}. Later messages (a resubscription) pass straight through.
 */
final class HeldSubscriptions {

  /** One held subscribe message's channel and arguments. */
  record Held(String channel, Object[] args) {}

  private final List<Held> held = new ArrayList<>();
  private boolean released;

  /** Whether the channel's subscribe message is held (true) or may be sent now (false). */
  synchronized boolean hold(String channel, Object[] args) {
    if (released) {
      return false;
    }
    held.add(new Held(channel, args.clone()));
    return true;
  }

  /** The held messages, in order; from now on nothing is held. */
  synchronized List<Held> release() {
    released = true;
    List<Held> out = List.copyOf(held);
    held.clear();
    return out;
  }
}
