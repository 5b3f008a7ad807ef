package dev.arb.error;

/**
 * Root of every exception arb throws on purpose. Adapters catch their library's exceptions at the
 * edge and rethrow one of the subclasses with a message a person can act on (what, where, what to
 * do). Expected outcomes (no opportunity found, a rejected plan) are values, never exceptions.
 */
public class ArbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ArbException(String message) {
    super(message);
  }

  public ArbException(String message, Throwable cause) {
    super(message, cause);
  }
}
