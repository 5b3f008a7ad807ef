package dev.arb.defi.contract;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/** Small helpers over web3j's ABI encoder. */
final class Abi {
  private Abi() {}

  /** Call data of {@code name(args...)}. */
  static String call(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
  }

  /** Creation bytecode followed by the ABI-encoded constructor arguments. */
  static String creation(String bytecode, Type<?>... args) {
    return args.length == 0
        ? bytecode
        : bytecode + FunctionEncoder.encodeConstructor(Arrays.asList(args));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<Type> decode(String data, TypeReference<?>... outputs) {
    return FunctionReturnDecoder.decode(data, (List) Arrays.asList(outputs));
  }

  static Address address(String a) {
    return new Address(a);
  }

  static Uint256 uint(BigInteger v) {
    return new Uint256(v);
  }

  static TypeReference<Address> addressRef() {
    return new TypeReference<Address>() {};
  }

  static TypeReference<Uint256> uintRef() {
    return new TypeReference<Uint256>() {};
  }
}
