package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.daemon.ProcessHooks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code arb run} on a thread of the test JVM, through {@link Cli}, with its output captured. */
final class InProcessDaemon implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("serving (http://[0-9.]+:[0-9]+)");

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> exit;
  private String url;

  /** The daemon's signal handler, as {@link Main} would install it. */
  private volatile Consumer<String> signalHandler;

  /** Statuses the daemon asked to halt with (a forced exit); never done in-process. */
  final List<Integer> halts = new CopyOnWriteArrayList<>();

  InProcessDaemon(Map<String, String> env, String... args) {
    ProcessHooks hooks =
        new ProcessHooks() {
          @Override
          public boolean onStopSignal(Consumer<String> handler) {
            signalHandler = handler;
            return true;
          }

          @Override
          public void halt(int status) {
            halts.add(status);
          }
        };
    Cli cli = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), hooks);
    exit = CompletableFuture.supplyAsync(() -> cli.run(args));
  }

  /** The endpoint's base URL, once printed. */
  String url() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (url == null) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) {
        url = m.group(1);
        break;
      }
      if (exit.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("daemon did not start: out " + out + " err " + err);
      }
      Thread.sleep(20);
    }
    return url;
  }

  JsonNode status() throws Exception {
    return JSON.readTree(Http.get(url() + "/status").body());
  }

  /** Polls /status until {@code condition} holds (30 s at most), returns that status. */
  JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode s = status();
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("status never got there: " + s + "; err " + err);
      }
      Thread.sleep(20);
      s = status();
    }
    return s;
  }

  /** The exit code once the daemon stopped (30 s at most). */
  int awaitExit() throws Exception {
    return exit.get(30, TimeUnit.SECONDS);
  }

  boolean exited() {
    return exit.isDone();
  }

  /** Delivers a stop signal the way {@link Main}'s handler does. */
  void signal(String name) {
    Consumer<String> h = signalHandler;
    if (h == null) {
      throw new AssertionError("no signal handler installed");
    }
    h.accept(name);
  }

  /** Stops it as SIGTERM would if it is still running. */
  @Override
  public void close() throws Exception {
    if (!exit.isDone() && signalHandler != null) {
      signalHandler.accept("TERM");
    }
    exit.get(30, TimeUnit.SECONDS);
  }
}
