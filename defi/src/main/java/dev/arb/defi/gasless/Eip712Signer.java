package dev.arb.defi.gasless;

import dev.arb.defi.chain.Wallet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing, signing and signer recovery of {@link ForwardRequest}s, byte for byte what
 * OpenZeppelin's {@code ERC2771Forwarder} computes ({@code _hashTypedDataV4} of the request's
 * struct hash, ECDSA over secp256k1).
 */
public final class Eip712Signer {
  /** The forwarder's request type, field order as signed. */
  public static final String FORWARD_REQUEST_TYPE =
      "ForwardRequest(address from,address to,uint256 value,uint256 gas,uint256 nonce,"
          + "uint48 deadline,bytes data)";

  private static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
  private static final byte[] FORWARD_REQUEST_TYPEHASH = keccak(FORWARD_REQUEST_TYPE);
  private static final byte[] DOMAIN_TYPEHASH = keccak(DOMAIN_TYPE);

  /** Half the order of secp256k1: larger {@code s} values are malleable twins, refused. */
  private static final BigInteger HALF_N =
      new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);

  private Eip712Signer() {}

  /** {@code hashStruct(EIP712Domain)}. */
  public static byte[] domainSeparator(ForwarderDomain d) {
    return Hash.sha3(
        concat(
            DOMAIN_TYPEHASH,
            keccak(d.name()),
            keccak(d.version()),
            word(BigInteger.valueOf(d.chainId())),
            word(Numeric.toBigInt(d.verifyingContract()))));
  }

  /** {@code hashStruct(ForwardRequest)}. */
  public static byte[] structHash(ForwardRequest r) {
    return Hash.sha3(
        concat(
            FORWARD_REQUEST_TYPEHASH,
            word(Numeric.toBigInt(r.from())),
            word(Numeric.toBigInt(r.to())),
            word(r.value()),
            word(r.gas()),
            word(r.nonce()),
            word(BigInteger.valueOf(r.deadline())),
            Hash.sha3(Numeric.hexStringToByteArray(r.data()))));
  }

  /** The digest that is signed: {@code keccak256(0x1901 || domainSeparator || structHash)}. */
  public static byte[] digest(ForwarderDomain domain, ForwardRequest request) {
    return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator(domain), structHash(request)));
  }

  /** Signs {@code request} for {@code domain} with {@code signer}'s key. */
  public static SignedRequest sign(
      ForwarderDomain domain, ForwardRequest request, Credentials signer) {
    return signed(
        domain, request, Sign.signMessage(digest(domain, request), signer.getEcKeyPair(), false));
  }

  /** Signs {@code request} for {@code domain} with the key of {@code signer}'s wallet. */
  public static SignedRequest sign(ForwarderDomain domain, ForwardRequest request, Wallet signer) {
    return signed(domain, request, signer.signHash(digest(domain, request)));
  }

  private static SignedRequest signed(
      ForwarderDomain domain, ForwardRequest request, Sign.SignatureData s) {
    return new SignedRequest(
        domain, request, Numeric.toHexString(concat(s.getR(), s.getS(), s.getV())));
  }

  /** The address that signed {@code signed}, lower case; empty if the signature is malformed. */
  public static Optional<String> recover(SignedRequest signed) {
    byte[] sig = Numeric.hexStringToByteArray(signed.signature());
    byte v = sig[64];
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    // the forwarder (OpenZeppelin ECDSA) refuses high-s signatures; so do we
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    if (s.compareTo(HALF_N) > 0) {
      return Optional.empty();
    }
    try {
      BigInteger key =
          Sign.signedMessageHashToKey(
              digest(signed.domain(), signed.request()),
              new Sign.SignatureData(
                  v, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
      return Optional.of("0x" + Keys.getAddress(key));
    } catch (SignatureException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] keccak(String text) {
    return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] word(BigInteger v) {
    return Numeric.toBytesPadded(v, 32);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
