package dev.arb.defi.contract;

import dev.arb.error.ChainException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code contracts/} folder of an arb checkout (it holds node_modules with anvil and the
 * Uniswap V2 bytecode): system property {@code arb.contracts.dir}, else environment variable {@code
 * ARB_CONTRACTS_DIR}, else the nearest {@code contracts/package.json} above the working directory.
 */
public final class ContractsDir {
  private ContractsDir() {}

  /** The contracts folder. */
  public static Path locate() {
    String configured = System.getProperty("arb.contracts.dir", System.getenv("ARB_CONTRACTS_DIR"));
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p.resolve("package.json"))) {
        throw new ChainException("contracts: " + p + " has no package.json (arb.contracts.dir)");
      }
      return p;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("contracts");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new ChainException(
        "contracts: no contracts/package.json above "
            + Path.of("").toAbsolutePath()
            + "; run from an arb checkout or set ARB_CONTRACTS_DIR");
  }
}
