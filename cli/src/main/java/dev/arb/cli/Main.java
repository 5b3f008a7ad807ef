package dev.arb.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the runnable jar; the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new Cli(System.getenv(), out, err).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
