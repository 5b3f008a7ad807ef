package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebAssetsTest {
  private static final Map<String, HttpEndpoint.Route> ROUTES = WebAssets.routes();

  private static HttpEndpoint.Response get(String path) {
    HttpEndpoint.Route r = ROUTES.get(path);
    assertThat(r).as(path + " is served").isNotNull();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.control()).isFalse();
    return r.handler().apply(new HttpEndpoint.Request(Map.of(), ""));
  }

  @Test
  void servesThePageItsFilesAndTheChartLibraryUnderAStrictPolicy() {
    for (String path :
        new String[] {
          "/",
          "/dashboard.js",
          "/dashboard.css",
          "/vendor/uPlot.iife.min.js",
          "/vendor/uPlot.min.css"
        }) {
      HttpEndpoint.Response r = get(path);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isNotBlank();
      String csp = r.headers().get("Content-Security-Policy");
      assertThat(csp).contains("default-src 'none'").contains("script-src 'self'");
      assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.headers()).containsEntry("X-Frame-Options", "DENY");
    }
    assertThat(get("/").contentType()).startsWith("text/html");
    assertThat(get("/dashboard.js").contentType()).startsWith("text/javascript");
    assertThat(get("/vendor/uPlot.iife.min.js").body()).contains("uPlot");
  }

  @Test
  void thePageHasNoInlineScriptAndRequestsNothingFromOutside() {
    String html = get("/").body();
    Matcher scripts =
        Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).contains("src=\"");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(count).isEqualTo(2);
    assertThat(html).doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=\"");
    for (String own : new String[] {"/", "/dashboard.js", "/dashboard.css"}) {
      assertThat(get(own).body()).as(own).doesNotContain("http://").doesNotContain("https://");
    }
    assertThat(get("/dashboard.js").body())
        .doesNotContain("localStorage.set")
        .doesNotContain("document.cookie")
        .contains("sessionStorage");
  }
}
