package dev.arb.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code arb completion bash|zsh}: a shell completion script generated from the command tree. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash or zsh, generated from arb's commands and options.",
      "Load it once per shell: source <(arb completion bash), or save it where your shell"
          + " reads completions (for example ~/.local/share/bash-completion/completions/arb)."
    })
final class CompletionCommand extends BaseCommand {

  /** The shells a script is written for. */
  enum Shell {
    BASH,
    ZSH
  }

  @Parameters(paramLabel = "bash|zsh", description = "The shell: bash or zsh.")
  Shell shell;

  @Override
  protected int execute() {
    // one script for both: picocli's loads zsh's bashcompinit itself when zsh runs it
    String script = AutoComplete.bash("arb", spec.root().commandLine());
    out().print(script);
    out().flush();
    return ExitCode.OK;
  }
}
