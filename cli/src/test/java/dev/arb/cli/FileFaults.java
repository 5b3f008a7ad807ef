package dev.arb.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Faults a test can inflict on files: paths made unwritable (for root too, which ignores modes:
 * {@code chattr +i}, which also stops writes through descriptors already open), and a small file
 * system to fill (a tmpfs: needs root and mount). A test that cannot have the fault here is skipped
 * through an assumption, saying why.
 */
final class FileFaults {
  private FileFaults() {}

  /** Whether this process runs as root. */
  static boolean root() {
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && "0".equals(out);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command; its exit status (-1 if it cannot run or hangs). */
  static int exec(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Paths nobody can write until {@link #close}: as root the immutable attribute (also stops writes
   * through open descriptors), otherwise the write bits taken off (only opens after this fail).
   */
  static final class Unwritable implements AutoCloseable {
    private final boolean immutable;
    private final Map<Path, Set<PosixFilePermission>> modes = new LinkedHashMap<>();
    private boolean closed;

    private Unwritable(boolean immutable) {
      this.immutable = immutable;
    }

    /** Makes {@code paths} unwritable; skips the test when this cannot be done here. */
    static Unwritable of(Path... paths) throws IOException {
      Unwritable u = new Unwritable(root());
      for (Path p : paths) {
        if (u.immutable) {
          int rc = exec("chattr", "+i", p.toString());
          if (rc != 0) {
            u.close();
          }
          assumeTrue(rc == 0, "chattr +i is not permitted on " + p + " here");
          u.modes.put(p, Set.of());
        } else {
          Set<PosixFilePermission> was = Files.getPosixFilePermissions(p);
          u.modes.put(p, was);
          Set<PosixFilePermission> ro = new java.util.HashSet<>(was);
          ro.removeAll(
              List.of(
                  PosixFilePermission.OWNER_WRITE,
                  PosixFilePermission.GROUP_WRITE,
                  PosixFilePermission.OTHERS_WRITE));
          Files.setPosixFilePermissions(p, ro);
        }
      }
      return u;
    }

    /** Whether open descriptors are affected too (root: the immutable attribute). */
    boolean stopsOpenFiles() {
      return immutable;
    }

    /** Writable again. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      List<Path> paths = new ArrayList<>(modes.keySet());
      for (Path p : paths) {
        if (immutable) {
          exec("chattr", "-i", p.toString());
        } else {
          Files.setPosixFilePermissions(p, modes.get(p));
        }
      }
    }
  }

  /** A tmpfs of a few megabytes mounted at a directory, to fill up; unmounted by {@link #close}. */
  static final class SmallFileSystem implements AutoCloseable {
    private final Path at;
    private final Path filler;

    private SmallFileSystem(Path at) {
      this.at = at;
      this.filler = at.resolve(".filler");
    }

    /** Mounts {@code megabytes} MB at {@code at}; skips the test where mounting is not allowed. */
    static SmallFileSystem mount(Path at, int megabytes) throws IOException {
      assumeTrue(root(), "mounting a small file system needs root");
      Files.createDirectories(at);
      int rc =
          exec("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs", "" + at);
      assumeTrue(rc == 0, "mount -t tmpfs is not permitted here");
      return new SmallFileSystem(at);
    }

    /** Fills the file system to the last byte. */
    void fill() throws IOException {
      byte[] block = new byte[64 * 1024];
      try (OutputStream out = Files.newOutputStream(filler)) {
        for (int i = 0; i < 1_000_000; i++) {
          out.write(block);
        }
      } catch (IOException full) {
        // ENOSPC: full, as wanted; a partly written block stays
      }
      byte[] one = new byte[1];
      try (OutputStream out =
          Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
        for (int i = 0; i < block.length; i++) {
          out.write(one);
          out.flush();
        }
      } catch (IOException full) {
        // the last bytes of the last page
      }
    }

    /** Frees what {@link #fill} took. */
    void free() throws IOException {
      Files.deleteIfExists(filler);
    }

    @Override
    public void close() {
      if (exec("umount", at.toString()) != 0) {
        exec("umount", "-l", at.toString());
      }
    }
  }
}
