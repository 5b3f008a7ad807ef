package dev.arb.xchange.coinbase.advanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The CDP JWT: ES256 over the JDK, the DER signature in JOSE form, the key from Coinbase's PEM. */
class CdpJwtTest {
  private static final KeyPair KEYS = TestCdpKeys.generate();

  @Test
  void aTokenFromCoinbasesSec1PemVerifiesWithThePublicKeyAndNamesTheRequest() {
    CdpJwt jwt = new CdpJwt(TestCdpKeys.KEY_NAME, TestCdpKeys.sec1Pem(KEYS), Clock.systemUTC());

    String token = jwt.token("POST", "api.coinbase.com/api/v3/brokerage/orders");

    assertThat(
            TestCdpKeys.problem(
                "Bearer " + token,
                KEYS.getPublic(),
                "POST api.coinbase.com/api/v3/brokerage/orders"))
        .isEmpty();
    // the same token does not pass for another request, nor with another key
    assertThat(
            TestCdpKeys.problem(
                "Bearer " + token,
                KEYS.getPublic(),
                "GET api.coinbase.com/api/v3/brokerage/orders"))
        .get()
        .asString()
        .contains("uri claim");
    assertThat(
            TestCdpKeys.problem(
                "Bearer " + token,
                TestCdpKeys.generate().getPublic(),
                "POST api.coinbase.com/api/v3/brokerage/orders"))
        .contains("signature does not verify");
  }

  @Test
  void claimsAreCdpsWithATwoMinuteLifetimeAndEachTokenHasItsOwnNonce() throws Exception {
    Clock at = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    CdpJwt jwt = new CdpJwt(TestCdpKeys.KEY_NAME, TestCdpKeys.pkcs8Pem(KEYS), at);

    String a = jwt.token("GET", "api.coinbase.com/api/v3/brokerage/accounts");
    String b = jwt.token("GET", "api.coinbase.com/api/v3/brokerage/accounts");

    String claims = decode(a.split("\\.")[1]);
    assertThat(claims)
        .contains("\"iss\":\"cdp\"")
        .contains("\"sub\":\"" + TestCdpKeys.KEY_NAME + "\"")
        .contains("\"nbf\":1790000000")
        .contains("\"exp\":1790000120")
        .contains("\"uri\":\"GET api.coinbase.com/api/v3/brokerage/accounts\"");
    assertThat(decode(a.split("\\.")[0]))
        .contains("\"alg\":\"ES256\"", "\"kid\":\"" + TestCdpKeys.KEY_NAME + "\"");
    assertThat(a.split("\\.")[0]).isNotEqualTo(b.split("\\.")[0]);
  }

  @Test
  void aPemWithEscapedLineBreaksAsInAOneLineVariableIsRead() {
    String oneLine = TestCdpKeys.sec1Pem(KEYS).replace("\n", "\\n");
    CdpJwt jwt = new CdpJwt(TestCdpKeys.KEY_NAME, oneLine, Clock.systemUTC());
    assertThat(
            TestCdpKeys.problem("Bearer " + jwt.token("GET", "h/p"), KEYS.getPublic(), "GET h/p"))
        .isEmpty();
  }

  @Test
  void derSignaturesBecomeThe64ByteJoseFormThatTheJdkVerifies() throws Exception {
    for (int i = 0; i < 50; i++) {
      byte[] msg = ("message " + i).getBytes(StandardCharsets.UTF_8);
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(KEYS.getPrivate());
      s.update(msg);
      byte[] jose = CdpJwt.jose(s.sign());
      assertThat(jose).hasSize(64);
      Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
      v.initVerify(KEYS.getPublic());
      v.update(msg);
      assertThat(v.verify(jose)).as("signature %d", i).isTrue();
    }
    // r = 1 and s = 0x80 (a leading zero byte in DER) land right-aligned in their 32 bytes
    byte[] der = {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, (byte) 0x80};
    byte[] jose = CdpJwt.jose(der);
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(jose, 0, 32))).isEqualTo(1);
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(jose, 32, 64))).isEqualTo(128);
  }

  @Test
  void somethingElseThanAnEcKeyIsRefusedWithoutShowingIt() {
    assertThatThrownBy(
            () -> new CdpJwt(TestCdpKeys.KEY_NAME, "s3cr3t-not-a-pem", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PEM EC private key")
        .hasMessageNotContaining("s3cr3t");
    String broken = "-----BEGIN EC " + "PRIVATE KEY-----\nAAAA\n-----END EC " + "PRIVATE KEY-----";
    assertThatThrownBy(() -> new CdpJwt(TestCdpKeys.KEY_NAME, broken, Clock.systemUTC()))
        .hasMessageContaining("not a readable EC private key");
  }

  @Test
  void theUriClaimIsMethodHostAndPathWithoutTheQuery() {
    assertThat(CdpAuth.hostAndPath("https://api.coinbase.com", "api/v3/brokerage/orders"))
        .isEqualTo("api.coinbase.com/api/v3/brokerage/orders");
    assertThat(
            CdpAuth.hostAndPath(
                "http://127.0.0.1:8080/", "/api/v3/brokerage/orders/historical/batch?limit=1"))
        .isEqualTo("127.0.0.1:8080/api/v3/brokerage/orders/historical/batch");
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
