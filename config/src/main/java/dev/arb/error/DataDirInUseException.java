package dev.arb.error;

import java.util.OptionalLong;

/**
 * The data directory is held by another arb process (its lock file is locked): two daemons must not
 * share one, and a command that trades or recovers must not run beside one. Nothing was done; the
 * CLI maps it to exit code 2.
 */
public class DataDirInUseException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final long pid;

  /**
   * @param message what, where and what to do (naming the holder's PID when known)
   * @param pid the holder's process id, or -1 when its lock file does not say
   */
  public DataDirInUseException(String message, long pid) {
    super(message);
    this.pid = pid;
  }

  /** The process id of the holder, when its lock file names it. */
  public OptionalLong pid() {
    return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
  }
}
