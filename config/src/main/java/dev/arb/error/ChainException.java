package dev.arb.error;

/**
 * A failure talking to an EVM chain (RPC transport, wrong chain id, reverted or dropped
 * transaction).
 */
public class ChainException extends ArbException {
  private static final long serialVersionUID = 1L;

  public ChainException(String message) {
    super(message);
  }

  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
