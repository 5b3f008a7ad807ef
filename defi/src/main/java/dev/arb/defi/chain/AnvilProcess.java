package dev.arb.defi.chain;

import dev.arb.error.ChainException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local anvil dev chain (from the npm package {@code @foundry-rs/anvil-linux-amd64}) listening on
 * 127.0.0.1 on a port the OS picks. Ready when {@link #start} returns; killed by {@link #close},
 * which is idempotent and also runs at JVM exit as a safety net.
 */
public final class AnvilProcess implements AutoCloseable {
  /** Chain id anvil uses unless told otherwise. */
  public static final long CHAIN_ID = 31337;

  /** Where npm puts the binary, relative to {@code contracts/}. */
  public static final String BINARY_IN_CONTRACTS =
      "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

  private static final Logger LOG = LoggerFactory.getLogger(AnvilProcess.class);
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private AnvilProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly, "anvil-kill");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts anvil from {@code contractsDir}'s node_modules and waits until it listens.
   *
   * @throws ChainException if the binary is missing (run {@code npm ci} in contracts/) or anvil
   *     does not come up within 30 s
   */
  public static AnvilProcess start(Path contractsDir) {
    Path binary = contractsDir.resolve(BINARY_IN_CONTRACTS);
    if (!Files.isExecutable(binary)) {
      throw new ChainException(
          "anvil: no executable at "
              + binary
              + "; run `npm ci` in "
              + contractsDir
              + " (scripts/test does it)");
    }
    List<String> command =
        List.of(binary.toString(), "--host", "127.0.0.1", "--port", "0", "--chain-id", "31337");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ChainException("anvil: cannot start " + binary + ": " + e.getMessage(), e);
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(process, port), "anvil-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int p = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new AnvilProcess(process, p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ChainException("anvil: interrupted while starting", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new ChainException(
          "anvil: did not report a listening port within " + START_TIMEOUT.toSeconds() + " s", e);
    }
  }

  private static void drain(Process process, CompletableFuture<Integer> port) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!port.isDone()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
        LOG.trace("anvil: {}", line);
      }
    } catch (IOException e) {
      LOG.debug("anvil output closed", e);
    } finally {
      port.completeExceptionally(new IOException("anvil exited before listening"));
    }
  }

  /** The port anvil listens on. */
  public int port() {
    return port;
  }

  /** JSON-RPC URL of this chain. */
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills anvil and waits for it to exit. Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // JVM already shutting down: the hook runs anyway
    }
  }
}
