package dev.arb.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only their owner may read: what arb keeps (the database, its lock and
 * spill, keystores, caches under the data directory) is created {@code 0700} (directories) or
 * {@code 0600} (files), whatever the umask. Existing ones are never changed behind the owner's
 * back: a looser mode is warned about, once per path and process, with the {@code chmod} that fixes
 * it. On a file system without POSIX modes nothing is set and nothing is warned.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** The paths already warned about in this process. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and its missing parents, each {@code 0700}; an existing {@code dir} is kept
   * as it is and warned about when others may use it.
   *
   * @return {@code dir}
   * @throws IOException when a directory cannot be created
   */
  public static Path directories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      warnIfShared(abs);
      return abs;
    }
    Path parent = abs.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directories(parent);
    }
    try {
      if (posix(parent)) {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIRECTORY));
        Files.setPosixFilePermissions(abs, DIRECTORY); // the umask may have taken bits off
      } else {
        Files.createDirectory(abs);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(abs)) {
        throw e;
      }
      warnIfShared(abs); // created meanwhile by another process
    }
    return abs;
  }

  /**
   * Creates {@code file} empty, {@code 0600}, unless it exists; an existing one is kept as it is
   * and warned about when others may read it.
   *
   * @return {@code file}
   * @throws IOException when it cannot be created
   */
  public static Path file(Path file) throws IOException {
    try {
      Files.createFile(file, attributes(file.toAbsolutePath().getParent(), FILE));
    } catch (FileAlreadyExistsException e) {
      warnIfShared(file);
    }
    return file;
  }

  /** The attributes that create a file {@code 0600} in {@code dir} (none without POSIX modes). */
  public static FileAttribute<?>[] ownerOnly(Path dir) {
    return attributes(dir, FILE);
  }

  /**
   * Warns, once per path, when others may read, write or enter {@code path}; says which {@code
   * chmod} to run. A missing path is no problem.
   */
  public static void warnIfShared(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(abs);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    boolean dir = Files.isDirectory(abs);
    if (mode.stream().noneMatch(PrivateFiles::notOwner) || !WARNED.add(abs)) {
      return;
    }
    LOG.warn(
        "{} can be read by other users (mode {}); it should be its owner's only: run 'chmod {} {}'",
        abs,
        PosixFilePermissions.toString(mode),
        dir ? "700" : "600",
        abs);
  }

  private static boolean notOwner(PosixFilePermission p) {
    return p != PosixFilePermission.OWNER_READ
        && p != PosixFilePermission.OWNER_WRITE
        && p != PosixFilePermission.OWNER_EXECUTE;
  }

  private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> mode) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path dir) {
    Path probe = dir == null ? Path.of("").toAbsolutePath() : dir;
    return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
