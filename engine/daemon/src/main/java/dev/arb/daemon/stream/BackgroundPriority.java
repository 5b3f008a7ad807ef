package dev.arb.daemon.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.annotations.In;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the calling thread's CPU priority to the kernel's idle class (Linux {@code SCHED_IDLE}: it
 * runs only on a core nothing else wants), for the decision stage when the runner spins on a core
 * of its own ({@code arb.run.wait = spin}). Without it, the stage's wake-up lands on the runner's
 * core and takes it for the length of a sizing (a millisecond or more on the benchmark: every event
 * behind waits); at idle priority the scheduler moves the stage to the other core instead. Where
 * the class cannot be set (not Linux, no C library), the calling thread keeps its priority and the
 * reason is logged at debug level: nothing else changes.
 */
public final class BackgroundPriority {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
  // <sched.h>: SCHED_IDLE
  private static final int SCHED_IDLE = 5;

  /** The C library calls used. */
  public interface LibC {
    int sched_setscheduler(int pid, int policy, @In int[] param);
  }

  private BackgroundPriority() {}

  /**
   * Puts the calling thread in the idle scheduling class.
   *
   * @return whether it is there now
   */
  public static boolean lowerCurrentThread() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      LOG.debug("idle priority is for Linux only; {} keeps its priority", threadName());
      return false;
    }
    try {
      LibC c =
          LibraryLoader.create(LibC.class)
              .load(Platform.getNativePlatform().getStandardCLibraryName());
      // pid 0: the calling thread; the idle class has one static priority, 0
      int rc = c.sched_setscheduler(0, SCHED_IDLE, new int[] {0});
      if (rc != 0) {
        LOG.debug("sched_setscheduler refused idle priority for {}", threadName());
        return false;
      }
      return true;
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("idle priority not set for {}: {}", threadName(), e.toString());
      return false;
    }
  }

  /**
   * The calling thread's scheduling policy as the kernel reports it ({@code
   * /proc/thread-self/sched}: 0 normal, 5 idle), or -1 where it cannot be read.
   */
  public static int currentPolicy() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/sched"))) {
        if (line.startsWith("policy")) {
          return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("scheduling policy not readable: {}", e.toString());
    }
    return -1;
  }

  private static String threadName() {
    return "thread " + Thread.currentThread().getName();
  }
}
