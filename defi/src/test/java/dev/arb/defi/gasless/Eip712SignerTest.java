package dev.arb.defi.gasless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class Eip712SignerTest {
  private static final ForwarderDomain DOMAIN =
      new ForwarderDomain("arb-gasless", "1", 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final ForwardRequest REQUEST =
      new ForwardRequest(
          DevAccounts.STRANGER.getAddress(),
          "0xE7F1725E7734CE288F8367E1BB143E90BB3F0512",
          BigInteger.ZERO,
          BigInteger.valueOf(100_000),
          BigInteger.valueOf(7),
          1_900_000_000L,
          "0xd09de08a");

  @Test
  void digestMatchesWeb3jsGenericTypedDataEncoder() throws Exception {
    String json =
        """
        {"types":{
          "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
            {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "ForwardRequest":[{"name":"from","type":"address"},{"name":"to","type":"address"},
            {"name":"value","type":"uint256"},{"name":"gas","type":"uint256"},
            {"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint48"},
            {"name":"data","type":"bytes"}]},
         "primaryType":"ForwardRequest",
         "domain":{"name":"arb-gasless","version":"1","chainId":31337,
           "verifyingContract":"0x5fbdb2315678afecb367f032d93f642f64180aa3"},
         "message":{"from":"%s","to":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","value":0,
           "gas":100000,"nonce":7,"deadline":1900000000,"data":"0xd09de08a"}}
        """
            .formatted(REQUEST.from());

    byte[] expected = new StructuredDataEncoder(json).hashStructuredData();

    assertThat(Numeric.toHexString(Eip712Signer.digest(DOMAIN, REQUEST)))
        .isEqualTo(Numeric.toHexString(expected));
  }

  @Test
  void signatureRecoversToTheSigner() {
    SignedRequest s = Eip712Signer.sign(DOMAIN, REQUEST, DevAccounts.STRANGER);

    assertThat(Eip712Signer.recover(s)).contains(REQUEST.from());
  }

  @Test
  void signatureForAnotherChainRecoversToSomeoneElse() {
    SignedRequest s = Eip712Signer.sign(DOMAIN, REQUEST, DevAccounts.STRANGER);
    ForwarderDomain otherChain =
        new ForwarderDomain(DOMAIN.name(), DOMAIN.version(), 1, DOMAIN.verifyingContract());

    SignedRequest moved = new SignedRequest(otherChain, s.request(), s.signature());

    assertThat(Eip712Signer.recover(moved)).isPresent().get().isNotEqualTo(REQUEST.from());
  }

  @Test
  void refusesTheMalleableHighSTwinOfAValidSignature() {
    SignedRequest s = Eip712Signer.sign(DOMAIN, REQUEST, DevAccounts.STRANGER);
    byte[] sig = Numeric.hexStringToByteArray(s.signature());
    BigInteger n =
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    BigInteger low = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    System.arraycopy(Numeric.toBytesPadded(n.subtract(low), 32), 0, sig, 32, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);

    SignedRequest twin = new SignedRequest(DOMAIN, REQUEST, Numeric.toHexString(sig));

    assertThat(Eip712Signer.recover(twin)).isEmpty();
  }
}
