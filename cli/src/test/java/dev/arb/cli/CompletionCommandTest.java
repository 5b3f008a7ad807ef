package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @Test
  void bashScriptCompletesCommandsSubcommandsAndOptions() {
    CliRun r = CliRun.run(ENV, "completion", "bash");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("complete -F _complete_arb")
        .contains("history")
        .contains("generate")
        .contains("--max-age")
        .contains("--wide");
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashCompletionInZsh() {
    CliRun zsh = CliRun.run(ENV, "completion", "zsh");
    assertThat(zsh.exitCode()).as(zsh.err()).isEqualTo(ExitCode.OK);
    assertThat(zsh.out())
        .contains("autoload -U +X bashcompinit && bashcompinit")
        .isEqualTo(CliRun.run(ENV, "completion", "bash").out());
  }

  @Test
  void anotherShellIsAUsageError() {
    CliRun r = CliRun.run(ENV, "completion", "fish");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("bash", "zsh");
  }
}
