package dev.arb.cli;

import dev.arb.error.ConfigException;
import dev.arb.error.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb man [--output FILE]}: the man page, generated from the command tree. */
@Command(
    name = "man",
    mixinStandardHelpOptions = true,
    description = {
      "Print arb's man page (section 1, roff), generated from its commands and options: every"
          + " command, subcommand and option with its description.",
      "Read it with: arb man | man -l -  or install it: arb man -o ~/.local/share/man/man1/arb.1"
    })
final class ManCommand extends BaseCommand {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the page to FILE (replaced if it exists; missing folders are made) instead of"
              + " printing it.")
  Path output;

  @Override
  protected int execute() {
    String page = ManPageFormatter.of(spec.root().commandLine());
    if (output == null) {
      out().print(page);
      out().flush();
      return ExitCode.OK;
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "man: cannot write "
              + output
              + " ("
              + IoMessages.of(e)
              + "); choose a FILE in a folder you can write");
    }
    out().println("arb man: wrote " + output);
    return ExitCode.OK;
  }
}
