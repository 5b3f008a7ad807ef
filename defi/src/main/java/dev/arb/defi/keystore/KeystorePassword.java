package dev.arb.defi.keystore;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Where the keystore password comes from: an environment variable, or a file that only its owner
 * can read (trailing newline removed). Messages say where it was looked for, never what it is.
 */
public final class KeystorePassword {
  private KeystorePassword() {}

  /** The value of environment variable {@code name}. */
  public static String fromEnv(String name, Map<String, String> env) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(
          "keystore: the password variable "
              + name
              + " is not set (or empty); set it, or point"
              + " arb.defi.keystore-password at a file");
    }
    return v;
  }

  /**
   * The content of {@code file}, without its trailing newline; refuses group/world-readable files.
   */
  public static String fromFile(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("keystore: no password file at " + file);
      }
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ)
            || perms.contains(PosixFilePermission.OTHERS_READ)) {
          throw new ConfigException(
              "keystore: password file " + file + " is readable by others; chmod 600 it");
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: nothing to check
      }
      String s = Files.readString(file, StandardCharsets.UTF_8);
      s =
          s.endsWith("\r\n")
              ? s.substring(0, s.length() - 2)
              : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      if (s.isEmpty()) {
        throw new ConfigException("keystore: password file " + file + " is empty");
      }
      return s;
    } catch (IOException e) {
      throw new ConfigException(
          "keystore: cannot read password file " + file + ": " + e.getMessage(), e);
    }
  }
}
