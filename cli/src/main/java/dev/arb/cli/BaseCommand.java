package dev.arb.cli;

import dev.arb.config.LoadedConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.MDC;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: sets up logging, gives access to the shared context and the loaded
 * configuration, and returns an {@link ExitCode}. Failures are thrown as {@link
 * dev.arb.error.ArbException} subclasses and mapped to exit codes in {@link Cli}.
 */
abstract class BaseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    root().initLogging();
    // every log line of this command carries it as the structured field "component"
    MDC.put("component", spec.qualifiedName(" "));
    try {
      return execute();
    } finally {
      MDC.remove("component");
    }
  }

  /** Does the work. */
  protected abstract int execute() throws Exception;

  protected ArbCommand root() {
    return (ArbCommand) spec.root().userObject();
  }

  /** The effective configuration; loading it also applies its logging settings. */
  protected LoadedConfig config() {
    LoadedConfig cfg = root().config();
    root().applyConfiguredLogging(cfg);
    return cfg;
  }

  protected CliContext context() {
    return root().context();
  }

  protected PrintWriter out() {
    return context().out();
  }

  protected PrintWriter err() {
    return context().err();
  }
}
