package dev.arb.defi;

import dev.arb.defi.chain.ChainClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the chain ITs that share one anvil per class: {@link #deploy} runs once on the fresh
 * chain, and every test starts from the state it left (an {@code evm_snapshot} taken before each
 * test, reverted after it). A subclass's own {@code @BeforeEach} runs after the snapshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnSnapshotChain {
  /** The class's chain; set before the first test. */
  protected SnapshotChain local;

  /** {@code local}'s client. */
  protected ChainClient chain;

  /** Deploys what every test of the class starts from (runs once, before {@link #chain} is set). */
  protected abstract void deploy(SnapshotChain chain) throws Exception;

  @BeforeAll
  final void startChainAndDeploy() throws Exception {
    local = SnapshotChain.start(this::deploy);
    chain = local.client();
  }

  @AfterAll
  final void stopChain() {
    if (local != null) {
      local.close();
    }
  }

  @BeforeEach
  final void takeSnapshot() {
    local.snapshot();
  }

  @AfterEach
  final void revertToSnapshot() {
    local.revert();
  }
}
