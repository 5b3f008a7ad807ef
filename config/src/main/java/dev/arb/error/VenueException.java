package dev.arb.error;

/** A failure talking to an exchange (network, HTTP status, malformed response, rejected order). */
public class VenueException extends ArbException {
  private static final long serialVersionUID = 1L;

  public VenueException(String message) {
    super(message);
  }

  public VenueException(String message, Throwable cause) {
    super(message, cause);
  }
}
