package dev.arb.engine.chain;

import dev.arb.engine.model.ChainSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain's pools as a {@link PoolWatch} holds them after following the chain to its head.
 *
 * @param snapshot the pools usable now, all as of {@code block} (stale pools are left out)
 * @param head the latest block the node reported
 * @param block the block every pool of {@code snapshot} is current at ({@code head} when caught up)
 * @param blockTime {@code block}'s timestamp
 * @param newBlocks blocks followed by this update (0: nothing new)
 * @param changedPools addresses (lower case) of the pools this update changed, by event or re-read
 * @param eventsApplied events applied exactly in this update (V2 {@code Sync}, V3 {@code Swap} and
 *     {@code Mint})
 * @param poolsReread pools read again at {@code block} in this update (an event that could not be
 *     applied exactly, or a reorg)
 * @param reorgs reorgs detected in this update (a block whose parent hash is not the hash held)
 * @param poolsTracked pools followed in all (stale ones included)
 * @param stalePools pools whose re-read failed: not in {@code snapshot} until a re-read succeeds
 * @param lastEventBlock the block of the last event of a tracked pool seen, if any
 * @param lastEventAt that block's timestamp
 * @param gasPriceGwei the gas price to value gas with at {@code block} (the node's fee estimate)
 * @param problems what went wrong and was handled in this update, for people
 */
public record ChainView(
    ChainSnapshot snapshot,
    long head,
    long block,
    Instant blockTime,
    int newBlocks,
    List<String> changedPools,
    int eventsApplied,
    int poolsReread,
    int reorgs,
    int poolsTracked,
    int stalePools,
    Optional<Long> lastEventBlock,
    Optional<Instant> lastEventAt,
    BigDecimal gasPriceGwei,
    List<String> problems) {
  public ChainView {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(blockTime, "blockTime");
    changedPools = List.copyOf(changedPools);
    Objects.requireNonNull(lastEventBlock, "lastEventBlock");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    Objects.requireNonNull(gasPriceGwei, "gasPriceGwei");
    problems = List.copyOf(problems);
    if (block > head) {
      throw new IllegalArgumentException("block " + block + " is beyond the head " + head);
    }
  }

  /** The chain's name. */
  public String chain() {
    return snapshot.name();
  }

  /** Blocks the pools lag behind the head. */
  public long lagBlocks() {
    return head - block;
  }

  /** How old the pools' data is at {@code now}: the time since {@code block} was made. */
  public Duration age(Instant now) {
    Duration d = Duration.between(blockTime, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
