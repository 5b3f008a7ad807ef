package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.gasless.Eip712Signer;
import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Command;
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

  @Option(
      names = "--gas",
      paramLabel = "GAS",
      description = "Gas the forwarder must pass to the target. Default: ${DEFAULT-VALUE}.")
  BigInteger gas = BigInteger.valueOf(100_000);

  @Option(
      names = "--deadline",
      paramLabel = "30s|10m|2h|1d|INSTANT",
      description = "How long the request stays valid, or until when. Default: ${DEFAULT-VALUE}.")
  String deadline = "10m";

  @Option(
      names = "--nonce",
      paramLabel = "N",
      description = "Forwarder nonce to use. Default: the account's next one, read from the chain.")
  BigInteger nonce;

  Clock clock = Clock.systemUTC();

  @Override
  protected int execute() throws Exception {
    DefiAddresses.require("--forwarder", forwarder);
    DefiAddresses.require("--to", to);
    if (!data.matches("0x([0-9a-fA-F]{2})*")) {
      throw new ConfigException("--data must be 0x-hex of whole bytes, got " + data);
    }
    if (gas.signum() <= 0) {
      throw new ConfigException("--gas must be positive, got " + gas);
    }
    long until = deadline(deadline, clock);
    try (DefiNetwork net = DefiNetwork.open(config().config().defi(), context().env(), null)) {
      GaslessForwarder f = new GaslessForwarder(net.chain(), forwarder);
      String signer = net.wallet().address();
      ForwardRequest request =
          new ForwardRequest(
              signer,
              to,
              BigInteger.ZERO,
              gas,
              nonce != null ? nonce : f.nonce(signer),
              until,
              data);
      SignedRequest signed = Eip712Signer.sign(f.domain(), request, net.wallet());
      out().println(new ObjectMapper().writeValueAsString(SignedRequestJson.toJson(signed)));
      out().flush();
      return ExitCode.OK;
    }
  }

  /** Unused by signing (nothing is sent) but required to open the network. */

  /** A duration from now ({@code 10m}, see {@link TimeArg}) or an instant, as unix seconds. */
  static long deadline(String text, Clock clock) {
    TimeArg t;
    try {
      t = TimeArg.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--deadline must be a duration from now (30s, 10m, 2h, 1d) or an ISO-8601 instant,"
              + " got "
              + text);
    }
    Instant at = t.ago() != null ? clock.instant().plus(t.ago()) : t.absolute();
    if (!at.isAfter(clock.instant())) {
      throw new ConfigException("--deadline " + text + " is not in the future");
    }
    return at.getEpochSecond();
  }
}
