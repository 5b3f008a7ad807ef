package dev.arb.daemon.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bot's loop against a scripted API: offsets, allow-list, stale commands, retry_after. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TelegramBotTest {
  private static final long OK_CHAT = 7;

  /** Hands out scripted poll answers (or failures) and records the offsets and answers. */
  private static final class Scripted implements BotApi {
    final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    final List<Long> offsets = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public Updates updates(long offset, Duration wait) {
      offsets.add(offset);
      Object next;
      try {
        next = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChatApiException("getUpdates: interrupted", Optional.empty());
      }
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return next == null ? new Updates(-1, List.of()) : (Updates) next;
    }

    @Override
    public void send(long chatId, String text) {
      sent.add(chatId + ": " + text);
    }
  }

  /** Counts what the daemon was asked to do. */
  private static final class Recording implements ChatControl {
    final List<String> calls = new ArrayList<>();

    private synchronized String call(String what) {
      calls.add(what);
      return "did " + what;
    }

    @Override
    public String status() {
      return call("status");
    }

    @Override
    public String pause() {
      return call("pause");
    }

    @Override
    public String resume() {
      return call("resume");
    }

    @Override
    public String killSwitchOn() {
      return call("kill on");
    }

    @Override
    public String killSwitchOff() {
      return call("kill off");
    }
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void confirmsEachBatchIgnoresStrangersAndStaleCommandsAndHonoursRetryAfter() throws Exception {
    Scripted api = new Scripted();
    Recording control = new Recording();
    Instant now = Instant.now();
    TelegramBot bot =
        new TelegramBot(
            api,
            control,
            new TelegramBot.Settings(
                Set.of(OK_CHAT), Duration.ofMillis(200), Duration.ofSeconds(1)),
            Clock.systemUTC());
    api.answers.add(
        new BotApi.Updates(
            12,
            List.of(
                new BotApi.Message(10, 99, "/pause", now),
                new BotApi.Message(11, OK_CHAT, "/pause", now),
                new BotApi.Message(12, OK_CHAT, "/kill_on", now.minus(Duration.ofHours(3))))));
    api.answers.add(
        new ChatApiException(
            "getUpdates: refused (429: Too Many Requests)", Optional.of(Duration.ofHours(1))));
    api.answers.add(
        new BotApi.Updates(20, List.of(new BotApi.Message(20, OK_CHAT, "/status", now))));
    bot.start();
    try {
      await(() -> api.sent.size() == 2);
      assertThat(control.calls).containsExactly("pause", "status");
      assertThat(api.sent).containsExactly(OK_CHAT + ": did pause", OK_CHAT + ": did status");
      // first poll from 0, then after update 12 (twice: the failed poll confirmed nothing)
      assertThat(api.offsets.subList(0, 3)).containsExactly(0L, 13L, 13L);
      await(() -> api.offsets.size() >= 4);
      assertThat(api.offsets.get(3)).isEqualTo(21L);
      ChatStatus s = bot.status();
      assertThat(s.commands()).isEqualTo(2);
      assertThat(s.ignored()).isEqualTo(2); // the stranger and the 3-hour-old command
      assertThat(s.errors()).isEqualTo(1);
      assertThat(s.lastError()).isEqualTo("getUpdates: refused (429: Too Many Requests)");
      assertThat(s.polls()).isGreaterThanOrEqualTo(2);
    } finally {
      bot.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void failuresBackOffDoublingUpToTheBoundAndStopEndsTheWait() throws Exception {
    Scripted api = new Scripted();
    for (int i = 0; i < 3; i++) {
      api.answers.add(new IllegalStateException("boom with no token"));
    }
    TelegramBot bot =
        new TelegramBot(
            api,
            new Recording(),
            new TelegramBot.Settings(
                Set.of(OK_CHAT), Duration.ofMillis(100), Duration.ofSeconds(2)),
            Clock.systemUTC());
    bot.start();
    await(() -> bot.status().errors() == 3);
    ChatStatus s = bot.status();
    // 1 s, 2 s, then the bound (2 s) again
    assertThat(s.retryInSeconds()).isEqualTo(2.0);
    assertThat(s.lastError()).isEqualTo("unexpected failure (IllegalStateException)");
    bot.stop(Duration.ofSeconds(5));
    int polls = api.offsets.size();
    Thread.sleep(300);
    assertThat(api.offsets).hasSize(polls);
  }
}
