package dev.arb.daemon;

import dev.arb.config.AlertsConfig;
import dev.arb.config.Secret;
import dev.arb.engine.json.Json;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.RetryPolicy;
import dev.arb.error.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to a webhook: JSON POSTs from one background thread, off a bounded queue, each
 * attempt bounded by the configured timeout, failed deliveries retried a few times with back-off
 * (the core's {@link Retry}; none once closing). {@link #offer} never blocks: when the queue is
 * full the alert is dropped and counted, so a dead or slow webhook never slows scanning. The URL is
 * a secret (it often carries a token): it is never logged; messages say "the webhook".
 */
public final class WebhookNotifier implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  /** Alerts waiting for delivery before new ones are dropped. */
  static final int QUEUE_CAPACITY = 64;

  /** Delivery attempts per alert. */
  static final int ATTEMPTS = 3;

  private final Secret url;
  private final AlertsConfig.Format format;
  private final Duration timeout;
  private final Retry retry;
  private final Consumer<String> outcomes;
  private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final HttpClient client;
  private final Thread sender;
  private volatile boolean closed;

  /**
   * @param url the webhook URL (http or https), a secret
   * @param format payload shape
   * @param timeout bound of one attempt
   * @param backoff wait before the first retry (doubled for the next)
   * @param outcomes told {@code sent}, {@code failed} or {@code dropped} for each alert
   */
  public WebhookNotifier(
      Secret url,
      AlertsConfig.Format format,
      Duration timeout,
      Duration backoff,
      Consumer<String> outcomes) {
    this.url = url;
    this.format = format;
    this.timeout = timeout;
    this.retry = Retry.of(RetryPolicy.doubling(ATTEMPTS, backoff), this::classify);
    this.outcomes = outcomes;
    URI uri;
    try {
      uri = URI.create(url.reveal());
    } catch (IllegalArgumentException e) {
      uri = null; // its message quotes the URL: not repeated
    }
    if (uri == null
        || uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new ConfigException(
          "config: arb.alerts.webhook ("
              + url.source()
              + ") must be an http:// or https:// URL; the value is not shown");
    }
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.sender = new Thread(this::run, "arb-alerts");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  @Override
  public boolean offer(Alert alert) {
    if (closed || !queue.offer(alert)) {
      outcomes.accept("dropped");
      LOG.warn("alert {} dropped: the webhook queue is full or closed", alert.event());
      return false;
    }
    return true;
  }

  @Override
  public void close(Duration bound) {
    closed = true;
    try {
      sender.join(Math.max(1, bound.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      sender.interrupt();
      int left = queue.size();
      queue.clear();
      for (int i = 0; i < left; i++) {
        outcomes.accept("dropped");
      }
      if (left > 0) {
        LOG.warn("{} alerts not delivered before shutdown", left);
      }
    }
  }

  private void run() {
    while (true) {
      Alert a;
      try {
        a = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (a == null) {
        if (closed) {
          return;
        }
        continue;
      }
      if (!deliver(a)) {
        return; // interrupted while closing
      }
    }
  }

  /** Tries to deliver; false if interrupted. */
  private boolean deliver(Alert a) {
    byte[] body = payload(a, format).getBytes(StandardCharsets.UTF_8);
    int[] attempt = {0};
    Retry.Outcome<Boolean> o;
    try {
      o = retry.call(() -> post(a, body, ++attempt[0]));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcomes.accept("failed");
      return false;
    }
    outcomes.accept(o.ok() ? "sent" : "failed");
    return true;
  }

  /** One attempt: the alert is sent when the webhook answers 2xx. */
  private boolean post(Alert a, byte[] body, int attempt) throws Exception {
    HttpResponse<Void> r;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(url.reveal()))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "arb")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      r = client.send(req, HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "alert {} not delivered to the webhook (attempt {} of {}): {}",
          a.event(),
          attempt,
          ATTEMPTS,
          e.getClass().getSimpleName());
      throw e;
    }
    if (r.statusCode() / 100 == 2) {
      return true;
    }
    LOG.warn("the webhook answered {} to alert {}", r.statusCode(), a.event());
    throw new NotDelivered("HTTP " + r.statusCode());
  }

  /** The webhook answered, but not 2xx. */
  private static final class NotDelivered extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    NotDelivered(String message) {
      super(message);
    }
  }

  /**
   * Every failed delivery is worth another attempt, except while closing: the shutdown bound is
   * short, so no back-off then. The message never holds the URL.
   */
  private Fault classify(Throwable t) {
    return closed
        ? Fault.of(Fault.Kind.OTHER, "not retried while closing")
        : Fault.of(Fault.Kind.CONNECTION, t.getClass().getSimpleName());
  }

  /**
   * The {@code json} payload: {@code source} is always {@code arb}; {@code fields} are the alert's
   * own (keys in name order, values strings).
   */
  record AlertJson(
      String source,
      String event,
      String severity,
      String text,
      Instant at,
      Map<String, String> fields) {}

  /** The {@code slack} payload. */
  record SlackJson(String text) {}

  /** The {@code discord} payload. */
  record DiscordJson(String content) {}

  /** The JSON body for {@code format}. */
  static String payload(Alert a, AlertsConfig.Format format) {
    return Json.write(
        switch (format) {
          case SLACK -> new SlackJson(a.chatLine());
          case DISCORD -> new DiscordJson(a.chatLine());
          default ->
              new AlertJson(
                  "arb", a.event(), a.severity(), a.text(), a.at(), new TreeMap<>(a.fields()));
        });
  }
}
