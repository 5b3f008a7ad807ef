package dev.arb.cli;

import dev.arb.cli.wiring.Exchanges;
import dev.arb.daemon.ProcessHooks;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Entry point of the runnable jar; the only place that ends the process ({@link System#exit}, and
 * {@link Runtime#halt} for the daemon's forced exit). It gives {@code arb run} the real {@link
 * ProcessHooks}: SIGTERM and SIGINT handlers that replace the JVM's default shutdown, so the daemon
 * can stop cleanly and exit 0, and a SIGHUP handler (the JVM's default would end the process) that
 * makes the daemon reload its configuration.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // before any HTTP connection: the JDK must never re-send an order placement on its own
    Exchanges.noPostRetry();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code =
        new Cli(System.getenv(), out, err, new Hooks())
            .errIsTerminal(stderrIsTerminal(System.getenv()))
            .run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Whether the process's stderr is a terminal (Linux: fd 2 is a tty device; elsewhere: the JVM has
   * a console) and not a dumb one: only then is a progress line drawn.
   */
  static boolean stderrIsTerminal(java.util.Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      String target =
          java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Ends the JVM at once: no shutdown hooks, no flushing. */
  private static void haltNow(int status) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  /** Signal handling through {@code sun.misc.Signal} (module jdk.unsupported). */
  private static final class Hooks implements ProcessHooks {
    @Override
    public boolean onStopSignal(Consumer<String> handler) {
      try {
        for (String name : new String[] {"TERM", "INT"}) {
          sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept(s.getName()));
        }
        return true;
      } catch (IllegalArgumentException e) {
        return false; // signal not available on this platform, or in use by the JVM (-Xrs)
      }
    }

    @Override
    public boolean onReloadSignal(Runnable handler) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> handler.run());
        return true;
      } catch (IllegalArgumentException e) {
        return false; // not available on this platform, or in use by the JVM (-Xrs)
      }
    }

    @Override
    public void halt(int status) {
      haltNow(status);
    }
  }
}
