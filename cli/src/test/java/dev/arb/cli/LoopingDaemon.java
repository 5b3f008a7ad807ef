package dev.arb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * The daemon most CLI tests talk to: {@code arb run --loop} in this JVM on a free HTTP port, with
 * its data directory, scanning every {@code interval}; and a loopback port where nothing answers.
 */
final class LoopingDaemon {
  private LoopingDaemon() {}

  /** {@code arb --data-dir <dataDir> run --http-port 0 --loop --interval <interval>}. */
  static InProcessDaemon start(Map<String, String> env, Path dataDir, String interval) {
    return new InProcessDaemon(
        env,
        "--data-dir",
        dataDir.toString(),
        "run",
        "--http-port",
        "0",
        "--loop",
        "--interval",
        interval);
  }

  /** {@code http://127.0.0.1:<port>} on a port that was free a moment ago: no daemon answers. */
  static String urlWithNothingListening() {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
