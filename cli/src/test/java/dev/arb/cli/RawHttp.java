package dev.arb.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over one socket, for attack tests: any bytes may be sent (broken framing, slow
 * bytes), from any loopback source address (127.0.0.2 is another client than 127.0.0.1), and every
 * read is bounded by a socket timeout (a hang guard, not a speed assertion).
 */
final class RawHttp implements AutoCloseable {
  /** How long one read may block before the test fails: a hang guard. */
  static final int HANG_GUARD_MS = 30_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** An answer as read off the wire. */
  record Answer(int status, Map<String, String> headers, String body, String raw) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to the endpoint of {@code url} from {@code source} (a loopback address). */
  static RawHttp connect(String url, String source) throws IOException {
    URI u = URI.create(url);
    Socket s = new Socket();
    s.setSoTimeout(HANG_GUARD_MS);
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress(u.getHost(), u.getPort()), HANG_GUARD_MS);
    return new RawHttp(s);
  }

  static RawHttp connect(String url) throws IOException {
    return connect(url, "127.0.0.1");
  }

  /** Sends {@code request} as ISO-8859-1 bytes. */
  RawHttp send(String request) throws IOException {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Sends and reads one answer. */
  Answer exchange(String request) throws IOException {
    return send(request).read();
  }

  /**
   * Reads one answer: the head, then a body of {@code Content-Length} bytes, or up to the end of
   * the stream when there is none.
   *
   * @throws SocketTimeoutException when nothing comes within the hang guard
   * @throws IOException when the connection ends before a whole head
   */
  Answer read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            "connection closed before an answer; got: "
                + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    String[] lines = h.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + h);
    }
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (length != null) {
      int n = Integer.parseInt(length);
      byte[] buf = in.readNBytes(n);
      body.write(buf);
    } else if (status >= 200 && status != 204 && status != 304) {
      body.write(in.readAllBytes());
    }
    String b = body.toString(StandardCharsets.UTF_8);
    return new Answer(status, headers, b, h + b);
  }

  /** Whether the server closed the connection (an end of stream within the hang guard). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket: nothing to do
    }
  }
}
