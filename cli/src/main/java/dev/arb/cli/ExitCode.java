package dev.arb.cli;

/** The exit codes of arb, fixed here and nowhere else. */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** The command ran and failed (exchange down, storage error, not available yet). */
  public static final int FAILURE = 1;

  /** Bad command-line usage or bad configuration/input; nothing was done. */
  public static final int USAGE = 2;

  /** The command ran but found nothing, and {@code --fail-on-empty} asked to say so. */
  public static final int NOTHING_FOUND = 3;

  private ExitCode() {}
}
