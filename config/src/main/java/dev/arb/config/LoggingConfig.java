package dev.arb.config;

import java.util.Objects;

/**
 * Logging settings ({@code arb.logging}).
 *
 * @param level root log level: one of TRACE, DEBUG, INFO, WARN, ERROR
 * @param format {@link LogFormat#TEXT} for people, {@link LogFormat#JSON} for log shippers
 */
public record LoggingConfig(String level, LogFormat format) {
  public LoggingConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
  }

  /** How log lines are written. */
  public enum LogFormat {
    TEXT,
    JSON
  }
}
