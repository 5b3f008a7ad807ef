package dev.arb.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {

  private static InetAddress ip(String a) throws Exception {
    return InetAddress.getByName(a);
  }

  @Test
  void aClientOverItsShareIsMarkedAndFreesNoShareWhenClosed() throws Exception {
    ConnectionTable t = new ConnectionTable(10, 2);
    ConnectionTable.Opened a = t.open(new EmbeddedChannel(), ip("10.0.0.1"));
    ConnectionTable.Opened b = t.open(new EmbeddedChannel(), ip("10.0.0.1"));
    ConnectionTable.Opened c = t.open(new EmbeddedChannel(), ip("10.0.0.1"));
    assertThat(a.admit()).isEqualTo(ConnectionTable.Admit.ACCEPTED);
    assertThat(b.admit()).isEqualTo(ConnectionTable.Admit.ACCEPTED);
    assertThat(c.admit()).isEqualTo(ConnectionTable.Admit.OVER_CLIENT_LIMIT);
    assertThat(t.open(new EmbeddedChannel(), ip("10.0.0.2")).admit())
        .isEqualTo(ConnectionTable.Admit.ACCEPTED);
    assertThat(t.open()).isEqualTo(4);
    t.closed(c.entry());
    assertThat(t.open(new EmbeddedChannel(), ip("10.0.0.1")).admit())
        .as("closing the one over the share frees no share")
        .isEqualTo(ConnectionTable.Admit.OVER_CLIENT_LIMIT);
    t.closed(a.entry());
    t.closed(a.entry()); // twice: counted once
    assertThat(t.open(new EmbeddedChannel(), ip("10.0.0.1")).admit())
        .isEqualTo(ConnectionTable.Admit.ACCEPTED);
    assertThat(t.open()).isEqualTo(4);
  }

  @Test
  void whenFullTheLongestWaitingMakesRoomButNeverOneBeingAnswered() throws Exception {
    ConnectionTable t = new ConnectionTable(3, 3);
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();
    EmbeddedChannel third = new EmbeddedChannel();
    ConnectionTable.Opened f = t.open(first, ip("10.0.0.1"));
    ConnectionTable.Opened s = t.open(second, ip("10.0.0.2"));
    ConnectionTable.Opened th = t.open(third, ip("10.0.0.3"));
    t.busy(f.entry()); // its request is being handled
    t.waiting(s.entry()); // answered, waits again: back of the line
    assertThat(t.open(new EmbeddedChannel(), ip("10.0.0.4")).admit())
        .isEqualTo(ConnectionTable.Admit.ACCEPTED);
    assertThat(first.isOpen()).isTrue();
    assertThat(third.isOpen()).as("the longest waiting").isFalse();
    assertThat(second.isOpen()).isTrue();
    assertThat(t.open()).isEqualTo(3);
    assertThat(t.evicted()).isEqualTo(1);
    t.closed(th.entry()); // its close arrives later: not counted again
    assertThat(t.open()).isEqualTo(3);
  }

  @Test
  void whenEveryConnectionIsBeingAnsweredANewOneIsTurnedAway() throws Exception {
    ConnectionTable t = new ConnectionTable(2, 2);
    t.busy(t.open(new EmbeddedChannel(), ip("10.0.0.1")).entry());
    t.busy(t.open(new EmbeddedChannel(), ip("10.0.0.2")).entry());
    assertThat(t.open(new EmbeddedChannel(), ip("10.0.0.3")).admit())
        .isEqualTo(ConnectionTable.Admit.FULL);
    assertThat(t.open()).isEqualTo(2);
  }
}
