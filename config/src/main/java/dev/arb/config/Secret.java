package dev.arb.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (API key, API secret, password, token) resolved from a {@link SecretRef}. Its
 * {@link #toString()} is redacted so it cannot reach a log line or an error message by accident;
 * only {@link #reveal()} gives the value, to the one place that needs it (a request signer, a
 * keystore decryption).
 */
public final class Secret {
  private static final String REDACTED = "Secret[redacted]";

  private final String value;
  private final String source;

  /**
   * @param value the secret itself, not empty
   * @param source where it came from, safe to print (such as {@code env ARB_HTTP_TOKEN})
   */
  public Secret(String value, String source) {
    this.value = Objects.requireNonNull(value, "value");
    this.source = Objects.requireNonNull(source, "source");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
  }

  /** The secret itself. Never log or print it. */
  public String reveal() {
    return value;
  }

  /** Where the secret came from, safe to print. */
  public String source() {
    return source;
  }

  /** Constant-time comparison, for checking a presented token against this secret. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** Always {@code Secret[redacted]}. */
  @Override
  public String toString() {
    return REDACTED;
  }
}
