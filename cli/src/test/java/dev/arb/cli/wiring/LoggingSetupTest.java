package dev.arb.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.LoggingConfig.LogFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The text log line as a person reads it: time, level, logger's short name, exchange, message. */
class LoggingSetupTest {

  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private static String logged(String exchange) {
    StringWriter err = new StringWriter();
    LoggingSetup.configure("INFO", LogFormat.TEXT, new PrintWriter(err, true));
    try {
      if (exchange != null) {
        MDC.put("exchange", exchange);
      }
      LoggerFactory.getLogger("dev.arb.daemon.Daemon").info("first scan in {} ms", 12);
    } finally {
      MDC.remove("exchange");
      LoggingSetup.configure("WARN", LogFormat.TEXT, new PrintWriter(Writer.nullWriter()));
    }
    return err.toString();
  }

  @Test
  void textLineNamesTheLoggerAndNothingElseWithoutAnExchange() {
    assertThat(logged(null)).matches(TIME + " INFO  Daemon - first scan in 12 ms\\R");
  }

  @Test
  void textLineNamesTheExchangeInBracketsWhenSet() {
    assertThat(logged("kraken"))
        .matches(TIME + " INFO  Daemon \\[kraken\\] - first scan in 12 ms\\R");
  }
}
