package dev.arb.cli;

import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.error.ChainException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi factories}: lists the Uniswap-V2-style factories whose pairs a FlashLoanArbitrage
 * proxy lets lend, and (owner only) allows or disallows some.
 */
@Command(
    name = "factories",
    mixinStandardHelpOptions = true,
    description = {
      "List the factories (DEXes) whose pairs FlashLoanArbitrage lets lend through flash swaps",
      "(--lender uniswap-v2:PAIR); with --allow / --disallow, the owner changes that list (one",
      "transaction each). A route from a pair of any other factory is refused by the contract."
    })
final class DefiFactoriesCommand extends BaseCommand {
  @Mixin DefiContractOption contract;

  @Option(names = "--allow", paramLabel = "ADDRESS", description = "Factory to allow; repeatable.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--disallow",
      paramLabel = "ADDRESS",
      description = "Factory to disallow; repeatable.")
  List<String> disallow = new ArrayList<>();

  @Mixin DefiNetworkOptions network;

  @Override
  protected int execute() throws IOException {
    String proxy = contract.require();
    List<String> problems = new ArrayList<>();
    allow.forEach(f -> DefiAddressArg.check("--allow", f, problems));
    disallow.forEach(f -> DefiAddressArg.check("--disallow", f, problems));
    for (String f : allow) {
      if (disallow.stream().anyMatch(f::equalsIgnoreCase)) {
        problems.add("--allow and --disallow both name " + f + "; give it once");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    try (DefiNetwork net =
        DefiNetwork.open(config().config().defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(net.chain(), proxy);
      if (!arb.hasFactoryAllowList()) {
        throw new ChainException(
            "factories: "
                + arb.address()
                + " (version "
                + arb.version()
                + ") has no factory allow-list: it lets any address lend; its owner should run"
                + " 'arb defi upgrade --contract "
                + arb.address()
                + " --forwarder <its forwarder> --factory 0xFACTORY', nothing was sent");
      }
      if (!allow.isEmpty() || !disallow.isEmpty()) {
        String owner = arb.owner();
        if (!owner.equals(net.wallet().address())) {
          throw new ChainException(
              "factories: "
                  + arb.address()
                  + " is owned by "
                  + owner
                  + ", not by the keystore account "
                  + net.wallet().address()
                  + "; only the owner can change its factories (use the owner's keystore),"
                  + " nothing was sent");
        }
        DefiFactories.requireContracts(net.chain(), allow);
        if (!allow.isEmpty()) {
          arb.setFactoriesAllowed(net.wallet(), allow, true);
        }
        if (!disallow.isEmpty()) {
          arb.setFactoriesAllowed(net.wallet(), disallow, false);
        }
      }
      DefiContractReport.print(
          out(),
          new DefiContractReport.Factories(
              arb.address(), lower(allow), lower(disallow), arb.allowedFactories()),
          network.json);
      return ExitCode.OK;
    }
  }

  private static List<String> lower(List<String> addresses) {
    return addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
  }
}
