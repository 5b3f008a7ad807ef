package dev.arb.cli;

import dev.arb.error.ConfigException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * Options of the {@code arb defi} commands that sign a gasless request (EIP-712 {@code
 * ForwardRequest}) instead of sending (a mixin): how long it stays valid and how much gas the
 * forwarder must pass on. Each command picks its gas default by the instance it declares.
 */
final class SignedRequestOptions {
  @Option(
      names = "--deadline",
      paramLabel = "30s|10m|2h|1d|INSTANT",
      description =
          "How long the signed request stays valid, or until when. Default: ${DEFAULT-VALUE}.")
  String deadline = "10m";

  @Option(
      names = "--gas",
      paramLabel = "GAS",
      description =
          "Gas the forwarder must pass to the target of the signed request."
              + " Default: ${DEFAULT-VALUE}.")
  BigInteger gas;

  SignedRequestOptions() {
    this(BigInteger.valueOf(100_000));
  }

  SignedRequestOptions(BigInteger defaultGas) {
    this.gas = defaultGas;
  }

  /**
   * Checks {@code --gas} and returns {@code --deadline} as unix seconds.
   *
   * @throws ConfigException naming the option that is wrong
   */
  long validUntil(Clock clock) {
    if (gas.signum() <= 0) {
      throw new ConfigException("--gas must be positive, got " + gas);
    }
    return deadline(deadline, clock);
  }

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
