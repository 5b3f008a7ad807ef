package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientBudgetsTest {
  private final AtomicLong now = new AtomicLong();
  private final ClientBudgets budgets = new ClientBudgets(now::get);

  private static InetAddress ip(String a) throws Exception {
    return InetAddress.getByName(a);
  }

  private int spend(String client, ClientBudgets.Kind kind, int tries) throws Exception {
    int ok = 0;
    for (int i = 0; i < tries; i++) {
      ok += budgets.tryAcquire(ip(client), kind) ? 1 : 0;
    }
    return ok;
  }

  @Test
  void aFloodSpendsOnlyTheFloodingClientsBudgetOfThatKind() throws Exception {
    assertThat(spend("10.0.0.1", ClientBudgets.Kind.READ, 500))
        .isEqualTo(ClientBudgets.Kind.READ.burst);
    assertThat(spend("10.0.0.1", ClientBudgets.Kind.READ, 1)).isZero();
    // the same client's probes and control requests, and another client, are untouched
    assertThat(spend("10.0.0.1", ClientBudgets.Kind.PROBE, 1)).isOne();
    assertThat(spend("10.0.0.1", ClientBudgets.Kind.CONTROL, 1)).isOne();
    assertThat(spend("10.0.0.2", ClientBudgets.Kind.READ, 1)).isOne();
    now.addAndGet(1_000_000_000L); // a second refills the rate
    assertThat(spend("10.0.0.1", ClientBudgets.Kind.READ, 500))
        .isEqualTo((int) ClientBudgets.Kind.READ.perSecond);
  }

  @Test
  void wrongTokensHaveASmallBudgetAndTheRightOneItsOwn() throws Exception {
    assertThat(spend("10.0.0.3", ClientBudgets.Kind.DENIED, 100))
        .isEqualTo(ClientBudgets.Kind.DENIED.burst);
    assertThat(spend("10.0.0.3", ClientBudgets.Kind.CONTROL, 100))
        .isEqualTo(ClientBudgets.Kind.CONTROL.burst);
  }

  @Test
  void manyClientsTogetherMeetTheSharedAnonymousBudgetButNotTheControlOne() throws Exception {
    int served = 0;
    for (int c = 0; c < 100; c++) {
      served += spend("10.1.0." + c, ClientBudgets.Kind.READ, 50);
    }
    assertThat(served).isEqualTo(ClientBudgets.SHARED_BURST);
    assertThat(spend("10.2.0.1", ClientBudgets.Kind.READ, 1)).isZero();
    assertThat(spend("10.2.0.1", ClientBudgets.Kind.CONTROL, 1)).isOne();
  }
}
