package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.record.OpportunityRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The daemon's side of a record store that cannot write, against a recorder that says so: {@code
 * /health} is 503 with the reason from the first failed write until one succeeds, each failure
 * counts in {@code arb_errors_total{kind="storage"}} and {@code /status}, and the failure and the
 * recovery are alerted. Runs everywhere (no file system to break).
 */
class StorageHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
  private static final String FULL =
      "could not write 20 records to /data/arb.db: [SQLITE_FULL] database or disk is full; the"
          + " disk is full; free some space; the records are kept in /data/arb.db.spill.jsonl";

  /** A recorder whose failure the test sets, as the batch writer would. */
  static final class FailingRecorder implements OpportunityRecorder {
    volatile String failure;
    volatile Watcher watcher;
    volatile long accepted = 120;
    volatile long written = 20;
    volatile long spilled = 100;

    void fail(String reason) {
      failure = reason;
      watcher.failed(reason);
    }

    void recover(String note) {
      failure = null;
      watcher.recovered(note);
    }

    @Override
    public void record(OpportunityRecord record) {}

    @Override
    public void flush() {}

    @Override
    public long acceptedCount() {
      return accepted;
    }

    @Override
    public long writtenCount() {
      return written;
    }

    @Override
    public long spilledCount() {
      return spilled;
    }

    @Override
    public Optional<String> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public void watch(Watcher w) {
      watcher = w;
    }

    @Override
    public void close() {}
  }

  /** A store that is open; only its recorder is used here. */
  static RecordStore store(OpportunityRecorder recorder) {
    return new RecordStore() {
      @Override
      public String location() {
        return "/data/arb.db";
      }

      @Override
      public List<String> notes() {
        return List.of();
      }

      @Override
      public OpportunityRecorder recorder() {
        return recorder;
      }

      @Override
      public OpportunityRepository opportunities() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ExecutionRepository executions() {
        throw new UnsupportedOperationException();
      }

      @Override
      public DeadLetterRepository deadLetters() {
        throw new UnsupportedOperationException();
      }

      @Override
      public OrderJournal orderJournal() {
        throw new UnsupportedOperationException();
      }

      @Override
      public RelayRecordStore relays() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }

  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final AlertSink sink =
      new AlertSink() {
        @Override
        public boolean offer(Alert a) {
          return alerts.add(a);
        }

        @Override
        public void close(Duration bound) {}
      };

  private static double storageErrors(DaemonMetrics m) {
    Matcher x =
        Pattern.compile("(?m)^arb_errors_total\\{kind=\"storage\"\\} (\\S+)$").matcher(m.scrape());
    return x.find() ? Double.parseDouble(x.group(1)) : 0;
  }

  @Test
  void aFailedWriteTurnsHealth503AtOnceCountsAlertsAndARecoveryTurnsItBack() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    DaemonMetrics metrics = new DaemonMetrics();
    DaemonStats stats = new DaemonStats();
    AlertPolicy policy = new AlertPolicy(sink, metrics, stats, 1e9, Duration.ofMinutes(5), CLOCK);
    Running running = new Running();
    FailingRecorder recorder = new FailingRecorder();
    running.store = store(recorder);
    running.recorder = recorder;
    recorder.watch(policy);
    Routes routes =
        new Routes(
            lifecycle,
            metrics,
            null,
            running,
            100_000,
            r -> "[]",
            s -> {},
            null,
            Clock.systemUTC());
    lifecycle.started();
    assertThat(routes.health().status()).isEqualTo(200);

    recorder.fail(FULL);

    HttpEndpoint.Response h = routes.health();
    assertThat(h.status()).isEqualTo(503);
    JsonNode body = JSON.readTree(h.body());
    assertThat(body.get("status").asText()).isEqualTo("unavailable");
    assertThat(body.get("reason").asText()).isEqualTo("record store cannot write: " + FULL);
    assertThat(storageErrors(metrics)).isEqualTo(1);
    assertThat(stats.errors()).isEqualTo(1);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).event()).isEqualTo("error");
    assertThat(alerts.get(0).text()).isEqualTo("storage: " + FULL);
    assertThat(running.queued()).as("in memory: neither written nor spilled").isZero();

    recorder.fail(FULL); // the next probe fails too: counted, alerted once per cooldown
    assertThat(storageErrors(metrics)).isEqualTo(2);
    assertThat(alerts).hasSize(1);

    recorder.recover("100 records kept in /data/arb.db.spill.jsonl are in it now");

    assertThat(routes.health().status()).isEqualTo(200);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).event()).isEqualTo("storage_recovered");
    assertThat(alerts.get(1).text()).contains("100 records kept in /data/arb.db.spill.jsonl");
  }
}
