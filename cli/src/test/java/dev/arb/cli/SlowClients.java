package dev.arb.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow-loris attackers for tests: connections that send a request's first bytes, then one byte at a
 * time, forever, and come back when the server closes them. One thread drives them all, for at most
 * {@link #MAX_RUN} (a bound on the test, not on the server).
 */
final class SlowClients implements AutoCloseable {
  static final long MAX_RUN = TimeUnit.MINUTES.toNanos(3);

  private final String url;
  private final List<Slow> slow = new ArrayList<>();
  private final long periodMs;
  private final Thread driver;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong closedByServer = new AtomicLong();
  private volatile boolean stop;

  /** One slow connection: what it starts with, then what it drips. */
  private static final class Slow {
    final String source;
    final String start;
    final byte drip;
    RawHttp conn;

    Slow(String source, String start, byte drip) {
      this.source = source;
      this.start = start;
      this.drip = drip;
    }
  }

  private SlowClients(String url, long periodMs) {
    this.url = url;
    this.periodMs = periodMs;
    this.driver = new Thread(this::drive, "slow-clients");
    this.driver.setDaemon(true);
  }

  /** A head that never ends: a header value sent one byte at a time. */
  static String slowHead(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: arb\r\nX-Slow: ";
  }

  /** A whole head announcing a body that then comes one byte at a time. */
  static String slowBody(String method, String path, int length) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: arb\r\nContent-Type: text/plain\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  /** Builds the attack; {@link #start()} connects. */
  static SlowClients against(String url, long periodMs) {
    return new SlowClients(url, periodMs);
  }

  /** Adds {@code count} connections from {@code source} that start with {@code start}. */
  SlowClients add(String source, int count, String start) {
    for (int i = 0; i < count; i++) {
      slow.add(new Slow(source, start, (byte) 'a'));
    }
    return this;
  }

  /** Connects every one and starts dripping. */
  SlowClients start() throws IOException {
    for (Slow s : slow) {
      open(s);
    }
    driver.start();
    return this;
  }

  private void open(Slow s) throws IOException {
    s.conn = RawHttp.connect(url, s.source);
    opened.incrementAndGet();
    s.conn.send(s.start);
  }

  private void drive() {
    long until = System.nanoTime() + MAX_RUN;
    while (!stop && System.nanoTime() < until) {
      for (Slow s : slow) {
        try {
          s.conn.send(new byte[] {s.drip});
        } catch (IOException e) {
          // closed by the server (a timeout or a limit): come back at once
          closedByServer.incrementAndGet();
          s.conn.close();
          try {
            open(s);
          } catch (IOException again) {
            // refused for now; try again next round
          }
        }
      }
      try {
        Thread.sleep(periodMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Connections opened so far (first ones and comebacks). */
  long opened() {
    return opened.get();
  }

  /** Connections the server closed so far. */
  long closedByServer() {
    return closedByServer.get();
  }

  int size() {
    return slow.size();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    driver.interrupt();
    driver.join(TimeUnit.SECONDS.toMillis(10));
    for (Slow s : slow) {
      if (s.conn != null) {
        s.conn.close();
      }
    }
  }
}
