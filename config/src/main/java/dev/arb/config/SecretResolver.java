package dev.arb.config;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link SecretRef} into a {@link Secret}: reads the named environment variable or the
 * named file. A file must be a regular file that neither its group nor others can read or write
 * (chmod 600 or 400). Error messages name the variable, file and config key, never the value.
 */
public final class SecretResolver {
  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private final Map<String, String> env;

  /**
   * @param env the process environment (passed in so tests control it)
   */
  public SecretResolver(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Resolves a secret that must be present.
   *
   * @param key the config key the reference came from, for messages (such as {@code
   *     arb.exchanges.kraken.api-key})
   * @throws ConfigException naming the variable or file and what to do
   */
  public Secret resolve(String key, SecretRef ref) {
    if (ref instanceof SecretRef.Env e) {
      return fromEnv(key, e);
    }
    return fromFile(key, (SecretRef.File) ref);
  }

  /**
   * Resolves an optional secret: empty when the reference is empty or names an environment variable
   * that is not set (a feature that needs the secret is then off); a named file that is missing or
   * too open is still an error.
   */
  public Optional<Secret> resolveIfSet(String key, Optional<SecretRef> ref) {
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    if (ref.get() instanceof SecretRef.Env e) {
      String v = env.get(e.name());
      if (v == null || v.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(resolve(key, ref.get()));
  }

  private Secret fromEnv(String key, SecretRef.Env e) {
    String v = env.get(e.name());
    if (v == null) {
      throw new ConfigException(
          "config: "
              + key
              + " names environment variable "
              + e.name()
              + ", which is not set; set it (e.g. in the env file of the service) or change "
              + key);
    }
    if (v.isEmpty()) {
      throw new ConfigException(
          "config: " + key + " names environment variable " + e.name() + ", which is empty");
    }
    return new Secret(v, e.describe());
  }

  private static Secret fromFile(String key, SecretRef.File f) {
    Path p = f.path();
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(
          "config: " + key + " names file " + p + ", which does not exist or is not a file");
    }
    PosixFileAttributeView posix =
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      Set<PosixFilePermission> perms;
      try {
        perms = posix.readAttributes().permissions();
      } catch (IOException e) {
        throw new ConfigException(
            "config: " + key + " names file " + p + ", whose permissions cannot be read", e);
      }
      EnumSet<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
      open.addAll(perms);
      open.retainAll(TOO_OPEN);
      if (!open.isEmpty()) {
        throw new ConfigException(
            "config: "
                + key
                + " names file "
                + p
                + ", which its group or others can read or write ("
                + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                + "); run: chmod 600 "
                + p);
      }
    }
    String v;
    try {
      v = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "config: " + key + " names file " + p + ", which cannot be read", e);
    }
    v = v.replaceFirst("(\\r?\\n)+$", "");
    if (v.isEmpty()) {
      throw new ConfigException("config: " + key + " names file " + p + ", which is empty");
    }
    return new Secret(v, f.describe());
  }
}
