package dev.arb.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw HTTP/1.1 connection for endpoint tests, from any loopback source address; every read is
 * bounded by {@link #HANG_GUARD_MS} (a hang guard, not a speed assertion).
 */
final class Wire implements AutoCloseable {
  static final int HANG_GUARD_MS = 30_000;

  /** An answer: status, the whole head, the body. */
  record Answer(int status, String head, String body) {}

  private final Socket socket;
  private final InputStream in;

  private Wire(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static Wire connect(int port, String source) throws IOException {
    Socket s = new Socket();
    s.setSoTimeout(HANG_GUARD_MS);
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), HANG_GUARD_MS);
    return new Wire(s);
  }

  Wire send(String bytes) throws IOException {
    socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  Answer exchange(String request) throws IOException {
    return send(request).read();
  }

  /** Reads one answer with a {@code Content-Length} body. */
  Answer read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer: " + head);
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(Integer.parseInt(h.split(" ", 3)[1]), h, body);
  }

  /** Whether the server ended the connection (within the hang guard). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
