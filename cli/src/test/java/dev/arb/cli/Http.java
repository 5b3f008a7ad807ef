package dev.arb.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for tests of the daemon's endpoint. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET sent without waiting for the answer. */
  static java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String url) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String token)
      throws IOException, InterruptedException {
    return post(url, token, "");
  }

  static HttpResponse<String> post(String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code /health} until it answers {@code status} (60 s at most); that answer. */
  static HttpResponse<String> awaitHealth(String baseUrl, int status)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> r = get(baseUrl + "/health");
    while (r.statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("health never " + status + ": " + r.body());
      }
      Thread.sleep(10);
      r = get(baseUrl + "/health");
    }
    return r;
  }
}
