package dev.arb.cli;

import dev.arb.engine.port.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress line of a long command ({@code arb record}, {@code arb backtest}): on a terminal it
 * is one line on stderr, rewritten in place with a carriage return at most every {@link #EVERY_MS}
 * ms (and at the last step), and wiped when the work is done; when stderr is not a terminal, or
 * with {@code --json}, nothing at all is written.
 */
final class ProgressLines implements Progress, AutoCloseable {

  /** Fewest milliseconds between two redraws. */
  static final long EVERY_MS = 100;

  private final PrintWriter err;
  private final String task;
  private final LongSupplier nanoTime;
  private final long everyNanos;
  private boolean drawn;
  private long lastAt;
  private int width;

  /**
   * @param err where to draw; null: draw nothing
   * @param task what is done, such as {@code recording}
   */
  ProgressLines(PrintWriter err, String task, LongSupplier nanoTime, long everyNanos) {
    this.err = err;
    this.task = task;
    this.nanoTime = nanoTime;
    this.everyNanos = everyNanos;
  }

  /**
   * The progress line of {@code task} for this command: drawn only on a terminal, never for JSON.
   */
  static ProgressLines of(CliContext context, boolean json, String task) {
    return new ProgressLines(
        context.errTerminal() && !json ? context.err() : null,
        task,
        System::nanoTime,
        TimeUnit.MILLISECONDS.toNanos(EVERY_MS));
  }

  @Override
  public synchronized void at(long done, long total, String what) {
    if (err == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (drawn && done < total && now - lastAt < everyNanos) {
      return;
    }
    StringBuilder line = new StringBuilder(task).append(": ").append(done);
    if (total > 0) {
      line.append('/')
          .append(total)
          .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
    }
    if (what != null && !what.isEmpty()) {
      line.append(' ').append(what);
    }
    int shown = line.length();
    // spaces over what a longer line before left behind
    line.append(" ".repeat(Math.max(0, width - shown)));
    err.print("\r" + line);
    err.flush();
    width = shown;
    drawn = true;
    lastAt = now;
  }

  /** Wipes the line, so what follows starts on a clean one. */
  @Override
  public synchronized void close() {
    if (err != null && drawn) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
