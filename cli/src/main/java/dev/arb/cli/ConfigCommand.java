package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb config}: generate, validate and show configuration. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Generate, validate and show configuration.",
    subcommands = {
      ConfigGenerateCommand.class,
      ConfigValidateCommand.class,
      ConfigShowCommand.class
    })
final class ConfigCommand extends BaseCommand {

  /** With no subcommand: say so, show the usage, and fail as a usage error. */
  @Override
  protected int execute() {
    err().println("arb config: a subcommand is required: generate, validate or show");
    spec.commandLine().usage(err());
    err().flush();
    return ExitCode.USAGE;
  }
}
