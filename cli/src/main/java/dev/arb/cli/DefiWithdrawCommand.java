package dev.arb.cli;

import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arb defi withdraw}: the owner takes tokens out of FlashLoanArbitrage. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = "Withdraw tokens from FlashLoanArbitrage (owner only) on the configured chain.")
final class DefiWithdrawCommand extends BaseCommand {
  @Mixin DefiContractOption contract;

  @Option(names = "--token", required = true, paramLabel = "ADDRESS", description = "ERC-20 token.")
  String token;

  @Option(
      names = "--amount",
      required = true,
      paramLabel = "BASE_UNITS|all",
      description = "Amount in the token's base units (an integer), or 'all'.")
  String amount;

  @Option(
      names = "--to",
      paramLabel = "ADDRESS",
      description = "Recipient. Default: the keystore account (the owner).")
  String to;

  @Mixin DefiNetworkOptions network;

  /** {@code --json}: what was withdrawn, in the token's base units, to whom. */
  record WithdrawnJson(String contract, String token, String to, BigInteger amount) {}

  @Override
  protected int execute() throws IOException {
    String proxy = contract.require();
    DefiAddressArg.require("--token", token);
    if (to != null) {
      DefiAddressArg.require("--to", to);
    }
    BigInteger requested = null;
    if (!"all".equals(amount)) {
      if (!amount.matches("[0-9]+") || new BigInteger(amount).signum() == 0) {
        throw new ConfigException(
            "--amount must be a positive integer of base units or 'all', got " + amount);
      }
      requested = new BigInteger(amount);
    }
    try (DefiNetwork net =
        DefiNetwork.open(config().config().defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(net.chain(), proxy);
      String recipient = to != null ? to : net.wallet().address();
      BigInteger value =
          requested != null ? requested : Erc20.balanceOf(net.chain(), token, arb.address());
      if (value.signum() == 0) {
        err().println("arb: the contract holds none of " + token + "; nothing was sent");
        return ExitCode.OK;
      }
      arb.withdraw(net.wallet(), token, recipient, value);
      if (network.json) {
        out()
            .println(
                Json.write(
                    new WithdrawnJson(
                        arb.address(),
                        token.toLowerCase(Locale.ROOT),
                        recipient.toLowerCase(Locale.ROOT),
                        value)));
      } else {
        out().println("withdrew " + value + " of " + token + " to " + recipient);
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
