package dev.arb.cli;

import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.local.GaslessDemo;
import dev.arb.engine.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb defi gasless-demo}: a user with no ether gets a call executed as themselves, the
 * relayer paying the gas, on a throwaway local chain; then the replay of the same request is
 * refused.
 */
@Command(
    name = "gasless-demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local anvil chain, deploy the EIP-2771 forwarder and an example target, have a user"
          + " with no ether sign a request and relay it paying the gas, then replay it (refused).",
      "Needs the npm packages of contracts/ (scripts/test installs them)."
    })
final class DefiGaslessDemoCommand extends BaseCommand {
  @Option(
      names = "--contracts",
      paramLabel = "DIR",
      description =
          "The contracts/ folder with node_modules. Default: $ARB_CONTRACTS_DIR, else found above the working directory.")
  Path contracts;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  protected int execute() throws IOException {
    Path dir = contracts != null ? contracts : ContractsDir.locate();
    GaslessDemo.Result r =
        GaslessDemo.run(dir, context().clock(), line -> err().println("gasless-demo: " + line));
    err().flush();
    boolean ok =
        r.relayed() instanceof RelayOutcome.Mined && r.replayed() instanceof RelayOutcome.Rejected;
    if (json) {
      out()
          .println(
              Json.write(
                  new GaslessDemoJson(
                      r.chainId(),
                      r.forwarder(),
                      r.target(),
                      r.user(),
                      r.relayer(),
                      r.userBalanceBefore(),
                      r.userBalanceAfter(),
                      r.relayerBalanceBefore(),
                      r.relayerBalanceAfter(),
                      r.msgSender(),
                      r.userCount(),
                      describe(r.relayed()),
                      describe(r.replayed()))));
    } else {
      out().println("user " + r.user() + " had " + r.userBalanceBefore() + " wei");
      out().println("relayed: " + describe(r.relayed()));
      out()
          .println(
              "target's _msgSender(): "
                  + r.msgSender()
                  + (r.msgSender().equals(r.user()) ? " (the user)" : " (NOT the user)"));
      out()
          .println(
              "relayer paid "
                  + r.relayerBalanceBefore().subtract(r.relayerBalanceAfter())
                  + " wei; user still has "
                  + r.userBalanceAfter()
                  + " wei");
      out().println("replayed: " + describe(r.replayed()));
    }
    out().flush();
    return ok ? ExitCode.OK : ExitCode.FAILURE;
  }

  /**
   * {@code --json}: the accounts, their balances in wei before and after, what the target saw as
   * its caller and its counter, and what relaying and replaying the request did.
   */
  record GaslessDemoJson(
      long chainId,
      String forwarder,
      String target,
      String user,
      String relayer,
      BigInteger userBalanceBefore,
      BigInteger userBalanceAfter,
      BigInteger relayerBalanceBefore,
      BigInteger relayerBalanceAfter,
      String msgSender,
      BigInteger userCount,
      String relayed,
      String replayed) {}

  private static String describe(RelayOutcome o) {
    if (o instanceof RelayOutcome.Mined m) {
      return "mined in "
          + m.txHash()
          + ", gas used "
          + m.gasUsed()
          + ", cost "
          + m.costWei()
          + " wei";
    }
    if (o instanceof RelayOutcome.Reverted r) {
      return "reverted in " + r.txHash() + ": " + r.reason();
    }
    RelayOutcome.Rejected r = (RelayOutcome.Rejected) o;
    return "rejected " + r.reason() + ": " + r.detail();
  }
}
