package dev.arb.storage;

import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Configurations for tests: the defaults, with a data directory of the test's own. */
final class TestConfigs {
  private TestConfigs() {}

  static ArbConfig withDataDir(Path dir) {
    return ConfigLoader.load(
            Optional.empty(),
            Map.of("HOME", dir.toString()),
            Map.of("arb.data-dir", dir.toString()))
        .config();
  }
}
