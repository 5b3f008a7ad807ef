package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb bench}: in-process benchmarks that a user can run on their own machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the engine on this machine, in process. The JMH suite in bench/ holds the"
          + " micro-benchmarks; these are whole-path measurements.",
      ""
    },
    footer = {"", "Typical use:", "  arb bench stream --edges 10000 --updates 100000 --rate 10000"},
    subcommands = {BenchStreamCommand.class, BenchFeedCommand.class})
final class BenchCommand extends BaseCommand {

  /** With no subcommand: say so, show the usage, and fail as a usage error. */
  @Override
  protected int execute() {
    err().println("arb bench: a subcommand is required: stream");
    spec.commandLine().usage(err());
    err().flush();
    return ExitCode.USAGE;
  }
}
