package dev.arb.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded, validated configuration together with where it came from.
 *
 * @param config the typed tree
 * @param raw the merged HOCON tree (values carry their origin), for {@code arb config show}
 * @param file the config file that was read, if any
 */
public record LoadedConfig(ArbConfig config, Config raw, Optional<Path> file) {}
