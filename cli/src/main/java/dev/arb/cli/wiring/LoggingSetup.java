package dev.arb.cli.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.arb.config.LoggingConfig.LogFormat;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code: one appender writing to the command's error stream, readable lines or
 * JSON lines (one object per event, MDC fields such as {@code component}, {@code exchange}, {@code
 * cycle_id} included).
 */
public final class LoggingSetup {
  private LoggingSetup() {}

  public static void configure(String level, LogFormat format, PrintWriter err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    ctx.reset();
    Encoder<ILoggingEvent> encoder;
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      // " [exchange]" only when the MDC has one: logback has no conditional, so an empty
      // " []" is removed again
      text.setPattern(
          "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level %logger{0}"
              + "%replace( [%X{exchange}]){' \\[\\]', ''} - %msg%n");
      text.setCharset(StandardCharsets.UTF_8);
      encoder = text;
    }
    encoder.setContext(ctx);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setName("stderr");
    appender.setContext(ctx);
    appender.setEncoder(encoder);
    appender.setOutputStream(new WriterStream(err));
    appender.setImmediateFlush(true);
    appender.start();
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(appender);
  }

  /** Sets the root log level (e.g. after a reload of the configuration), keeping the appender. */
  public static void level(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }

  /** Bytes from the encoder to the command's writer (so tests capture log lines too). */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter writer;

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      writer.flush();
    }

    @Override
    public void close() {
      writer.flush();
    }
  }
}
