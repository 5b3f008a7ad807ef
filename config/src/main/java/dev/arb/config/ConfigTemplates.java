package dev.arb.config;

import dev.arb.error.ArbException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code arb config generate} writes: a commented {@code arb.conf} with every key and its
 * default, an {@code arb.env} template with the secret variables, and a hardened systemd unit.
 */
public final class ConfigTemplates {

  /** Name of the generated config file. */
  public static final String CONFIG_FILE = "arb.conf";

  /** Name of the generated environment file. */
  public static final String ENV_FILE = "arb.env";

  /** Name of the generated systemd unit. */
  public static final String UNIT_FILE = "arb.service";

  private ConfigTemplates() {}

  /** The {@code arb.conf} template: every key with its default, commented. */
  public static String configFile() {
    return resource("arb.conf.template");
  }

  /** The systemd unit running {@code arb run} in the foreground. */
  public static String systemdUnit() {
    return resource("arb.service.template");
  }

  /** The environment file: every secret variable with an empty value, and the overrides. */
  public static String envFile() {
    StringBuilder b = new StringBuilder();
    b.append("# Environment of the arb service, written by `arb config generate`.\n")
        .append("# It holds secrets: keep it owner-only.\n")
        .append("#   sudo install -m 600 arb.env /etc/arb/arb.env\n")
        .append("#   (or: chmod 600 arb.env)\n")
        .append("# Lines are VAR=value, no quotes, no spaces around '='. Empty means not set.\n\n")
        .append("# Bearer token for the control routes of the HTTP endpoint (arb.http.token).\n")
        .append(ArbEnv.HTTP_TOKEN)
        .append("=\n\n")
        .append("# Webhook URL for alerts (arb.alerts.webhook); empty: no alerts.\n")
        .append(ArbEnv.ALERT_WEBHOOK)
        .append("=\n\n")
        .append("# Telegram bot token for chat control (arb.chat.telegram.token); used only\n")
        .append("# when arb.chat.telegram.enabled = true.\n")
        .append(ArbEnv.TELEGRAM_TOKEN)
        .append("=\n\n")
        .append("# Password of the DeFi keystore (arb.defi.keystore-password).\n")
        .append(ArbEnv.KEYSTORE_PASSWORD)
        .append("=\n\n")
        .append("# Exchange API credentials, named in arb.conf as\n")
        .append("#   api-key = { env = \"ARB_<EXCHANGE>_API_KEY\" }, api-secret = { env = ... }\n");
    for (String ex : ArbEnv.TEMPLATE_EXCHANGES) {
      b.append(ArbEnv.exchangeApiKey(ex))
          .append("=\n")
          .append(ArbEnv.exchangeApiSecret(ex))
          .append("=\n");
    }
    b.append("\n# Overrides of single settings (they win over arb.conf). Uncomment to use.\n");
    for (ArbEnv.EnvOverride o : ArbEnv.OVERRIDES) {
      b.append("# ").append(o.variable()).append("=    # ").append(o.key()).append('\n');
    }
    return b.toString();
  }

  /**
   * Writes {@code arb.conf}, {@code arb.env} (owner-only) and {@code arb.service} into {@code dir},
   * creating it if needed.
   *
   * @param force overwrite files that exist; without it nothing at all is written when any of the
   *     three exists
   * @return the files written
   * @throws ConfigException naming every file that exists when {@code force} is false
   */
  public static List<Path> generate(Path dir, boolean force) {
    List<Path> targets =
        List.of(dir.resolve(CONFIG_FILE), dir.resolve(ENV_FILE), dir.resolve(UNIT_FILE));
    if (!force) {
      List<String> problems = new ArrayList<>();
      for (Path t : targets) {
        if (Files.exists(t)) {
          problems.add(
              "config: "
                  + t.toAbsolutePath()
                  + " already exists; nothing was written (use --force to overwrite)");
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
    try {
      Files.createDirectories(dir);
      write(targets.get(0), configFile(), "rw-r--r--");
      write(targets.get(1), envFile(), "rw-------");
      write(targets.get(2), systemdUnit(), "rw-r--r--");
    } catch (IOException e) {
      throw new ArbException(
          "cannot write the config templates into "
              + dir.toAbsolutePath()
              + ": "
              + dev.arb.error.IoMessages.of(e),
          e);
    }
    return targets;
  }

  /** Writes through a temporary file created with {@code perms}, then moves it into place. */
  private static void write(Path target, String content, String perms) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path dir = target.toAbsolutePath().getParent();
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                ".arb-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".arb-", ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      if (posix) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ConfigTemplates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/arb/config/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
