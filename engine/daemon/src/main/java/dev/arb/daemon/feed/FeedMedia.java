package dev.arb.daemon.feed;

import dev.arb.error.ArbException;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * An Aeron client with its media driver: embedded in this process (the default: one shared driver
 * thread, small term buffers, its directory deleted on close) or a standalone driver already
 * running, named by its directory ({@code --aeron-dir}).
 */
public final class FeedMedia implements AutoCloseable {
  private final MediaDriver driver;
  private final Aeron aeron;

  private FeedMedia(MediaDriver driver, Aeron aeron) {
    this.driver = driver;
    this.aeron = aeron;
  }

  /**
   * Starts an embedded driver, or connects to the standalone one in {@code dir}.
   *
   * @throws ArbException when the driver cannot be started or reached
   */
  public static FeedMedia open(Optional<Path> dir) {
    MediaDriver driver = null;
    try {
      String name;
      if (dir.isPresent()) {
        if (!Files.isDirectory(dir.get())) {
          throw new ArbException(
              "feed: --aeron-dir "
                  + dir.get()
                  + " is not a media driver's folder; start the driver first or leave"
                  + " --aeron-dir out for an embedded one");
        }
        name = dir.get().toString();
      } else {
        driver =
            MediaDriver.launchEmbedded(
                new MediaDriver.Context()
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000))
                    .publicationTermBufferLength(1 << 20)
                    .ipcTermBufferLength(1 << 20)
                    // a directory of its own, named for arb and this process (a feed and an engine
                    // on one machine each embed a driver)
                    .aeronDirectoryName(ownDirectory())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
        name = driver.aeronDirectoryName();
      }
      Aeron aeron =
          Aeron.connect(new Aeron.Context().aeronDirectoryName(name).driverTimeoutMs(10_000));
      return new FeedMedia(driver, aeron);
    } catch (RuntimeException e) {
      if (driver != null) {
        driver.close();
      }
      if (e instanceof ArbException a) {
        throw a;
      }
      throw new ArbException(
          "feed: the Aeron media driver could not be used: " + e.getMessage(), e);
    }
  }

  private static String ownDirectory() {
    Path shm = Path.of("/dev/shm");
    Path base =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm
            : Path.of(System.getProperty("java.io.tmpdir"));
    return base.resolve(
            "arb-aeron-"
                + ProcessHandle.current().pid()
                + "-"
                + Long.toHexString(new java.security.SecureRandom().nextLong()))
        .toString();
  }

  /** The client. */
  Aeron aeron() {
    return aeron;
  }

  /** Whether the driver runs in this process. */
  public boolean embedded() {
    return driver != null;
  }

  @Override
  public void close() {
    aeron.close();
    if (driver != null) {
      driver.close();
    }
  }
}
