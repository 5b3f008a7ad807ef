package dev.arb.defi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A compiled contract: its ABI and creation bytecode (0x-hex). Ours come from {@code
 * contracts/build} (on the classpath under {@code contracts/}); protocol bytecode (Uniswap V2) from
 * the npm package under {@code contracts/node_modules}.
 *
 * @param name contract name
 * @param abi the ABI as a JSON array
 * @param bytecode creation bytecode with the 0x prefix
 */
public record ContractArtifact(String name, JsonNode abi, String bytecode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ContractArtifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(abi, "abi");
    Objects.requireNonNull(bytecode, "bytecode");
    if (!abi.isArray()) {
      throw new IllegalArgumentException(name + ": abi must be a JSON array");
    }
    bytecode = bytecode.startsWith("0x") ? bytecode : "0x" + bytecode;
    if (bytecode.length() <= 2) {
      throw new IllegalArgumentException(name + ": empty bytecode");
    }
  }

  /**
   * Loads {@code contracts/<relative>.json} from the classpath, e.g. {@code "FlashLoanArbitrage"}.
   */
  public static ContractArtifact fromClasspath(String relative) {
    String resource = "contracts/" + relative + ".json";
    try (InputStream in = ContractArtifact.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ChainException(
            "contracts: " + resource + " is not on the classpath; was contracts/build built?");
      }
      return parse(relative, JSON.readTree(in));
    } catch (IOException e) {
      throw new ChainException("contracts: cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Loads a Truffle/solc-style artifact file ({@code abi} + {@code bytecode}). */
  public static ContractArtifact fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ChainException(
          "contracts: no artifact at "
              + file
              + "; run `npm ci` in contracts/ (scripts/test does it)");
    }
    try {
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      return parse(name, JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ChainException("contracts: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ContractArtifact parse(String fallbackName, JsonNode root) {
    String name = root.path("contractName").asText(fallbackName);
    return new ContractArtifact(name, root.path("abi"), root.path("bytecode").asText(""));
  }

  /** A revert decoder knowing this contract's custom errors. */
  public RevertDecoder revertDecoder() {
    return new RevertDecoder().withAbi(abi);
  }
}
