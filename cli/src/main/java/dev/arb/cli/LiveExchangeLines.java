package dev.arb.cli;

import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.VenueHealth;
import java.util.ArrayList;
import java.util.List;

/** The lines {@code arb scan} and {@code arb record} print about live exchanges. */
final class LiveExchangeLines {
  private LiveExchangeLines() {}

  /**
   * One line per exchange with keys: {@code balances kraken: BTC 0.48885833, EUR 1.0539}, or what
   * went wrong; one line saying so when no exchange has keys.
   */
  static List<String> balanceLines(List<AccountBalances> all) {
    if (all.isEmpty()) {
      return List.of(
          "balances: no exchange has an API key configured (arb.exchanges.NAME.api-key and"
              + " api-secret)");
    }
    List<String> out = new ArrayList<>();
    for (AccountBalances b : all) {
      if (b.problem().isPresent()) {
        out.add("balances " + b.problem().get());
      } else if (b.available().isEmpty()) {
        out.add("balances " + b.exchange() + ": none");
      } else {
        StringBuilder line = new StringBuilder("balances " + b.exchange() + ":");
        String sep = " ";
        for (var e : b.available().entrySet()) {
          line.append(sep).append(e.getKey()).append(' ').append(e.getValue().toPlainString());
          sep = ", ";
        }
        out.add(line.toString());
      }
    }
    return out;
  }

  /** One line per exchange: {@code exchange kraken: up (poll), 3 books, 0 problems}. */
  static List<String> healthLines(List<VenueHealth> health) {
    List<String> out = new ArrayList<>();
    for (VenueHealth h : health) {
      out.add(
          "exchange "
              + h.exchange()
              + ": "
              + h.state().code()
              + " ("
              + h.feed().code()
              + "), "
              + h.books()
              + " books, "
              + h.problems()
              + " problems"
              + h.retryAt().map(t -> "; retried after " + t).orElse(""));
    }
    return out;
  }
}
