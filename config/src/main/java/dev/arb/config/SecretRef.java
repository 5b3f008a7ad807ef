package dev.arb.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a secret is kept: the name of an environment variable or a file (which must not be group or
 * world readable). The config holds only this reference, never the secret itself. In HOCON: {@code
 * { env = "ARB_KRAKEN_API_KEY" }} or {@code { file = "/etc/arb/kraken.key" }}.
 */
public sealed interface SecretRef {

  /** A description safe to print: where the secret is, never what it is. */
  String describe();

  /** The secret is the value of environment variable {@code name}. */
  record Env(String name) implements SecretRef {
    public Env {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
      return "env " + name;
    }
  }

  /** The secret is the content of {@code path}, trailing newline removed. */
  record File(Path path) implements SecretRef {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return "file " + path;
    }
  }
}
