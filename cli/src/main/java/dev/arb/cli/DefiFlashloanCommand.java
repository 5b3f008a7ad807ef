package dev.arb.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.flashloan.FlashLoanOutcome;
import dev.arb.defi.flashloan.RouteNames;
import dev.arb.defi.flashloan.Web3jFlashLoanExecutor;
import dev.arb.defi.gasless.FlashRouteSigner;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.gasless.SignedRequestJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi flashloan}: one route through FlashLoanArbitrage on the configured chain,
 * simulated first and sent only if the simulation succeeds ({@code --dry-run}: simulate only). Each
 * attempt is recorded in {@code arb history}, also when the node stops answering in the middle.
 */
@Command(
    name = "flashloan",
    mixinStandardHelpOptions = true,
    description = {
      "Run one flash-loan route through FlashLoanArbitrage on the configured chain (arb.defi.*).",
      "The exact transaction is simulated first (eth_call) and only sent if that succeeds.",
      "The attempt is recorded in arb history: executed, rejected (not sent) or failed.",
      "Example: --contract 0xPROXY --lender balancer:0xVAULT --token 0xWETH --amount 1000000000000000000"
          + " --hop 0xPAIR1:0xUSDC --hop 0xPAIR2:0xWETH --min-profit 1"
    })
final class DefiFlashloanCommand extends BaseCommand {
  @Mixin DefiContractOption contract;

  @Option(
      names = "--lender",
      required = true,
      paramLabel = "SOURCE:ADDRESS",
      description = "uniswap-v2:<pair to flash-swap from>, balancer:<vault> or aave-v3:<pool>.")
  String lender;

  @Option(
      names = "--token",
      required = true,
      paramLabel = "ADDRESS",
      description = "Token borrowed.")
  String token;

  @Option(
      names = "--amount",
      required = true,
      paramLabel = "BASE_UNITS",
      description = "Amount borrowed, in the token's base units.")
  BigInteger amount;

  @Option(
      names = "--hop",
      required = true,
      paramLabel = "PAIR:TOKEN_OUT[:FEE_BPS]",
      description =
          "One swap, in order (2 to 6); the last one must buy back the borrowed token. A V2-style"
              + " pair, fee default 30 bps; v3:POOL:TOKEN_OUT for a Uniswap V3 pool (its own fee).")
  List<String> hops;

  @Option(
      names = "--min-profit",
      paramLabel = "BASE_UNITS",
      description = "Revert unless at least this profit is made. Default: ${DEFAULT-VALUE}.")
  BigInteger minProfit = BigInteger.ONE;

  @Option(names = "--dry-run", description = "Simulate only; send nothing and record nothing.")
  boolean dryRun;

  @Option(names = "--no-record", description = "Do not store the attempt in arb history.")
  boolean noRecord;

  @Option(
      names = "--sign-for",
      paramLabel = "FORWARDER",
      description =
          "Send nothing: simulate the route as the keystore account calling through this"
              + " forwarder, then print it as a signed gasless request (JSON, like 'arb defi"
              + " sign') for a relayer ('arb defi relay', POST /relay). The contract must be"
              + " version 2 trusting that forwarder; the account (owner or executor) needs no"
              + " ether.")
  String signFor;

  /** With --sign-for: the signed request's deadline and gas (a flash loan needs more). */
  @Mixin SignedRequestOptions signing = new SignedRequestOptions(BigInteger.valueOf(1_000_000));

  @Mixin DefiNetworkOptions network;

