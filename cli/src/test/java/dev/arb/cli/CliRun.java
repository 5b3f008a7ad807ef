package dev.arb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process and captures what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
