package dev.arb.daemon.http;

/**
 * What requests mean, for {@link NettyHttpServer}: which are answered at once and which are
 * handled, and how an error looks.
 */
public interface Dispatcher {

  /**
   * Decides on a request whose head is complete and well framed. Runs on the server's I/O thread:
   * it must be quick and must not block (route lookup, token check, budgets).
   */
  Admission admit(RequestHead head);

  /**
   * The answer for an error the server finds itself (malformed framing, a deadline, a limit), in
   * the same shape as the dispatcher's own errors. {@code message} is for people and names no Java
   * type.
   */
  Reply error(int status, String message);
}
