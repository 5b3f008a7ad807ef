package dev.arb.daemon;

import dev.arb.daemon.chain.ChainFollower;
import dev.arb.daemon.chat.TelegramBot;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.RecordStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a running daemon has opened, set once each while it starts (null until then) and read by its
 * routes, its status view and its stop.
 */
final class Running {
  volatile Instant startedAt;
  volatile HttpEndpoint endpoint;
  volatile RecordStore store;
  volatile OpportunityRecorder recorder;
  volatile TradeStep trader;
  volatile Function<String, HttpEndpoint.Response> relay;
  volatile List<ChainFollower> chains = List.of();
  volatile TelegramBot chat;

  /** Records written so far; 0 before the store is open. */
  long written() {
    OpportunityRecorder r = recorder;
    return r == null ? 0 : r.writtenCount();
  }

  /** Records accepted so far; 0 before the store is open. */
  long accepted() {
    OpportunityRecorder r = recorder;
    return r == null ? 0 : r.acceptedCount();
  }

  /**
   * Records accepted and waiting in memory (neither written nor spilled); 0 before the store is
   * open.
   */
  long queued() {
    OpportunityRecorder r = recorder;
    return r == null ? 0 : Math.max(0, r.acceptedCount() - r.writtenCount() - r.spilledCount());
  }

  /** Records kept in the spill while the database cannot be written. */
  long spilled() {
    OpportunityRecorder r = recorder;
    return r == null ? 0 : r.spilledCount();
  }

  /** Why the record store cannot write, while it cannot. */
  Optional<String> storageFailure() {
    OpportunityRecorder r = recorder;
    return r == null ? Optional.empty() : r.failure();
  }
}
