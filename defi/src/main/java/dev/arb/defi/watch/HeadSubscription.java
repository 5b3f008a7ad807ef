package dev.arb.defi.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.ChainClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New block headers pushed by the node over WebSocket ({@code eth_subscribe newHeads}): each one
 * wakes whoever waits in {@link #awaitHead}, so the pool watch reads a new block as soon as it is
 * made instead of at its next poll. It carries no state the watch relies on (the watch still reads
 * {@code eth_blockNumber}, the headers and the logs itself, so a missed notification costs only
 * time): polling stays the fallback. A socket that closes or fails is opened again after 250 ms,
 * doubling up to 10 s between tries; while it is down, {@link #awaitHead} waits the full poll
 * interval, which is polling.
 */
public final class HeadSubscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeadSubscription.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** First wait before reconnecting. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  /** Longest wait between reconnection attempts. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final URI url;
  private final HttpClient http;
  private final ScheduledExecutorService retry;
  private final Object signal = new Object();
  private final AtomicLong heads = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile long lastHead = -1;
  private volatile long seen;
  private volatile WebSocket socket;
  private volatile boolean subscribed;
  private volatile boolean closed;
  private volatile Duration backoff = FIRST_BACKOFF;
  private boolean retrying;

  /**
   * Starts connecting to {@code wsUrl} (ws or wss) in the background.
   *
   * @throws IllegalArgumentException if the URL is not ws or wss
   */
  public HeadSubscription(String wsUrl) {
    Objects.requireNonNull(wsUrl, "wsUrl");
    this.url = URI.create(wsUrl);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException(
          "a WebSocket URL starts with ws:// or wss://, got " + ChainClient.redact(wsUrl));
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "arb-ws-heads");
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    this.retry = ex;
    retry.execute(this::connect);
  }

  /** Whether the subscription is live now (connected and confirmed by the node). */
  public boolean subscribed() {
    return subscribed;
  }

  /** Headers received over the socket so far. */
  public long headsReceived() {
    return heads.get();
  }

  /** Successful subscriptions so far (1 + reconnections). */
  public long connections() {
    return connects.get();
  }

  /** The number of the newest header received, or -1. */
  public long lastHead() {
    return lastHead;
  }

  /**
   * Waits until a header newer than the last one this method returned for arrives, at most {@code
   * max} (the poll interval: while the socket is down this is plain polling).
   *
   * @return whether a new header arrived
   */
  public boolean awaitHead(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (signal) {
      while (heads.get() == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
      seen = heads.get();
      return true;
    }
  }

  private void connect() {
    synchronized (this) {
      retrying = false;
    }
    if (closed) {
      return;
    }
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(url, new Listener())
        .whenComplete(
            (ws, e) -> {
              if (e != null) {
                down("connect failed: " + e.getMessage());
                return;
              }
              socket = ws;
              ws.sendText(
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}",
                  true);
            });
  }

  private synchronized void down(String why) {
    boolean was = subscribed;
    subscribed = false;
    socket = null;
    if (closed || retrying) {
      return; // a close and an error of one socket: one retry
    }
    retrying = true;
    Duration wait = backoff;
    Duration next = wait.multipliedBy(2);
    backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    if (was) {
      LOG.warn(
          "new blocks over {}: {}; polling until it is back (retry in {} ms)",
          ChainClient.redact(url.toString()),
          why,
          wait.toMillis());
    } else {
      LOG.debug("new blocks over WebSocket: {} (retry in {} ms)", why, wait.toMillis());
    }
    try {
      retry.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void onMessage(String text) {
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (java.io.IOException e) {
      return;
    }
    if (m.path("id").asInt(-1) == 1) {
      if (m.has("result")) {
        subscribed = true;
        backoff = FIRST_BACKOFF;
        connects.incrementAndGet();
        LOG.info("new blocks over {}: subscribed", ChainClient.redact(url.toString()));
      } else {
        WebSocket ws = socket;
        if (ws != null) {
          ws.abort();
        }
        down("eth_subscribe refused: " + m.path("error").path("message").asText());
      }
      return;
    }
    JsonNode number = m.path("params").path("result").path("number");
    if ("eth_subscription".equals(m.path("method").asText()) && number.isTextual()) {
      lastHead = Long.decode(number.asText());
      heads.incrementAndGet();
      synchronized (signal) {
        signal.notifyAll();
      }
    }
  }

  /** Drops the socket now (as a network failure would); it is opened again after the backoff. */
  void dropForTest() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
      down("dropped");
    }
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    retry.shutdownNow();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        onMessage(message);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      down("closed by the node (" + status + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      down("failed: " + error.getMessage());
    }
  }
}
