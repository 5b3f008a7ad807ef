package dev.arb.daemon;

import java.util.Objects;
import java.util.Optional;

/**
 * How one book publisher ({@code arb feed}) that this daemon subscribes to is doing, as {@code
 * /status} and {@code /metrics} show it.
 *
 * @param name the publisher's name (from its heartbeats; its id until the first one)
 * @param channel the channel it was heard on
 * @param connected whether messages arrive (none missing for longer than the silence bound)
 * @param lastMessageAgeMillis milliseconds since its last message; empty before the first
 * @param markets markets it gave books of
 * @param staleMarkets of those, the markets left out until a snapshot arrives (after a gap or
 *     silence)
 * @param messages messages taken
 * @param gaps sequence gaps seen (a lost update)
 * @param resyncs snapshots that made its stale books fresh again
 */
public record PublisherStatus(
    String name,
    String channel,
    boolean connected,
    Optional<Long> lastMessageAgeMillis,
    int markets,
    int staleMarkets,
    long messages,
    long gaps,
    long resyncs) {

  public PublisherStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(lastMessageAgeMillis, "lastMessageAgeMillis");
  }
}
