package dev.arb.daemon.http;

import java.util.Objects;
import java.util.function.Function;

/** What the {@link Dispatcher} decided on a request head. */
public sealed interface Admission {

  /**
   * Answer at once. A body that was announced is not read: the connection is closed after the
   * answer. Without a body the connection stays open for the next request.
   */
  record Answer(Reply reply) implements Admission {
    public Answer {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * Read the body (at most {@code maxBody} bytes, else 413) within the body deadline, then run
   * {@code handler} with it (as UTF-8 text) on the {@code lane}'s pool.
   */
  record Handle(int maxBody, Lane lane, Function<String, Reply> handler) implements Admission {
    public Handle {
      if (maxBody < 0) {
        throw new IllegalArgumentException("maxBody must be 0 or more, got " + maxBody);
      }
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(handler, "handler");
    }
  }
}
