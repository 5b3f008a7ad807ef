package dev.arb.defi.gasless;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes1;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.utils.Numeric;

/**
 * The {@code GaslessTransactionRelayer} forwarder (OpenZeppelin {@code ERC2771Forwarder}):
 * deployment, its EIP-712 domain as the contract reports it, nonces, the on-chain digest, and call
 * data of {@code verify}, {@code execute} and {@code executeBatch}.
 */
public final class GaslessForwarder {
  private static final ContractArtifact ARTIFACT =
      ContractArtifact.fromClasspath("GaslessTransactionRelayer");

  /**
   * {@code ForwardRequestData} as the ABI tuple {@code
   * (address,address,uint256,uint256,uint48,bytes,bytes)}.
   */
  public static final class RequestData extends DynamicStruct {
    public RequestData(SignedRequest s) {
      super(
          new Address(s.request().from()),
          new Address(s.request().to()),
          new Uint256(s.request().value()),
          new Uint256(s.request().gas()),
          new Uint48(BigInteger.valueOf(s.request().deadline())),
          new DynamicBytes(Numeric.hexStringToByteArray(s.request().data())),
          new DynamicBytes(Numeric.hexStringToByteArray(s.signature())));
    }
  }

  private final ChainClient chain;
  private final String address;

  public GaslessForwarder(ChainClient chain, String address) {
    this.chain = chain;
    this.address = address.toLowerCase(Locale.ROOT);
  }

  /** Deploys a forwarder whose EIP-712 domain name is {@code name}. */
  public static GaslessForwarder deploy(Wallet deployer, String name) {
    String creation =
        ARTIFACT.bytecode() + FunctionEncoder.encodeConstructor(List.of(new Utf8String(name)));
    return new GaslessForwarder(deployer.chain(), deployer.deploy(creation, decoder()));
  }

  /** Decodes the forwarder's custom errors. */
  public static RevertDecoder decoder() {
    return ARTIFACT.revertDecoder();
  }

  /** The forwarder's ABI (JSON array). */
  public static com.fasterxml.jackson.databind.JsonNode abi() {
    return ARTIFACT.abi();
  }

  public String address() {
    return address;
  }

  /**
   * The EIP-712 domain the deployed forwarder signs with (ERC-5267 {@code eip712Domain()}), checked
   * against this chain and address.
   *
   * @throws ChainException if the contract reports another chain or address
   */
  @SuppressWarnings("rawtypes")
  public ForwarderDomain domain() {
    String out = chain.view(address, call("eip712Domain"));
    List<Type> v =
        decode(
            out,
            new TypeReference<Bytes1>() {},
            new TypeReference<Utf8String>() {},
            new TypeReference<Utf8String>() {},
            new TypeReference<Uint256>() {},
            new TypeReference<Address>() {},
            new TypeReference<Bytes32>() {},
            new TypeReference<DynamicArray<Uint256>>() {});
    long chainId = ((BigInteger) v.get(3).getValue()).longValueExact();
    String verifying = ((String) v.get(4).getValue()).toLowerCase(Locale.ROOT);
    if (chainId != chain.chainId() || !verifying.equals(address)) {
      throw new ChainException(
          "gasless: forwarder "
              + address
              + " reports domain chain "
              + chainId
              + " / "
              + verifying
              + "; not a forwarder for this chain");
    }
    return new ForwarderDomain(
        (String) v.get(1).getValue(), (String) v.get(2).getValue(), chainId, verifying);
  }

  /** The signer's next forwarder nonce. */
  public BigInteger nonce(String signer) {
    return uint(chain.view(address, call("nonces", new Address(signer))));
  }

  /**
   * The on-chain EIP-712 digest of the request at the signer's current nonce (view {@code digest}).
   */
  public byte[] digest(SignedRequest s) {
    String out = chain.view(address, call("digest", new RequestData(s)));
    return Numeric.hexStringToByteArray(out);
  }

  /**
   * Whether the forwarder would accept the request now: target trusts it, not expired, signer
   * matches.
   */
  public boolean verify(SignedRequest s) {
    String out = chain.view(address, verifyCalldata(s));
    return (Boolean) decode(out, new TypeReference<Bool>() {}).get(0).getValue();
  }

  /** Call data of {@code verify(request)}. */
  public static String verifyCalldata(SignedRequest s) {
    return call("verify", new RequestData(s));
  }

  /** Call data of {@code execute(request)}. */
  public static String executeCalldata(SignedRequest s) {
    return call("execute", new RequestData(s));
  }

  /**
   * Call data of {@code executeBatch(requests, address(0))}: all requests valid or the whole batch
   * reverts (no refund receiver needed, since the relayer forwards no ether).
   */
  public static String executeBatchCalldata(List<SignedRequest> requests) {
    return call(
        "executeBatch",
        new DynamicArray<>(RequestData.class, requests.stream().map(RequestData::new).toList()),
        new Address(ChainClient.ZERO_ADDRESS));
  }

  private static String call(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
  }

  /**
   * Decodes a view's answer; an empty one means there is no forwarder at this address.
   *
   * @throws ChainException if the answer is empty
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<Type> decode(String data, TypeReference<?>... outputs) {
    List<Type> v = FunctionReturnDecoder.decode(data, (List) Arrays.asList(outputs));
    if (v.size() != outputs.length) {
      throw new ChainException(
          "gasless: no GaslessTransactionRelayer at "
              + address
              + " on chain "
              + chain.chainId()
              + " (empty answer); check the forwarder address");
    }
    return v;
  }

  private BigInteger uint(String out) {
    return (BigInteger) decode(out, new TypeReference<Uint256>() {}).get(0).getValue();
  }
}
