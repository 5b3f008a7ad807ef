package dev.arb.xchange.spi;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observable;
import java.time.Instant;
import java.util.Objects;

/**
 * One WebSocket connection to an exchange's order-book stream, through XChange's stream modules:
 * connect, learn when the connection drops, and follow one market's full book. A connection is used
 * once: after a drop, the common adapter's stream feed opens a new one.
 */
public interface BookStream {

  /** Opens the connection; completes once the WebSocket handshake is done. */
  Completable connect();

  /** Emits when the connection closed without {@link #disconnect()} being asked for. */
  Observable<Object> drops();

  /**
   * Subscribes to one market's book: emits the full book after the snapshot and after every update
   * applied to it, or a {@link Gap} when the stream showed that an update was missed (the book is
   * then rebuilt from a new snapshot, which the stream asks for itself).
   */
  Observable<Event> book(VenueMarket market);

  /**
   * Called once every market's {@link #book} is subscribed: a stream whose one subscription message
   * covers all markets sends it now, so no answer can arrive before its subscribers are in place.
   */
  default void subscribed() throws java.io.IOException {}

  /** Closes the connection and frees its threads. */
  Completable disconnect();

  /** What a market's subscription gives. */
  sealed interface Event permits Book, Gap {}

  /**
   * The market's full book after a message.
   *
   * @param raw the book as XChange holds it (exact decimals from the exchange's strings)
   * @param exchangeTime the exchange's time of the message, or null when it gave none
   */
  record Book(org.knowm.xchange.dto.marketdata.OrderBook raw, Instant exchangeTime)
      implements Event {
    public Book {
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * The local book no longer matches the exchange's (checksum mismatch, sequence gap): it must not
   * be used until it is rebuilt.
   *
   * @param reason what was detected, for people
   */
  record Gap(String reason) implements Event {
    public Gap {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
