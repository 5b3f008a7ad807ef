package dev.arb.error;

/**
 * A failure talking to the record store (database cannot be opened, schema newer than this binary,
 * write failed).
 */
public class StorageException extends ArbException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
