package dev.arb.defi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.engine.json.Json;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.web3j.utils.Numeric;

/**
 * A compiled contract: its ABI and creation bytecode (0x-hex). Ours come from {@code
 * contracts/build} (on the classpath under {@code contracts/}); protocol bytecode (Uniswap V2) from
 * the npm package under {@code contracts/node_modules}.
 *
 * @param name contract name
 * @param abi the ABI as a JSON array
 * @param bytecode creation bytecode with the 0x prefix (library placeholders unresolved)
 * @param linkReferences solc/Hardhat {@code linkReferences}: source, library, byte offsets
 */
public record ContractArtifact(
    String name, JsonNode abi, String bytecode, JsonNode linkReferences) {

  public ContractArtifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(abi, "abi");
    Objects.requireNonNull(bytecode, "bytecode");
    Objects.requireNonNull(linkReferences, "linkReferences");
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
      return parse(relative, Json.reader().readTree(in));
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
      return parse(name, Json.reader().readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ChainException("contracts: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ContractArtifact parse(String fallbackName, JsonNode root) {
    String name = root.path("contractName").asText(fallbackName);
    return new ContractArtifact(
        name, root.path("abi"), root.path("bytecode").asText(""), root.path("linkReferences"));
  }

  /**
   * Creation bytecode with every library placeholder replaced by the library's address.
   *
   * @param libraries library name to deployed address
   * @throws ChainException if a referenced library is missing
   */
  public String linkedBytecode(Map<String, String> libraries) {
    StringBuilder code = new StringBuilder(bytecode);
    Iterator<Map.Entry<String, JsonNode>> sources = linkReferences.fields();
    while (sources.hasNext()) {
      Iterator<Map.Entry<String, JsonNode>> libs = sources.next().getValue().fields();
      while (libs.hasNext()) {
        Map.Entry<String, JsonNode> lib = libs.next();
        String address = libraries.get(lib.getKey());
        if (address == null) {
          throw new ChainException("contracts: " + name + " needs library " + lib.getKey());
        }
        String hex = Numeric.cleanHexPrefix(address).toLowerCase(Locale.ROOT);
        for (JsonNode ref : lib.getValue()) {
          int at = 2 + 2 * ref.path("start").asInt();
          code.replace(at, at + 2 * ref.path("length").asInt(), hex);
        }
      }
    }
    return code.toString();
  }

  /** A revert decoder knowing this contract's custom errors. */
  public RevertDecoder revertDecoder() {
    return new RevertDecoder().withAbi(abi);
  }
}
