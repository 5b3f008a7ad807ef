package dev.arb.defi.gasless;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * {@code GaslessCounter}, the example target (local chains): counts calls per {@code _msgSender()},
 * trusting one forwarder.
 */
public final class GaslessCounterContract {
  private static final ContractArtifact ARTIFACT =
      ContractArtifact.fromClasspath("local/GaslessCounter");

  /** Call data of {@code increment()}. */
  public static final String INCREMENT = encode("increment");

  /** Call data of {@code fail()}, which always reverts with {@code Refused(sender)}. */
  public static final String FAIL = encode("fail");

  private final ChainClient chain;
  private final String address;

  public GaslessCounterContract(ChainClient chain, String address) {
    this.chain = chain;
    this.address = address.toLowerCase(Locale.ROOT);
  }

  /** Deploys a counter trusting {@code forwarder}. */
  public static GaslessCounterContract deploy(Wallet deployer, String forwarder) {
    String creation =
        ARTIFACT.bytecode() + FunctionEncoder.encodeConstructor(List.of(new Address(forwarder)));
    return new GaslessCounterContract(deployer.chain(), deployer.deploy(creation, decoder()));
  }

  /** Decodes {@code Refused(sender)}. */
  public static RevertDecoder decoder() {
    return ARTIFACT.revertDecoder();
  }

  public String address() {
    return address;
  }

  /** How many calls {@code sender} made (as {@code _msgSender()}). */
  public BigInteger count(String sender) {
    String out = chain.view(address, encode("counts", new Address(sender)));
    return (BigInteger) decode(out, new TypeReference<Uint256>() {}).get(0).getValue();
  }

  /** The effective sender of the last {@code increment}, lower case. */
  public String lastSender() {
    String out = chain.view(address, encode("lastSender"));
    return ((String) decode(out, new TypeReference<Address>() {}).get(0).getValue())
        .toLowerCase(Locale.ROOT);
  }

  private static String encode(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> decode(String data, TypeReference<?>... outputs) {
    return FunctionReturnDecoder.decode(data, (List) Arrays.asList(outputs));
  }
}
