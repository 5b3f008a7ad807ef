package dev.arb.engine.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All books and pools known at one moment, plus what was wrong with the input: markets left out and
 * why.
 *
 * @param books valid books, at most one per market id
 * @param problems one line per left-out market, pool or bad input: {@code market: what is wrong}
 * @param source where the data came from (file path, "sample", exchange names), for messages
 * @param chains the pools of each chain, at most one entry per chain name
 */
public record MarketSnapshot(
    List<OrderBook> books, List<String> problems, String source, List<ChainSnapshot> chains) {
  public MarketSnapshot {
    books = List.copyOf(books);
    problems = List.copyOf(problems);
    chains = List.copyOf(chains);
    for (int i = 0; i < chains.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (chains.get(i).name().equals(chains.get(j).name())) {
          throw new IllegalArgumentException("chain " + chains.get(i).name() + " is listed twice");
        }
      }
    }
  }

  /** Books only, no chains. */
  public MarketSnapshot(List<OrderBook> books, List<String> problems, String source) {
    this(books, problems, source, List.of());
  }

  /** The same snapshot with other books (chains and problems kept). */
  public MarketSnapshot withBooks(List<OrderBook> kept) {
    return new MarketSnapshot(kept, problems, source, chains);
  }

  /** The same snapshot with other chains (books and problems kept). */
  public MarketSnapshot withChains(List<ChainSnapshot> kept) {
    return new MarketSnapshot(books, problems, source, kept);
  }

  /** The same snapshot with more problem lines. */
  public MarketSnapshot withProblems(List<String> more) {
    List<String> all = new ArrayList<>(problems);
    all.addAll(more);
    return new MarketSnapshot(books, all, source, chains);
  }

  /** Every chain's pools, chain by chain. */
  public List<Pool> pools() {
    List<Pool> out = new ArrayList<>();
    for (ChainSnapshot c : chains) {
      out.addAll(c.pools());
    }
    return out;
  }

  /** The chain with this name, if the snapshot has it. */
  public Optional<ChainSnapshot> chain(String name) {
    Objects.requireNonNull(name, "name");
    for (ChainSnapshot c : chains) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Books plus pools. */
  public int marketCount() {
    int n = books.size();
    for (ChainSnapshot c : chains) {
      n += c.pools().size();
    }
    return n;
  }

  /** The newest observation time (books and chains): the snapshot's own clock for data age. */
  public Optional<Instant> newestObservation() {
    Instant max = null;
    for (OrderBook b : books) {
      if (max == null || b.observedAt().isAfter(max)) {
        max = b.observedAt();
      }
    }
    for (ChainSnapshot c : chains) {
      if (max == null || c.observedAt().isAfter(max)) {
        max = c.observedAt();
      }
    }
    return Optional.ofNullable(max);
  }
}
