package dev.arb.xchange.spi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Subscribe messages a stream service holds back until every market's subscriber is registered.
 * XChange's netty service sends a channel's subscribe message before it registers the channel's
 * subscriber, so an answer that arrives at once (a snapshot, on a fast link) could find none and be
 * lost; a {@link BookStream} whose service holds its messages here sends them in {@link
 * BookStream#subscribed()}. Later messages (a resubscription) pass straight through.
 */
public final class HeldSubscriptions {

  /** One held subscribe message's channel and arguments. */
  private record Held(String channel, Object[] args) {}

  /** The service's own subscribe message of a channel. */
  @FunctionalInterface
  public interface Messages {
    /** The subscribe message of {@code channel} with {@code args}. */
    String subscribe(String channel, Object[] args) throws IOException;
  }

  /** What the service sends now for the channel: nothing while held, else its own message. */
  public String message(String channel, Object[] args, Messages own) throws IOException {
    return hold(channel, args) ? null : own.subscribe(channel, args);
  }

  /** Sends the held messages through {@code send}, in order; from now on nothing is held. */
  public void release(Messages own, Consumer<String> send) throws IOException {
    for (Held h : release()) {
      send.accept(own.subscribe(h.channel(), h.args()));
    }
  }

  private final List<Held> held = new ArrayList<>();
  private boolean released;

  private synchronized boolean hold(String channel, Object[] args) {
    if (released) {
      return false;
    }
    held.add(new Held(channel, args.clone()));
    return true;
  }

  private synchronized List<Held> release() {
    released = true;
    List<Held> out = List.copyOf(held);
    held.clear();
    return out;
  }
}
