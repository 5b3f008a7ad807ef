package dev.arb.daemon.http;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Who holds the server's connections. Each client address may hold {@code perClient} of them; a
 * connection over that is still counted in the total (it is answered 429 and closed soon). When all
 * {@code max} are open, the connection that has waited longest for a request (a slow or idle
 * client, never one whose request is being handled) is closed to make room: a new client is never
 * kept out by connections that send nothing.
 */
final class ConnectionTable {

  /** How a new connection was taken in. */
  enum Admit {
    /** Within every limit. */
    ACCEPTED,
    /** Over its client's share: answer 429 and close. */
    OVER_CLIENT_LIMIT,
    /** Every connection is busy with a request: close at once. */
    FULL
  }

  /** One open connection. */
  static final class Entry {
    final Channel channel;
    final InetAddress client;
    final boolean overClientLimit;
    private boolean counted = true;

    private Entry(Channel channel, InetAddress client, boolean overClientLimit) {
      this.channel = channel;
      this.client = client;
      this.overClientLimit = overClientLimit;
    }
  }

  private final int max;
  private final int perClient;
  private final Map<InetAddress, Integer> byClient = new HashMap<>();

  /** Connections waiting for (the rest of) a request, longest-waiting first. */
  private final LinkedHashSet<Entry> waiting = new LinkedHashSet<>();

  private int open;
  private long evicted;

  ConnectionTable(int max, int perClient) {
    this.max = max;
    this.perClient = perClient;
  }

  /** The result of {@link #open}. */
  record Opened(Admit admit, Entry entry) {}

  /** Takes in a new connection, closing the longest-waiting one if the server is full. */
  synchronized Opened open(Channel channel, InetAddress client) {
    if (open >= max) {
      Iterator<Entry> oldest = waiting.iterator();
      if (!oldest.hasNext()) {
        return new Opened(Admit.FULL, null);
      }
      Entry e = oldest.next();
      oldest.remove();
      forget(e);
      evicted++;
      e.channel.close();
    }
    int mine = byClient.getOrDefault(client, 0);
    boolean over = mine >= perClient;
    Entry e = new Entry(channel, client, over);
    open++;
    if (!over) {
      byClient.put(client, mine + 1);
    }
    waiting.add(e);
    return new Opened(over ? Admit.OVER_CLIENT_LIMIT : Admit.ACCEPTED, e);
  }

  /** {@code e} has a whole request and is being answered: it may not be closed for room. */
  synchronized void busy(Entry e) {
    waiting.remove(e);
  }

  /** {@code e} waits for a request again (it goes to the end of the line). */
  synchronized void waiting(Entry e) {
    if (e.counted) {
      waiting.remove(e);
      waiting.add(e);
    }
  }

  /** {@code e} is closed. */
  synchronized void closed(Entry e) {
    waiting.remove(e);
    forget(e);
  }

  private void forget(Entry e) {
    if (!e.counted) {
      return;
    }
    e.counted = false;
    open--;
    if (!e.overClientLimit) {
      byClient.computeIfPresent(e.client, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Connections open now. */
  synchronized int open() {
    return open;
  }

  /** Connections closed to make room, so far. */
  synchronized long evicted() {
    return evicted;
  }

  /** Client addresses with a connection open now. */
  synchronized int clients() {
    return byClient.size();
  }
}
