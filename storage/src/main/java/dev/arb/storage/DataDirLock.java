package dev.arb.storage;

import dev.arb.config.PrivateFiles;
import dev.arb.error.DataDirInUseException;
import dev.arb.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive claim of one process on a data directory: an OS lock ({@link
 * FileChannel#tryLock()}) on {@code arb.lock} in it, holding the holder's PID. The daemon holds it
 * for its whole life, so two daemons never share a data directory, and only the holder may do what
 * assumes no other writer is mid-way: mark records left {@code executing} failed at start, replay
 * the spill, trade from {@code arb dlq retry}. Commands that only read (and those that only append,
 * through SQLite's own locking) do not take it.
 *
 * <p>The operating system releases the lock when the process ends, however it ends (even {@code
 * kill -9}); the file stays, and the next holder writes its own PID into it. Within one process a
 * directory is claimed at most once: a second claim fails as one from another process would.
 */
public final class DataDirLock implements AutoCloseable {

  /** The lock file's name in the data directory. */
  public static final String FILE = "arb.lock";

  /** Locks held by this process, by data directory; claims and releases are serialised. */
  private static final Map<Path, DataDirLock> HELD = new ConcurrentHashMap<>();

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims {@code dataDir} (creating it, {@code 0700}, if needed) for this process.
   *
   * @throws DataDirInUseException when another process (or this one) holds it, naming its PID
   * @throws StorageException when the lock file cannot be created or locked
   */
  public static synchronized DataDirLock acquire(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE);
    if (HELD.containsKey(dir)) {
      // never open the file a second time here: closing that descriptor would drop the lock
      throw inUse(dir, file, ProcessHandle.current().pid());
    }
    FileChannel channel;
    try {
      PrivateFiles.directories(dir);
      PrivateFiles.file(file);
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException(
          "could not create the lock file "
              + file
              + ": "
              + e.getMessage()
              + "; the data directory must be writable (or use another --data-dir)",
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException("could not lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw inUse(dir, file, holder(file));
    }
    DataDirLock held = new DataDirLock(dir, channel, lock);
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
    } catch (IOException e) {
      held.release();
      throw new StorageException("could not write into " + file + ": " + e.getMessage(), e);
    }
    HELD.put(dir, held);
    return held;
  }

  /** Whether this process holds {@code dataDir}. */
  static boolean heldHere(Path dataDir) {
    return HELD.containsKey(dataDir.toAbsolutePath().normalize());
  }

  /** The data directory held. */
  public Path dir() {
    return dir;
  }

  /** Lets the directory go (the lock file stays). Idempotent. */
  @Override
  public void close() {
    synchronized (DataDirLock.class) {
      if (HELD.remove(dir, this)) {
        release();
      }
    }
  }

  private void release() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }

  private static DataDirInUseException inUse(Path dir, Path file, long pid) {
    return new DataDirInUseException(
        "the data directory "
            + dir
            + " is in use by another arb process ("
            + (pid > 0 ? "pid " + pid : "its pid is not in " + file)
            + ", holding "
            + file
            + "): one daemon per data directory; stop it first, or use another --data-dir",
        pid);
  }

  /**
   * The PID the holder wrote, or -1. Reading does not touch the lock (another process holds it).
   */
  private static long holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.matches("\\d{1,18}") ? Long.parseLong(text) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  @Override
  public String toString() {
    return "DataDirLock[" + dir + "]";
  }
}
