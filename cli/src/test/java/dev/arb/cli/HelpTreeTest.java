package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} works on every command of the tree, and {@code arb} alone shows the usage. */
class HelpTreeTest {

  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  /** Every command path of the tree below the root, as the words a person types. */
  static List<List<String>> commandPaths() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Cli cli = new Cli(ENV, sink, sink);
    CommandLine root = cli.commandLine(new ArbCommand(new CliContext(ENV, sink, sink)));
    List<List<String>> paths = new ArrayList<>();
    walk(root, new ArrayList<>(), paths);
    return paths;
  }

  private static void walk(CommandLine cl, List<String> prefix, List<List<String>> paths) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue; // an alias of a command already walked
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      paths.add(path);
      walk(e.getValue(), path, paths);
    }
  }

  @Test
  void helpOnEveryCommandExitsZeroAndShowsItsUsage() {
    List<List<String>> paths = commandPaths();
    assertThat(paths)
        .as("the tree holds the config subcommands")
        .contains(
            List.of("config"),
            List.of("config", "generate"),
            List.of("config", "validate"),
            List.of("config", "show"));
    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        CliRun r = CliRun.run(ENV, args.toArray(String[]::new));
        String line = "arb " + String.join(" ", args);
        assertThat(r.exitCode()).as(line + "\n" + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).as(line).contains("Usage: arb " + String.join(" ", path));
        assertThat(r.err()).as(line).isEmpty();
      }
    }
  }

  @Test
  void arbAloneShowsTheUsageWithItsCommands() {
    CliRun r = CliRun.run(ENV);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("a command is required")
        .contains("Usage: arb")
        .contains("scan", "history", "config");
    assertThat(r.err()).doesNotContain("see below");
  }
}
