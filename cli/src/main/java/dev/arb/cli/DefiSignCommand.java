package dev.arb.cli;

import dev.arb.defi.gasless.Eip712Signer;
import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi sign}: signs a gasless request (EIP-712 {@code ForwardRequest}) with the keystore
 * account for the forwarder on the configured chain, and prints it as JSON for a relayer. Nothing
 * is sent; the account needs no ether.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a gasless request (EIP-712, for an EIP-2771 forwarder) with the keystore account and"
          + " print it as JSON for 'arb defi relay'. Nothing is sent.",
      "Example: --forwarder 0xFORWARDER --to 0xTARGET --data 0xd09de08a --deadline 10m"
    })
final class DefiSignCommand extends BaseCommand {
  @Option(
      names = "--forwarder",
      required = true,
      paramLabel = "ADDRESS",
      description = "The GaslessTransactionRelayer (forwarder) the request is for.")
  String forwarder;

  @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Target contract.")
  String to;

  @Option(
      names = "--data",
      paramLabel = "HEX",
      description = "Call data for the target, 0x-hex. Default: ${DEFAULT-VALUE}.")
  String data = "0x";

  @Mixin SignedRequestOptions signing;

  @Option(
      names = "--nonce",
      paramLabel = "N",
      description = "Forwarder nonce to use. Default: the account's next one, read from the chain.")
  BigInteger nonce;

  Clock clock = Clock.systemUTC();

  @Override
  protected int execute() throws Exception {
    DefiAddressArg.require("--forwarder", forwarder);
    DefiAddressArg.require("--to", to);
    if (!data.matches("0x([0-9a-fA-F]{2})*")) {
      throw new ConfigException("--data must be 0x-hex of whole bytes, got " + data);
    }
    long until = signing.validUntil(clock);
    try (DefiNetwork net = DefiNetwork.open(config().config().defi(), context().env(), null)) {
      GaslessForwarder f = new GaslessForwarder(net.chain(), forwarder);
      String signer = net.wallet().address();
      ForwardRequest request =
          new ForwardRequest(
              signer,
              to,
              BigInteger.ZERO,
              signing.gas,
              nonce != null ? nonce : f.nonce(signer),
              until,
              data);
      SignedRequest signed = Eip712Signer.sign(f.domain(), request, net.wallet());
      out().println(Json.write(SignedRequestJson.of(signed)));
      out().flush();
      return ExitCode.OK;
    }
  }
}
