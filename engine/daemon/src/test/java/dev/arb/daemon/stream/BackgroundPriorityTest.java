package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decision stage's idle priority, read back from the kernel ({@code /proc/thread-self/sched}):
 * Linux only.
 */
class BackgroundPriorityTest {

  private static void linux() {
    assumeTrue(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
        "scheduling classes are Linux's");
  }

  @Test
  void aThreadPutsItselfInTheIdleClassAndOthersKeepTheirs() throws Exception {
    linux();
    assertThat(BackgroundPriority.currentPolicy()).as("this thread, before").isZero();
    CompletableFuture<int[]> lowered = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              boolean ok = BackgroundPriority.lowerCurrentThread();
              lowered.complete(new int[] {ok ? 1 : 0, BackgroundPriority.currentPolicy()});
            });
    t.start();
    int[] r = lowered.get(10, TimeUnit.SECONDS);
    assertThat(r[0]).as("lowered").isEqualTo(1);
    assertThat(r[1]).as("the kernel's policy for it: SCHED_IDLE").isEqualTo(5);
    assertThat(BackgroundPriority.currentPolicy()).as("this thread, after").isZero();
  }

  @Test
  void aBackgroundStageDecidesAtIdlePriorityAndANormalOneAtNormal() throws Exception {
    linux();
    List<Integer> policies = new CopyOnWriteArrayList<>();
    DecisionStage background = new DecisionStage("arb-test-idle", true);
    DecisionStage normal = new DecisionStage("arb-test-normal");
    try {
      assertThat(background.idle()).isTrue();
      assertThat(normal.idle()).isFalse();
      assertThat(background.offer(() -> policies.add(BackgroundPriority.currentPolicy()))).isTrue();
      assertThat(normal.offer(() -> policies.add(BackgroundPriority.currentPolicy()))).isTrue();
    } finally {
      assertThat(background.close(Duration.ofSeconds(10))).isTrue();
      assertThat(normal.close(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(policies).containsExactlyInAnyOrder(5, 0);
  }
}
