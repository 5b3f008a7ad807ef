package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Coinbase Developer Platform (CDP) API-key authentication: one JWT per request, signed ES256 with
 * the key's EC private key (P-256) by the JDK alone.
 *
 * <p>The header is {@code {"alg":"ES256","kid":KEY NAME,"nonce":RANDOM HEX,"typ":"JWT"}}, the
 * claims {@code {"iss":"cdp","sub":KEY NAME,"nbf":NOW,"exp":NOW+120,"uri":"METHOD host/path"}}. The
 * signature is SHA-256 with ECDSA, turned from the JDK's DER encoding into JOSE's 64 bytes (r and
 * s, 32 bytes each, big-endian).
 *
 * <p>The private key is the PEM Coinbase hands out (a {@code BEGIN EC PRIVATE KEY} block, SEC 1) or
 * the PKCS #8 form (a {@code BEGIN PRIVATE KEY} block); a PEM whose line breaks were written as
 * {@code \n} (as in a one-line environment variable) is read too. Neither the key nor a token is
 * ever part of a message or log line.
 */
final class CdpJwt {
  /** Seconds a token is valid, as Coinbase documents. */
  static final long LIFETIME_SECONDS = 120;

  // PEM markers, spelled in two parts so that no source line reads as a key block to a scanner
  private static final String SEC1_BEGIN = "-----BEGIN EC " + "PRIVATE KEY-----";
  private static final String PKCS8_BEGIN = "-----BEGIN " + "PRIVATE KEY-----";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final int SCALAR = 32;

  private final String keyName;
  private final PrivateKey key;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param keyName the CDP key's name ({@code organizations/ORG/apiKeys/KEY})
   * @param pem its EC private key in PEM
   * @param clock the time of {@code nbf}
   * @throws IllegalArgumentException when the PEM is not an EC P-256 private key (the message says
   *     what was expected, never what was given)
   */
  CdpJwt(String keyName, String pem, Clock clock) {
    this.keyName = Objects.requireNonNull(keyName, "keyName").trim();
    if (this.keyName.isEmpty()) {
      throw new IllegalArgumentException("the CDP key name (api-key) is empty");
    }
    this.key = privateKey(pem);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A token for one request.
   *
   * @param method HTTP method, upper case
   * @param hostAndPath {@code api.coinbase.com/api/v3/brokerage/orders}: host, then the path
   *     without its query
   */
  String token(String method, String hostAndPath) {
    long now = clock.instant().getEpochSecond();
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "ES256");
    header.put("kid", keyName);
    header.put("nonce", HexFormat.of().formatHex(nonce));
    header.put("typ", "JWT");
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", "cdp");
    claims.put("sub", keyName);
    claims.put("nbf", now);
    claims.put("exp", now + LIFETIME_SECONDS);
    claims.put("uri", method + " " + hostAndPath);
    String signingInput = part(header) + "." + part(claims);
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(jose(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the Coinbase request: " + e.getMessage(), e);
    }
  }

  private static String part(ObjectNode n) {
    try {
      return B64.encodeToString(JSON.writeValueAsBytes(n));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An ECDSA signature in DER ({@code SEQUENCE { INTEGER r, INTEGER s }}) as JOSE's fixed 64 bytes.
   *
   * @throws IllegalArgumentException when {@code der} is not such a sequence
   */
  static byte[] jose(byte[] der) {
    Der d = new Der(der);
    d.expect(0x30);
    int end = d.length() + d.pos;
    BigInteger r = new BigInteger(d.integer());
    BigInteger s = new BigInteger(d.integer());
    if (d.pos != end || r.signum() <= 0 || s.signum() <= 0) {
      throw new IllegalArgumentException("not a DER ECDSA signature");
    }
    byte[] out = new byte[2 * SCALAR];
    put(r, out, 0);
    put(s, out, SCALAR);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int start = 0;
    while (start < b.length - 1 && b[start] == 0) {
      start++;
    }
    int n = b.length - start;
    if (n > SCALAR) {
      throw new IllegalArgumentException("ECDSA value longer than 32 bytes");
    }
    System.arraycopy(b, start, out, at + SCALAR - n, n);
  }

  /** The EC private key of a PEM (SEC 1 or PKCS #8). */
  static PrivateKey privateKey(String pem) {
    String text = Objects.requireNonNull(pem, "pem").replace("\\n", "\n").trim();
    boolean sec1 = text.contains(SEC1_BEGIN);
    boolean pkcs8 = text.contains(PKCS8_BEGIN);
    if (!sec1 && !pkcs8) {
      throw new IllegalArgumentException(
          "the Coinbase api-secret is not a PEM EC private key: expected the CDP key's PEM block,"
              + " from its BEGIN EC PRIVATE KEY line to its END EC PRIVATE KEY line");
    }
    String body =
        text.replaceAll("-----(BEGIN|END) (EC )?PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the Coinbase api-secret PEM is not valid base64");
    }
    try {
      PrivateKey k =
          sec1
              ? KeyFactory.getInstance("EC")
                  .generatePrivate(new ECPrivateKeySpec(sec1Scalar(der), p256()))
              : KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(k instanceof ECPrivateKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException("the Coinbase api-secret is not a P-256 (ES256) key");
      }
      return k;
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException i && i.getMessage().startsWith("the Coinbase")) {
        throw i;
      }
      throw new IllegalArgumentException(
          "the Coinbase api-secret is not a readable EC private key (ECDSA, not Ed25519)");
    }
  }

  /** The private scalar of SEC 1's {@code ECPrivateKey ::= SEQUENCE { 1, OCTET STRING d, ... }}. */
  private static BigInteger sec1Scalar(byte[] der) {
    Der d = new Der(der);
    d.expect(0x30);
    d.length();
    byte[] version = d.integer();
    if (version.length != 1 || version[0] != 1) {
      throw new IllegalArgumentException("not an SEC 1 EC private key");
    }
    d.expect(0x04);
    int n = d.length();
    byte[] scalar = Arrays.copyOfRange(der, d.pos, d.pos + n);
    return new BigInteger(1, scalar);
  }

  private static ECParameterSpec p256() throws GeneralSecurityException {
    AlgorithmParameters a = AlgorithmParameters.getInstance("EC");
    a.init(new ECGenParameterSpec("secp256r1"));
    return a.getParameterSpec(ECParameterSpec.class);
  }

  /** Just enough DER reading for a signature and an SEC 1 key. */
  private static final class Der {
    private final byte[] b;
    private int pos;

    Der(byte[] b) {
      this.b = b;
    }

    void expect(int tag) {
      if (pos >= b.length || (b[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("unexpected DER tag");
      }
      pos++;
    }

    int length() {
      if (pos >= b.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int first = b[pos++] & 0xff;
      if (first < 0x80) {
        return first;
      }
      int bytes = first & 0x7f;
      if (bytes == 0 || bytes > 2 || pos + bytes > b.length) {
        throw new IllegalArgumentException("unsupported DER length");
      }
      int len = 0;
      for (int i = 0; i < bytes; i++) {
        len = (len << 8) | (b[pos++] & 0xff);
      }
      return len;
    }

    byte[] integer() {
      expect(0x02);
      int n = length();
      if (n == 0 || pos + n > b.length) {
        throw new IllegalArgumentException("bad DER integer");
      }
      byte[] v = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return v;
    }
  }
}
