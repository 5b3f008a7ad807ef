package dev.arb.engine.record;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One live order as journaled. Amounts are exact and scale-normalised.
 *
 * @param clientOrderId arb's idempotency key (primary key)
 * @param executionRef the execution (cycle) the order belongs to: the id prefix of its orders
 * @param exchange lower-case exchange name
 * @param base market base asset code
 * @param quote market quote asset code
 * @param side buy or sell of the base
 * @param amount base amount ordered, &gt; 0
 * @param limitPrice limit price, quote per base
 * @param state where the order stands
 * @param venueOrderId the exchange's order id, once known
 * @param filledBase base amount filled so far, &ge; 0
 * @param spent amount of the spent asset (quote for a buy, base for a sell), fee included when the
 *     exchange charges it there
 * @param received amount of the received asset after the fee
 * @param fee fee paid, in {@code feeAsset}
 * @param feeAsset asset code of the fee ({@code ""} when none was paid)
 * @param error the last error or the exchange's message ({@code ""} when none)
 * @param createdAt when the intent was written
 * @param updatedAt last change
 */
public record JournalEntry(
    String clientOrderId,
    String executionRef,
    String exchange,
    String base,
    String quote,
    Side side,
    BigDecimal amount,
    BigDecimal limitPrice,
    OrderState state,
    Optional<String> venueOrderId,
    BigDecimal filledBase,
    BigDecimal spent,
    BigDecimal received,
    BigDecimal fee,
    String feeAsset,
    String error,
    Instant createdAt,
    Instant updatedAt) {
  public JournalEntry {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(executionRef, "executionRef");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(side, "side");
    amount = Decimals.normalise(Objects.requireNonNull(amount, "amount"));
    limitPrice = Decimals.normalise(Objects.requireNonNull(limitPrice, "limitPrice"));
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(venueOrderId, "venueOrderId");
    filledBase = Decimals.normalise(Objects.requireNonNull(filledBase, "filledBase"));
    spent = Decimals.normalise(Objects.requireNonNull(spent, "spent"));
    received = Decimals.normalise(Objects.requireNonNull(received, "received"));
    fee = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    Objects.requireNonNull(feeAsset, "feeAsset");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A new order about to be sent. */
  public static JournalEntry intent(
      String clientOrderId,
      String executionRef,
      String exchange,
      String base,
      String quote,
      Side side,
      BigDecimal amount,
      BigDecimal limitPrice,
      Instant now) {
    BigDecimal z = BigDecimal.ZERO;
    return new JournalEntry(
        clientOrderId,
        executionRef,
        exchange,
        base,
        quote,
        side,
        amount,
        limitPrice,
        OrderState.INTENT,
        Optional.empty(),
        z,
        z,
        z,
        z,
        "",
        "",
        now,
        now);
  }

  /** {@code BASE/QUOTE}. */
  public String symbol() {
    return base + "/" + quote;
  }

  /** This entry in another state, with the venue id and error (null keeps the current ones). */
  public JournalEntry with(OrderState s, String venueId, String err, Instant now) {
    return copy(
        now,
        c -> {
          c.state = s;
          c.venueOrderId = venueId == null ? venueOrderId : Optional.of(venueId);
          c.error = err == null ? error : err;
        });
  }

  /** This entry with the fill amounts and a state. */
  public JournalEntry filled(
      OrderState s,
      BigDecimal filled,
      BigDecimal spentAmount,
      BigDecimal receivedAmount,
      BigDecimal feeAmount,
      String feeIn,
      Instant now) {
    return copy(
        now,
        c -> {
          c.state = s;
          c.filledBase = filled;
          c.spent = spentAmount;
          c.received = receivedAmount;
          c.fee = feeAmount;
          c.feeAsset = feeIn;
        });
  }

  private JournalEntry copy(Instant now, Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build(now);
  }

  /** What an order's answers change; the order itself stays as it was. */
  private static final class Copy {
    private final JournalEntry of;
    private OrderState state;
    private Optional<String> venueOrderId;
    private BigDecimal filledBase;
    private BigDecimal spent;
    private BigDecimal received;
    private BigDecimal fee;
    private String feeAsset;
    private String error;

    private Copy(JournalEntry e) {
      of = e;
      state = e.state;
      venueOrderId = e.venueOrderId;
      filledBase = e.filledBase;
      spent = e.spent;
      received = e.received;
      fee = e.fee;
      feeAsset = e.feeAsset;
      error = e.error;
    }

    private JournalEntry build(Instant updatedAt) {
      return new JournalEntry(
          of.clientOrderId,
          of.executionRef,
          of.exchange,
          of.base,
          of.quote,
          of.side,
          of.amount,
          of.limitPrice,
          state,
          venueOrderId,
          filledBase,
          spent,
          received,
          fee,
          feeAsset,
          error,
          of.createdAt,
          updatedAt);
    }
  }
}
