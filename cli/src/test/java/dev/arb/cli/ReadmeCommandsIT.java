package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Every {@code scripts/arb} command of the {@code sh} blocks of the README and of the docs pages
 * its detail moved to, run in-process as a person would type it (in a scratch data dir): each exits
 * 0, {@code --json} prints JSON, and where a block holds one command followed by an output block,
 * every line shown (but {@code ...}) is in what the command prints. Commands that talk to a local
 * chain ({@code --rpc-url http://127.0.0.1:8545}) run against anvil with the README's factory
 * addresses (the first two contracts of its first dev account) and a seeded mispricing. Only
 * commands that need the network (live exchanges, a remote chain) are not run, and each must say so
 * by its options.
 *
 * <p>Paths under {@code ../shared/data/} (the shared test data beside a checkout) are read from the
 * same files copied into this module's test resources when the shared folder is not there.
 */
class ReadmeCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCAL_RPC = "http://127.0.0.1:8545";
  private static final String UNISWAP = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String SUSHISWAP = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

  /** The docs pages that hold what the README held before it became a front door. */
  private static final List<String> MOVED_PAGES =
      List.of(
          "commands.md",
          "formats.md",
          "exchanges.md",
          "configuration.md",
          "operations.md",
          "trading.md",
          "defi-usage.md",
          "security.md",
          "performance.md",
          "development.md");

  @TempDir Path dir;

  private DefiChain chain;

  @AfterEach
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  /** One README command and the output block shown right after its block, if any. */
  record Command(String line, List<String> args, List<String> shown) {}

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("cli"))) {
        return p;
      }
    }
    throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
  }

  /** The {@code scripts/arb} commands of the README's {@code sh} blocks, in order. */
  static List<Command> commands(List<String> readme) {
    List<Command> out = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      if (!readme.get(i).trim().equals("```sh")) {
        continue;
      }
      List<String> block = new ArrayList<>();
      int j = i + 1;
      StringBuilder joined = new StringBuilder();
      for (; j < readme.size() && !readme.get(j).trim().equals("```"); j++) {
        String line = readme.get(j);
        if (line.endsWith("\\")) {
          joined.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        joined.append(line);
        block.add(joined.toString().trim());
        joined.setLength(0);
      }
      List<String> shown = new ArrayList<>();
      if (j + 1 < readme.size() && readme.get(j + 1).equals("```")) {
        for (int k = j + 2; k < readme.size() && !readme.get(k).equals("```"); k++) {
          shown.add(readme.get(k));
        }
      }
      List<String> arb = block.stream().filter(l -> l.startsWith("scripts/arb ")).toList();
      for (String line : arb) {
        String cmd = line.replaceFirst("\\s+#.*$", "");
        List<String> args = new ArrayList<>(Arrays.asList(cmd.split("\\s+")));
        args.remove(0);
        out.add(new Command(line, args, arb.size() == 1 ? shown : List.of()));
      }
      i = j;
    }
    return out;
  }

  /** Why a command is not run here, or null when it is. */
  private static String needsNetwork(List<String> args) {
    if (!args.isEmpty()
        && List.of("status", "pause", "resume", "kill-switch", "stop").contains(args.get(0))) {
      return "a running daemon";
    }
    if (args.contains("--exchange")) {
      return "live exchanges";
    }
    if (args.contains("--chain") && !args.contains(LOCAL_RPC)) {
      return "a configured remote chain";
    }
    return null;
  }

  @Test
  void everyReadmeCommandRunsAsShown() throws Exception {
    Path root = repoRoot();
    List<Command> commands =
        new ArrayList<>(commands(Files.readAllLines(root.resolve("README.md"))));
    assertThat(commands).as("scripts/arb commands in the README").hasSizeGreaterThan(5);
    // and those of the pages the README's detail moved to
    for (String page : MOVED_PAGES) {
      commands.addAll(commands(Files.readAllLines(root.resolve("docs").resolve(page))));
    }
    int run = 0;
    List<String> skipped = new ArrayList<>();
    for (Command c : commands) {
      if (needsNetwork(c.args()) != null) {
        skipped.add(c.line());
        continue;
      }
      if (c.args().contains(LOCAL_RPC) && chain == null) {
        startChainAsTheReadmeHasIt();
      }
      List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
      List<String> written = c.args();
      int redirect = written.indexOf(">");
      if (redirect >= 0) {
        written = written.subList(0, redirect); // "> FILE": the test reads what is printed
      }
      for (int i = 0; i < written.size(); i++) {
        String a = written.get(i);
        String previous = i == 0 ? "" : written.get(i - 1);
        if (a.equals(LOCAL_RPC)) {
          a = chain.anvil().rpcUrl();
        } else if (previous.equals("--input")
            || previous.equals("--output")
            || previous.equals("-o")
            || previous.equals("--journal")
            || previous.equals("--replay")
            || previous.equals("--plot")
            || previous.equals("--report")) {
          a = path(root, a).toString();
        }
        args.add(a);
      }
      if (written.get(0).equals("run") && !written.contains("--http-port")) {
        args.addAll(List.of("--http-port", "0")); // a free port, not the default one
      }
      CliRun r = CliRun.run(Map.of("HOME", dir.toString()), args.toArray(String[]::new));
      assertThat(r.exitCode()).as(c.line() + "\n" + r.err()).isEqualTo(ExitCode.OK);
      if (redirect >= 0) {
        assertThat(r.out()).as(c.line()).isNotBlank();
      }
      if (c.args().contains("--json")) {
        assertThat(JSON.readTree(r.out()).isObject()).as(c.line()).isTrue();
      }
      if (c.args().contains("pools.json") && c.args().contains("--json")) {
        // the recorded file scans to the seeded mispricing, first, through two pools
        var first = JSON.readTree(r.out()).get("opportunities").get(0);
        assertThat(first.get("status").asText()).isEqualTo("sized");
        assertThat(first.get("legs").get(0).get("pool").asText()).startsWith("0x");
        assertThat(first.get("return_bp").asDouble()).isGreaterThan(300);
      }
      if (c.args().contains("--scenario") && c.args().contains("daemon")) {
        // the README says the daemon's executed cycle goes through a Uniswap V3 pool
        assertThat(r.out().lines().filter(l -> l.startsWith("executed: ")))
            .as(c.line())
            .singleElement()
            .asString()
            .contains("uniswap-v3:");
      }
      for (String shown : c.shown()) {
        if (!shown.isBlank() && !shown.equals("...")) {
          assertThat(r.out().lines().map(String::stripTrailing))
              .as("README output of " + c.line())
              .contains(shown.stripTrailing());
        }
      }
      run++;
    }
    assertThat(run).as("README commands run; not run (network): " + skipped).isGreaterThan(10);
    assertThat(chain).as("the README's local-chain example ran").isNotNull();
  }

  /**
   * A README path: as written from the repository root; a file of the shared test data from this
   * module's copies when the shared folder is absent; anything else (files the commands write and
   * read, such as pools.json) in the scratch folder.
   */
  private Path path(Path root, String written) throws IOException {
    if (Path.of(written).isAbsolute()) {
      // an absolute path such as /tmp/arb-setup: into the scratch folder, never the real one;
      // its folder exists there as /tmp does on a person's machine
      Path scratch =
          dir.resolve("abs").resolve(Path.of(written).getRoot().relativize(Path.of(written)));
      Files.createDirectories(scratch.getParent());
      return scratch;
    }
    Path asWritten = root.resolve(written).normalize();
    if (Files.exists(asWritten)) {
      return asWritten;
    }
    if (written.startsWith("../shared/data/")) {
      Path name = Path.of(written).getFileName();
      Path copy = root.resolve("cli/src/test/resources/dev/arb/cli/data").resolve(name);
      assertThat(copy).as("a copy of " + written + " in the test resources").exists();
      return copy;
    }
    return dir.resolve(written);
  }

  /**
   * anvil with two real Uniswap V2 factories at the README's addresses and four pools: WETH costs
   * 2,000 USDC on one DEX and 2,200 on the other.
   */
  private void startChainAsTheReadmeHasIt() {
    chain = DefiChain.start();
    Wallet w = chain.wallet(DefiChain.DEPLOYER_KEY);
    Path contracts = ContractsDir.locate();
    String uni = UniswapV2.deployFactory(w, contracts);
    String sushi = UniswapV2.deployFactory(w, contracts);
    assertThat(List.of(uni.toLowerCase(Locale.ROOT), sushi.toLowerCase(Locale.ROOT)))
        .containsExactly(UNISWAP.toLowerCase(Locale.ROOT), SUSHISWAP.toLowerCase(Locale.ROOT));
    BigInteger supply = BigInteger.TEN.pow(40);
    BigInteger e18 = BigInteger.TEN.pow(18);
    BigInteger e6 = BigInteger.TEN.pow(6);
    String weth = Erc20.deployTestToken(w, "Wrapped Ether", "WETH", supply);
    String dai = Erc20.deployTestToken(w, "Dai", "DAI", supply);
    ContractArtifact art =
        ContractArtifact.fromFile(contracts.resolve("build/test/MetadataToken.json"));
    String usdc =
        w.deploy(
            art.bytecode()
                + FunctionEncoder.encodeConstructor(
                    Arrays.asList(
                        new Utf8String("USD Coin"),
                        new Utf8String("USDC"),
                        new Uint8(6),
                        new Uint8(0),
                        new Uint256(supply))),
            art.revertDecoder());
    pool(
        w,
        uni,
        weth,
        e18.multiply(BigInteger.valueOf(100)),
        usdc,
        e6.multiply(BigInteger.valueOf(200_000)));
    pool(
        w,
        sushi,
        weth,
        e18.multiply(BigInteger.valueOf(50)),
        usdc,
        e6.multiply(BigInteger.valueOf(110_000)));
    pool(
        w,
        uni,
        dai,
        e18.multiply(BigInteger.valueOf(500_000)),
        usdc,
        e6.multiply(BigInteger.valueOf(500_000)));
    pool(
        w,
        sushi,
        dai,
        e18.multiply(BigInteger.valueOf(84_000)),
        weth,
        e18.multiply(BigInteger.valueOf(40)));
  }

  private static void pool(
      Wallet w, String factory, String a, BigInteger ra, String b, BigInteger rb) {
    String pair = UniswapV2.createPair(w, factory, a, b);
    UniswapV2.addLiquidity(w, pair, a, ra, b, rb);
  }
}