  @Override
  protected int execute() throws IOException {
    FlashRoute route = route();
    ArbConfig cfg = config().config();
    if (signFor != null) {
      return sign(route, cfg);
    }
    // the record store is opened before anything is sent: an attempt is never without its record
    try (RecordStore sink = dryRun || noRecord ? null : Stores.open(cfg);
        DefiNetwork net = DefiNetwork.open(cfg.defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb =
          new FlashLoanArbitrageContract(net.chain(), contract.address);
      requireAllowedLender(net.chain(), arb, route);
      Web3jFlashLoanExecutor executor = new Web3jFlashLoanExecutor(net.wallet(), arb);
      Object o;
      int code;
      if (dryRun) {
        Web3jFlashLoanExecutor.Simulation sim = executor.simulate(List.of(route));
        o =
            new DryRunJson(
                sim.succeeded() ? "simulated" : "would-revert",
                sim.succeeded() ? sim.profits().get(0) : null,
                sim.revertReason());
        code = sim.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
      } else {
        FlashLoanOutcome outcome =
            executor.attempt(
                route,
                RouteNames.read(net.chain(), route),
                context().clock().instant(),
                r -> record(sink, r));
        AttemptJson a = describe(outcome, sink == null ? null : sink.location());
        o = a;
        code = a.outcome().equals("executed") ? ExitCode.OK : ExitCode.FAILURE;
      }
      DefiContractReport.print(out(), o, network.json);
      return code;
    }
  }

  /**
   * {@code --sign-for}: checks that the contract trusts the forwarder, simulates {@code
   * execute(route)} as the forwarder would call it for the keystore account, and prints the signed
   * request; nothing is sent or recorded (the relayer records what it does with it).
   */
  private int sign(FlashRoute route, ArbConfig cfg) throws IOException {
    DefiAddressArg.require("--sign-for", signFor);
    if (dryRun) {
      throw new ConfigException("--sign-for sends nothing already; drop --dry-run");
    }
    long until = signing.validUntil(java.time.Clock.systemUTC());
    try (DefiNetwork net = DefiNetwork.open(cfg.defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb =
          new FlashLoanArbitrageContract(net.chain(), contract.address);
      requireAllowedLender(net.chain(), arb, route);
      FlashRouteSigner.Result r =
          FlashRouteSigner.sign(
              net.chain(),
              arb,
              new GaslessForwarder(net.chain(), signFor),
              net.wallet(),
              List.of(route),
              signing.gas,
              until);
      if (r instanceof FlashRouteSigner.WouldRevert w) {
        if (network.json) {
          out().println(Json.write(new WouldRevertJson("would-revert", w.reason(), w.signer())));
        } else {
          out().println("not signed: as " + w.signer() + " the route would revert: " + w.reason());
        }
        out().flush();
        return ExitCode.FAILURE;
      }
      SignedRequest signed = ((FlashRouteSigner.Signed) r).request();
      out().println(Json.write(SignedRequestJson.of(signed)));
      out().flush();
      return ExitCode.OK;
    }
  }

  /**
   * A flash swap borrows only from a pair of a factory the contract allows: says which factory the
   * {@code --lender} belongs to and how its owner allows it, before anything is simulated, sent or
   * recorded. Contracts without an allow-list (versions before 3) are left to their own checks.
   */
  private static void requireAllowedLender(
      ChainClient chain, FlashLoanArbitrageContract arb, FlashRoute route) {
    if (route.source() != LoanSource.UNISWAP_V2 || !arb.hasFactoryAllowList()) {
      return;
    }
    Optional<String> factory = UniswapV2.factoryOf(chain, route.lender());
    if (factory.isEmpty()) {
      throw new ConfigException(
          "--lender "
              + route.lender()
              + " is not a Uniswap V2 pair (it does not answer factory()); a flash swap borrows"
              + " from a pair");
    }
    if (!arb.allowedFactories().contains(factory.get())) {
      throw new ConfigException(
          "--lender "
              + route.lender()
              + " is a pair of factory "
              + factory.get()
              + ", which "
              + arb.address()
              + " does not allow (it allows "
              + (arb.allowedFactories().isEmpty()
                  ? "none"
                  : String.join(", ", arb.allowedFactories()))
              + "); its owner can allow it with 'arb defi factories --contract "
              + arb.address()
              + " --allow "
              + factory.get()
              + "'. Nothing was sent");
    }
  }

  private void record(RecordStore sink, OpportunityRecord record) {
    if (sink == null) {
      return;
    }
    sink.recorder().record(record);
    if (record.status() == OpportunityStatus.FAILED) {
      err().println("flashloan: recorded as failed in " + sink.location() + " (see 'arb history')");
      err().flush();
    }
  }

  /**
   * {@code --dry-run}: {@code simulated} or {@code would-revert}, the simulated profit (base units
   * of the borrowed token; {@code null} when it would revert) and the decoded revert reason ({@code
   * null} when it would not).
   */
  record DryRunJson(String outcome, BigInteger simulatedProfit, String reason) {}

  /**
   * An attempt: {@code executed}, {@code failed} (mined and reverted) or {@code not-sent}, and what
   * applies to it (the other keys are left out). Profits and the premium in base units of the
   * borrowed token.
   *
   * @param recorded the record store it was recorded in, left out with --no-record
   */
  record AttemptJson(
      String outcome,
      @JsonInclude(Include.NON_NULL) BigInteger simulatedProfit,
      @JsonInclude(Include.NON_NULL) String reason,
      @JsonInclude(Include.NON_NULL) BigInteger profit,
      @JsonInclude(Include.NON_NULL) BigInteger premium,
      @JsonInclude(Include.NON_NULL) BigInteger gasUsed,
      @JsonInclude(Include.NON_NULL) String txHash,
      @JsonInclude(Include.NON_NULL) String recorded) {}

  /** {@code --sign-for} when the route would revert: nothing is signed. */
  record WouldRevertJson(String outcome, String reason, String signer) {}

  private static AttemptJson describe(FlashLoanOutcome outcome, String recorded) {
    if (outcome instanceof FlashLoanOutcome.Executed e) {
      return new AttemptJson(
          "executed",
          e.simulatedProfits().get(0),
          null,
          e.profits().get(0),
          e.events().get(0).premium(),
          e.gasUsed(),
          e.txHash(),
          recorded);
    }
    if (outcome instanceof FlashLoanOutcome.Failed f) {
      return new AttemptJson(
          "failed", null, f.reason(), null, null, f.gasUsed(), f.txHash(), recorded);
    }
    return new AttemptJson(
        "not-sent",
        null,
        ((FlashLoanOutcome.NotSent) outcome).reason(),
        null,
        null,
        null,
        null,
        recorded);
  }

  /** The route from the options; every problem reported at once. */
  FlashRoute route() {
    List<String> problems = new ArrayList<>();
    DefiAddressArg.check("--contract", contract.address, problems);
    DefiAddressArg.check("--token", token, problems);
    String[] l = lender.split(":", 2);
    LoanSource source = null;
    Map<String, LoanSource> sources =
        Map.of(
            "uniswap-v2", LoanSource.UNISWAP_V2,
            "balancer", LoanSource.BALANCER,
            "aave-v3", LoanSource.AAVE_V3);
    if (l.length != 2 || !sources.containsKey(l[0])) {
      problems.add(
          "--lender must be uniswap-v2:<pair>, balancer:<vault> or aave-v3:<pool>, got " + lender);
    } else {
      source = sources.get(l[0]);
      DefiAddressArg.check("--lender", l[1], problems);
    }
    List<FlashRoute.Hop> route = new ArrayList<>();
    for (String hop : hops) {
      boolean v3 = hop.startsWith("v3:");
      String[] h = (v3 ? hop.substring(3) : hop).split(":");
      boolean feeOk = h.length == 2 || (!v3 && h.length == 3 && h[2].matches("[0-9]{1,4}"));
      if (!feeOk) {
        problems.add(
            "--hop must be <pair>:<token out>[:<fee bps>] or v3:<pool>:<token out>, got " + hop);
        continue;
      }
      int problemsBefore = problems.size();
      DefiAddressArg.check(v3 ? "--hop pool" : "--hop pair", h[0], problems);
      DefiAddressArg.check("--hop token", h[1], problems);
      if (problems.size() > problemsBefore) {
        continue;
      }
      try {
        route.add(
            v3
                ? FlashRoute.Hop.v3(h[0], h[1])
                : FlashRoute.Hop.v2(h[0], h[1], h.length == 3 ? Integer.parseInt(h[2]) : 30));
      } catch (IllegalArgumentException e) {
        problems.add("--hop " + hop + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    try {
      return new FlashRoute(source, l[1], token, amount, route, minProfit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("route: " + e.getMessage());
    }
  }
}
