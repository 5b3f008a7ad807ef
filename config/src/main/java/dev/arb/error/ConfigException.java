package dev.arb.error;

import java.util.List;

/**
 * Bad configuration or bad input given by the user. Carries every problem found, not only the
 * first, so one run shows the user everything to fix. The CLI maps it to exit code 2.
 */
public class ConfigException extends ArbException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String message) {
    this(List.of(message));
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  public ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one line each, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
