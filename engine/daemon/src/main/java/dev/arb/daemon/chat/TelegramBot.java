package dev.arb.daemon.chat;

import dev.arb.engine.text.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat bot's loop, on its own thread: long-polls the {@link BotApi} for messages (each poll
 * confirms the ones before), carries out the commands of allowed chats through the {@link
 * ChatControl} and answers them; a message from any other chat is ignored, logged with its chat id
 * but never its text, and not answered. An unknown command gets the help. A failed call is counted,
 * logged, and the next poll waits (1 s, doubled up to the bound, or what the service asked); the
 * loop never ends but by {@link #stop}, so the daemon never stops because of its chat.
 */
public final class TelegramBot {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

  /** Commands sent this long before the bot started are not carried out (a queue of old ones). */
  static final Duration STALE = Duration.ofMinutes(2);

  /** First wait after a failure. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /**
   * How the bot runs.
   *
   * @param allowedChats the chats whose commands are carried out
   * @param pollTimeout long-poll wait of one {@code getUpdates}
   * @param maxBackoff longest wait between two polls after failures
   */
  public record Settings(Set<Long> allowedChats, Duration pollTimeout, Duration maxBackoff) {
    public Settings {
      allowedChats = Set.copyOf(allowedChats);
      if (pollTimeout.isNegative() || maxBackoff.compareTo(FIRST_BACKOFF) < 0) {
        throw new IllegalArgumentException("pollTimeout >= 0 and maxBackoff >= 1s");
      }
    }
  }

  private final BotApi api;
  private final ChatControl control;
  private final Settings settings;
  private final Clock clock;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile Instant startedAt;
  private volatile Instant lastPollAt;
  private volatile Instant lastErrorAt;
  private volatile String lastError;
  private volatile Duration retryIn;
  private volatile boolean stopping;
  private Thread thread;
  private long offset;

  public TelegramBot(BotApi api, ChatControl control, Settings settings, Clock clock) {
    this.api = api;
    this.control = control;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts polling on a daemon thread {@code arb-chat}. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    startedAt = clock.instant();
    thread = new Thread(this::loop, "arb-chat");
    thread.setDaemon(true);
    thread.start();
    LOG.info("chat control on: Telegram bot obeys {} chat(s)", settings.allowedChats().size());
  }

  /** Stops polling (interrupting a poll in progress) and waits up to {@code bound} for it. */
  public void stop(Duration bound) {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(Math.max(1, bound.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The {@code /status} part, now. */
  public ChatStatus status() {
    Instant now = clock.instant();
    Instant last = lastPollAt;
    Duration retry = retryIn;
    return new ChatStatus(
        "telegram",
        true,
        settings.allowedChats().size(),
        last,
        last == null ? null : Duration.between(last, now).toMillis() / 1000.0,
        polls.get(),
        commands.get(),
        ignored.get(),
        errors.get(),
        lastErrorAt,
        lastError,
        retry == null ? null : retry.toMillis() / 1000.0);
  }

  private void loop() {
    int failures = 0;
    while (!stopping) {
      try {
        BotApi.Updates u = api.updates(offset, settings.pollTimeout());
        lastPollAt = clock.instant();
        polls.incrementAndGet();
        failures = 0;
        retryIn = null;
        for (BotApi.Message m : u.messages()) {
          if (stopping) {
            return;
          }
          handle(m);
          offset = Math.max(offset, m.updateId() + 1);
        }
        if (u.lastUpdateId() >= 0) {
          offset = Math.max(offset, u.lastUpdateId() + 1);
        }
      } catch (RuntimeException e) {
        if (stopping) {
          return;
        }
        failures++;
        Duration wait = backoff(failures, e);
        failed(e, "trying again in " + Durations.format(wait));
        retryIn = wait;
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException x) {
          // only stop() interrupts; the loop condition ends it
        }
      }
    }
  }

  /** 1 s doubled per failure up to the bound, or what the service asked (within the bound). */
  private Duration backoff(int failures, RuntimeException e) {
    if (e instanceof ChatApiException c && c.retryAfter().isPresent()) {
      Duration asked = c.retryAfter().get();
      return asked.compareTo(settings.maxBackoff()) > 0
          ? settings.maxBackoff()
          : asked.compareTo(FIRST_BACKOFF) < 0 ? FIRST_BACKOFF : asked;
    }
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 20));
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private void failed(RuntimeException e, String then) {
    errors.incrementAndGet();
    lastErrorAt = clock.instant();
    // a ChatApiException's message never holds the token; anything else is not shown
    String why =
        e instanceof ChatApiException
            ? e.getMessage()
            : "unexpected failure (" + e.getClass().getSimpleName() + ")";
    lastError = why;
    LOG.warn("chat: {}; {}", why, then);
  }

  private void handle(BotApi.Message m) {
    if (!settings.allowedChats().contains(m.chatId())) {
      ignored.incrementAndGet();
      LOG.warn(
          "chat: ignored a message from chat {} (not in arb.chat.telegram.allowed-chats)",
          m.chatId());
      return;
    }
    if (m.sentAt().isBefore(startedAt.minus(STALE))) {
      ignored.incrementAndGet();
      LOG.info(
          "chat: ignored a message from chat {} sent {} before arb started",
          m.chatId(),
          Durations.rounded(Duration.between(m.sentAt(), startedAt)));
      return;
    }
    Optional<ChatCommand> c = ChatCommand.parse(m.text());
    String reply;
    try {
      reply = c.map(this::carryOut).orElse("Unknown command.\n" + ChatCommand.help());
    } catch (RuntimeException e) {
      failed(e, "the command was not carried out");
      reply = "Failed: " + lastError;
    }
    if (c.isPresent()) {
      commands.incrementAndGet();
      LOG.info("chat: {} from chat {}", c.get().word(), m.chatId());
    } else {
      LOG.info("chat: unknown command from chat {}; answered with the help", m.chatId());
    }
    try {
      api.send(m.chatId(), reply);
    } catch (RuntimeException e) {
      failed(e, "the answer is lost");
    }
  }

  private String carryOut(ChatCommand c) {
    return switch (c) {
      case STATUS -> control.status();
      case PAUSE -> control.pause();
      case RESUME -> control.resume();
      case KILL_ON -> control.killSwitchOn();
      case KILL_OFF -> control.killSwitchOff();
      case HELP -> ChatCommand.help();
    };
  }
}
