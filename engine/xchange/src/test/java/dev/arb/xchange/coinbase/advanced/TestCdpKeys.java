package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;

/**
 * CDP test keys made at test time (never committed, worthless anywhere else) and the stand-in's
 * side of the JWT check: the signature verified with the key's public half, header and claims read
 * and compared with the request.
 */
public final class TestCdpKeys {
  public static final String KEY_NAME = "organizations/arb-test-org/apiKeys/arb-test-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestCdpKeys() {}

  /** A fresh P-256 key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The private key as Coinbase hands it out: SEC 1 {@code ECPrivateKey} (version 1, the scalar,
   * the curve's OID, the public point) in an {@code EC PRIVATE KEY} PEM.
   */
  public static String sec1Pem(KeyPair kp) {
    ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
    ECPublicKey pub = (ECPublicKey) kp.getPublic();
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20});
    inner.writeBytes(fixed(priv.getS()));
    // [0] { OID 1.2.840.10045.3.1.7 }
    inner.writeBytes(
        new byte[] {
          (byte) 0xa0,
          0x0a,
          0x06,
          0x08,
          0x2a,
          (byte) 0x86,
          0x48,
          (byte) 0xce,
          0x3d,
          0x03,
          0x01,
          0x07
        });
    // [1] { BIT STRING 00 04 X Y }
    inner.writeBytes(new byte[] {(byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04});
    inner.writeBytes(fixed(pub.getW().getAffineX()));
    inner.writeBytes(fixed(pub.getW().getAffineY()));
    byte[] body = inner.toByteArray();
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x30);
    der.write(body.length);
    der.writeBytes(body);
    return pem("EC PRIVATE KEY", der.toByteArray());
  }

  /** The private key as PKCS #8 ({@code PRIVATE KEY} PEM), as the JDK encodes it. */
  public static String pkcs8Pem(KeyPair kp) {
    return pem("PRIVATE KEY", kp.getPrivate().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  /**
   * The claims of {@code bearer} ({@code Bearer JWT}) when its ES256 signature verifies with {@code
   * key}, its header names {@link #KEY_NAME} and its claims are CDP's with {@code uri} equal to
   * {@code expectedUri}; else what is wrong.
   */
  public static Optional<String> problem(String bearer, PublicKey key, String expectedUri) {
    if (bearer == null || !bearer.startsWith("Bearer ")) {
      return Optional.of("no bearer token");
    }
    String[] parts = bearer.substring("Bearer ".length()).split("\\.");
    if (parts.length != 3) {
      return Optional.of("not a JWT");
    }
    try {
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initVerify(key);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
      if (sig.length != 64 || !s.verify(sig)) {
        return Optional.of("signature does not verify");
      }
      JsonNode h = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode c = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!h.path("alg").asText().equals("ES256")
          || !h.path("kid").asText().equals(KEY_NAME)
          || !h.path("nonce").asText().matches("[0-9a-f]{32}")) {
        return Optional.of("header " + h);
      }
      long nbf = c.path("nbf").asLong();
      if (!c.path("iss").asText().equals("cdp")
          || !c.path("sub").asText().equals(KEY_NAME)
          || c.path("exp").asLong() != nbf + 120
          || Math.abs(nbf - System.currentTimeMillis() / 1000) > 300) {
        return Optional.of("claims " + c);
      }
      if (!c.path("uri").asText().equals(expectedUri)) {
        return Optional.of("uri claim " + c.path("uri").asText() + ", expected " + expectedUri);
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return Optional.of(e.toString());
    }
  }
}
