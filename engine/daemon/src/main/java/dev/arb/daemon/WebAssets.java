package dev.arb.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, served from the jar ({@code dev/arb/daemon/web/}): the page at {@code /},
 * its script and style sheet, and the chart library the build copied from {@code node_modules}
 * under {@code /vendor/}. Each is read once. Every answer carries a strict {@code
 * Content-Security-Policy}: scripts, styles and requests only from the daemon itself, no inline
 * script, no frames, no forms, so the page makes no outside request and cannot be framed.
 */
final class WebAssets {

  /** The policy of every file served here. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String BASE = "/dev/arb/daemon/web/";

  /** Path served → resource under {@link #BASE} and its type. */
  private static final List<String[]> FILES =
      List.of(
          new String[] {"/", "index.html", "text/html; charset=utf-8"},
          new String[] {"/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"},
          new String[] {"/dashboard.css", "dashboard.css", "text/css; charset=utf-8"},
          new String[] {
            "/vendor/uPlot.iife.min.js",
            "vendor/uPlot.iife.min.js",
            "text/javascript; charset=utf-8"
          },
          new String[] {"/vendor/uPlot.min.css", "vendor/uPlot.min.css", "text/css; charset=utf-8"},
          new String[] {
            "/vendor/uPlot.LICENSE.txt", "vendor/uPlot.LICENSE.txt", "text/plain; charset=utf-8"
          });

  private WebAssets() {}

  /**
   * A {@code GET} route for every file present in the jar. A build without the npm packages lacks
   * the chart library: the page then shows the numbers and says the charts are missing.
   */
  static Map<String, HttpEndpoint.Route> routes() {
    Map<String, HttpEndpoint.Route> out = new LinkedHashMap<>();
    for (String[] f : FILES) {
      Optional<String> body = read(BASE + f[1]);
      if (body.isPresent()) {
        HttpEndpoint.Response r =
            new HttpEndpoint.Response(
                200,
                f[2],
                body.get(),
                Map.of(
                    "Content-Security-Policy", CSP,
                    "X-Frame-Options", "DENY",
                    "Referrer-Policy", "no-referrer"));
        out.put(f[0], new HttpEndpoint.Route("GET", false, 0, q -> r));
      }
    }
    return out;
  }

  private static Optional<String> read(String resource) {
    try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
  }
}
