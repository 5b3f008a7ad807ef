package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: drawn in place on a terminal, throttled, wiped at the end; else nothing. */
class ProgressLinesTest {

  private static CliContext context(StringWriter err, boolean terminal) {
    return new CliContext(
        Map.of(),
        new PrintWriter(new StringWriter()),
        new PrintWriter(err, true),
        Clock.systemUTC(),
        dev.arb.daemon.ProcessHooks.NONE,
        new ByteArrayInputStream(new byte[0]),
        terminal);
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlaceAtMostEveryIntervalAndWipedAtTheEnd() {
    StringWriter err = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressLines p = new ProgressLines(new PrintWriter(err, true), "recording", now::get, 100);
    p.at(1, 3, "bitstamp");
    now.set(50);
    p.at(2, 3, "kraken"); // too soon: not drawn
    now.set(150);
    p.at(2, 3, "kraken");
    now.set(160);
    p.at(3, 3, "x"); // the last step is drawn at once, and covers the longer line before it
    p.close();
    assertThat(err.toString())
        .isEqualTo(
            "\rrecording: 1/3 (33%) bitstamp"
                + "\rrecording: 2/3 (66%) kraken  "
                + "\rrecording: 3/3 (100%) x    "
                + "\r"
                + " ".repeat("recording: 3/3 (100%) x".length())
                + "\r");
    assertThat(err.toString()).doesNotContain("\n");
  }

  @Test
  void whenStderrIsNotATerminalOrWithJsonNothingIsWritten() {
    StringWriter notTty = new StringWriter();
    try (ProgressLines p = ProgressLines.of(context(notTty, false), false, "recording")) {
      p.at(1, 2, "kraken");
      p.at(2, 2, "bitstamp");
    }
    assertThat(notTty.toString()).isEmpty();
    StringWriter json = new StringWriter();
    try (ProgressLines p = ProgressLines.of(context(json, true), true, "recording")) {
      p.at(1, 2, "kraken");
    }
    assertThat(json.toString()).isEmpty();
    StringWriter tty = new StringWriter();
    try (ProgressLines p = ProgressLines.of(context(tty, true), false, "recording")) {
      p.at(1, 2, "kraken");
    }
    assertThat(tty.toString()).startsWith("\rrecording: 1/2 (50%) kraken").endsWith("\r");
  }

  @Test
  void aDumbTerminalOrAPipeIsNoTerminal() {
    assertThat(Main.stderrIsTerminal(Map.of("TERM", "dumb"))).isFalse();
    // the test JVM's stderr is a pipe to the build, never a terminal
    assertThat(Main.stderrIsTerminal(Map.of())).isFalse();
  }
}
