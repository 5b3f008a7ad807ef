package dev.arb.cli.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.resilience.Sleeper;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOrderJournal;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.live.LiveOrderExecutor;
import dev.arb.xchange.live.LiveVenues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the crash tests share: a child JVM trading live on an exchange stand-in, SIGKILLed while an
 * order is in flight, and the options a restarted process reconciles with.
 */
final class CrashChildren {
  private CrashChildren() {}

  /** A stand-in exchange on a free loopback port, started. */
  static WireMockServer standIn() {
    WireMockServer s =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    return s;
  }

  /** A JSON answer. */
  static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  /**
   * In a child: the live executor on {@code exchange}, journaling in the SQLite file {@code db},
   * each order given 10 minutes (the stand-in, not the timeout, decides when it ends).
   */
  static LiveOrderExecutor journaledExecutor(
      Path db, ExchangeConfig exchange, SecretResolver secrets) {
    return new LiveOrderExecutor(
        LiveVenues.create(List.of(exchange), secrets, VenueOptions.defaults(db.getParent())),
        new SqliteOrderJournal(SqliteDatabase.open(db, Duration.ofSeconds(5))),
        new LiveOrderExecutor.Options(
            Duration.ofMinutes(10),
            Duration.ofMillis(50),
            2,
            Clock.systemUTC(),
            System::nanoTime,
            Sleeper.SYSTEM));
  }

  /** In a child: says it is about to trade (the test waits for this line). */
  static void started() {
    System.out.println("started");
    System.out.flush();
  }

  /** The order the child had in flight when it was killed, if the journal showed one. */
  record Killed(Optional<JournalEntry> inFlight, int exitValue, String stderr) {}

  /**
   * Runs {@code main} in a child JVM with the journal file {@code db} and the stand-in's {@code
   * url} as its arguments, watches the journal (at most 60 s) until {@code inFlight} finds the
   * order it waits on, and SIGKILLs it.
   */
  static Killed killWhenInFlight(
      Class<?> main,
      Path db,
      String url,
      Function<SqliteOrderJournal, Optional<JournalEntry>> inFlight)
      throws IOException, InterruptedException {
    Path stderr = db.resolveSibling("child-stderr.txt");
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.http.retryPost=false",
                "-cp",
                cp,
                main.getName(),
                db.toString(),
                url)
            .redirectError(stderr.toFile())
            .start();
    Optional<JournalEntry> found = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("child stderr: %s", stderr).isEqualTo("started");
      try (SqliteDatabase watch = SqliteDatabase.open(db, Duration.ofSeconds(5))) {
        SqliteOrderJournal j = new SqliteOrderJournal(watch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
          found = inFlight.apply(j);
          if (found.isPresent()) {
            break;
          }
          Thread.sleep(50);
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    return new Killed(found, child.exitValue(), Files.readString(stderr));
  }

  /** Venue options of the restarted process: 3 quick attempts per read, no waiting between. */
  static VenueOptions restartOptions(Path dataDir) {
    return new VenueOptions(
        dataDir,
        Clock.systemUTC(),
        System::nanoTime,
        nanos -> {},
        new SplittableRandom(1),
        3,
        Duration.ofMillis(10),
        Duration.ofMillis(10),
        Duration.ofSeconds(1),
        3,
        Duration.ofSeconds(60),
        Duration.ZERO);
  }
}
