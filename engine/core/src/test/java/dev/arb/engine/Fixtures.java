package dev.arb.engine;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Test data copied from {@code ../shared/data} into {@code src/test/resources/dev/arb/engine/data}
 * with the license files beside it, so tests run on a clean clone.
 */
public final class Fixtures {
  private Fixtures() {}

  /**
   * A fixture by its path under {@code dev/arb/engine/data/}, e.g. {@code mobook/LICENSE.MO-book}.
   */
  public static Path path(String relative) {
    URL url = Fixtures.class.getResource("/dev/arb/engine/data/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no test fixture dev/arb/engine/data/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(url.toString(), e);
    }
  }
}
