package dev.arb.daemon.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of {@link NettyHttpServer}, on its I/O thread: reads a request head within the
 * head deadline, asks the {@link Dispatcher}, reads the body within the body deadline and its
 * limit, hands the request to its lane's pool, writes the answer within the write deadline, and
 * waits for the next request. Framing errors are answered with the dispatcher's error body and end
 * the connection (what the client still sends is read and dropped for a moment, so that it sees the
 * answer rather than a reset).
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  private enum State {
    /** Waiting for a request head. */
    HEAD,
    /** Reading a body. */
    BODY,
    /** A request is handled or its answer written; further requests wait. */
    BUSY,
    /** Ending: input is dropped until the client closes or the linger ends. */
    DRAIN
  }

  private final NettyHttpServer server;
  private final HttpLimits limits;
  private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private ConnectionTable.Entry entry;
  private State state = State.HEAD;
  private ScheduledFuture<?> timer;
  private int pendingRequests;
  private boolean bytesSinceAnswer;

  private Admission.Handle handle;
  private ByteArrayOutputStream body;
  private boolean keepAlive;
  private boolean http10;
  private String what = "";

  ConnectionHandler(NettyHttpServer server) {
    this.server = server;
    this.limits = server.limits;
  }

  /** Goes before the decoder: notes that bytes came, so a timeout can tell slow from idle. */
  ChannelInboundHandler byteWatch() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object msg) {
        bytesSinceAnswer = true;
        c.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    ConnectionTable.Opened opened = server.table.open(ctx.channel(), remote.getAddress());
    if (opened.admit() == ConnectionTable.Admit.FULL) {
      server.busy.incrementAndGet();
      server.notePressure();
      ctx.close();
      return;
    }
    entry = opened.entry();
    if (entry.overClientLimit) {
      server.overClientLimit.incrementAndGet();
      arm(limits.lingerTimeout(), this::headTimedOut);
    } else {
      arm(limits.headTimeout(), this::headTimedOut);
    }
    server.notePressure(); // connections closed to make room are reported too
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelTimer();
    releasePending();
    if (entry != null) {
      server.table.closed(entry);
    }
    handle = null;
    body = null;
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.trace("HTTP connection ended: {}", cause.getMessage());
    } else {
      LOG.debug("HTTP connection failed", cause);
    }
    ctx.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpObject o) || entry == null || !ctx.channel().isActive()) {
      // closed: the decoder hands over what it had, marked as cut short; nothing to answer
      ReferenceCountUtil.release(msg);
      return;
    }
    if (state == State.DRAIN) {
      ReferenceCountUtil.release(msg);
      if (msg instanceof LastHttpContent) {
        ctx.close(); // the client sent all it meant to and has its answer
      }
      return;
    }
    if (state == State.BUSY) {
      pending.add(o);
      if (o instanceof HttpRequest && ++pendingRequests > limits.maxPipelined()) {
        LOG.debug("closing a connection that sent more than {} requests ahead", pendingRequests);
        ctx.close();
      }
      return;
    }
    process(o);
  }

  private void process(HttpObject o) {
    if (o instanceof HttpRequest req) {
      try {
        onHead(req);
      } finally {
        ReferenceCountUtil.release(req);
      }
    } else if (o instanceof HttpContent c) {
      try {
        onContent(c);
      } finally {
        c.release();
      }
    }
  }

  private void onHead(HttpRequest req) {
    if (state != State.HEAD) {
      return;
    }
    cancelTimer();
    if (req.decoderResult().isFailure()) {
      Throwable cause = req.decoderResult().cause();
      malformed(status(cause), message(req, cause));
      return;
    }
    boolean chunked = HttpUtil.isTransferEncodingChunked(req);
    long length = chunked ? -1 : HttpUtil.getContentLength(req, 0L);
    boolean bodyPending = chunked || length > 0;
    if (entry.overClientLimit) {
      answer(
          server
              .dispatcher
              .error(
                  429,
                  "too many connections from your address; at most "
                      + limits.maxConnectionsPerClient()
                      + " at a time")
              .withHeader("Retry-After", "1"),
          true,
          bodyPending);
      return;
    }
    HttpVersion version = req.protocolVersion();
    if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
      malformed(505, "HTTP version " + version.text() + " is not supported; use HTTP/1.1");
      return;
    }
    HttpHeaders h = req.headers();
    String te = h.get(HttpHeaderNames.TRANSFER_ENCODING);
    if (te != null && !te.trim().equalsIgnoreCase("chunked")) {
      malformed(501, "Transfer-Encoding other than chunked is not supported");
      return;
    }
    String expect = h.get(HttpHeaderNames.EXPECT);
    if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
      answer(server.dispatcher.error(417, "only Expect: 100-continue is understood"), true, true);
      return;
    }
    String uri = req.uri();
    if (!uri.startsWith("/")) {
      malformed(400, "the request target must be a path such as /health");
      return;
    }
    int q = uri.indexOf('?');
    Optional<String> path = Percent.decode(q < 0 ? uri : uri.substring(0, q), false);
    if (path.isEmpty()) {
      malformed(400, "the path is not valid percent-encoded UTF-8");
      return;
    }
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, String> e : h) {
      headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    keepAlive = HttpUtil.isKeepAlive(req);
    http10 = version.equals(HttpVersion.HTTP_1_0);
    RequestHead head =
        new RequestHead(
            req.method().name().toUpperCase(Locale.ROOT),
            path.get(),
            q < 0 ? Optional.empty() : Optional.of(uri.substring(q + 1)),
            headers,
            entry.client,
            length);
    what = head.method() + " " + head.path();
    Admission admission;
    try {
      admission = server.dispatcher.admit(head);
    } catch (RuntimeException e) {
      LOG.debug("request {} failed", what, e);
      admission = new Admission.Answer(internalError());
    }
    if (admission instanceof Admission.Answer a) {
      answer(a.reply(), !keepAlive || bodyPending, bodyPending);
      return;
    }
    Admission.Handle accepted = (Admission.Handle) admission;
    if (length > accepted.maxBody()) {
      answer(tooLarge(accepted.maxBody()), true, true);
      return;
    }
    handle = accepted;
    body = new ByteArrayOutputStream((int) Math.min(Math.max(length, 0), accepted.maxBody()));
    if (expect != null && bodyPending) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
    state = State.BODY;
    arm(limits.bodyTimeout(), this::bodyTimedOut);
  }

  private void onContent(HttpContent c) {
    if (c.decoderResult().isFailure()) {
      malformed(400, "malformed chunked body: each chunk starts with its size in hexadecimal");
      return;
    }
    if (state != State.BODY) {
      return; // the end of a request answered from its head
    }
    int n = c.content().readableBytes();
    if (body.size() + n > handle.maxBody()) {
      answer(tooLarge(handle.maxBody()), true, true);
      return;
    }
    byte[] bytes = new byte[n];
    c.content().readBytes(bytes);
    body.write(bytes, 0, n);
    if (c instanceof LastHttpContent) {
      dispatch();
    }
  }

  private void dispatch() {
    cancelTimer();
    state = State.BUSY;
    server.table.busy(entry);
    ctx.channel().config().setAutoRead(false);
    Admission.Handle h = handle;
    String text = body.toString(StandardCharsets.UTF_8);
    String request = what;
    boolean close = !keepAlive;
    handle = null;
    body = null;
    try {
      server
          .lane(h.lane())
          .execute(
              () -> {
                Reply r;
                try {
                  r = h.handler().apply(text);
                } catch (RuntimeException e) {
                  LOG.debug("request {} failed", request, e);
                  r = internalError();
                }
                Reply done = r;
                ctx.executor().execute(() -> answer(done, close, false));
              });
    } catch (RejectedExecutionException e) {
      server.busy.incrementAndGet();
      server.notePressure();
      answer(
          server
              .dispatcher
              .error(503, "the endpoint is busy; try again in a second")
              .withHeader("Retry-After", "1"),
          close,
          false);
    }
  }

  /**
   * Writes {@code reply}; then either waits for the next request, or closes ({@code close}), first
   * dropping what the client still sends for a moment when its request was not all read ({@code
   * drain}).
   */
  private void answer(Reply reply, boolean close, boolean drain) {
    if (!ctx.channel().isActive()) {
      return;
    }
    cancelTimer();
    state = State.BUSY;
    // a client that does not take its answer may be closed to make room
    server.table.waiting(entry);
    ctx.channel().config().setAutoRead(false);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse resp =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(bytes));
    HttpHeaders h = resp.headers();
    h.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    h.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    reply.headers().forEach(h::set);
    if (close) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    bytesSinceAnswer = false;
    ChannelFuture f = ctx.writeAndFlush(resp);
    arm(limits.writeTimeout(), ctx::close);
    f.addListener(
        done -> {
          cancelTimer();
          if (!done.isSuccess()) {
            ctx.close();
          } else if (close && drain && ctx.channel() instanceof SocketChannel s) {
            state = State.DRAIN;
            releasePending();
            s.shutdownOutput();
            ctx.channel().config().setAutoRead(true);
            arm(limits.lingerTimeout(), ctx::close);
          } else if (close) {
            ctx.close();
          } else {
            state = State.HEAD;
            server.table.waiting(entry);
            arm(limits.headTimeout(), this::headTimedOut);
            ctx.channel().config().setAutoRead(true);
            processPending();
          }
        });
  }

  private void processPending() {
    while ((state == State.HEAD || state == State.BODY) && !pending.isEmpty()) {
      HttpObject o = pending.poll();
      if (o instanceof HttpRequest) {
        pendingRequests--;
      }
      process(o);
    }
  }

  private void releasePending() {
    HttpObject o;
    while ((o = pending.poll()) != null) {
      ReferenceCountUtil.release(o);
    }
    pendingRequests = 0;
  }

  private void malformed(int status, String message) {
    server.malformed.incrementAndGet();
    server.notePressure();
    answer(server.dispatcher.error(status, message), true, true);
  }

  private void headTimedOut() {
    if (state != State.HEAD) {
      return;
    }
    if (!bytesSinceAnswer || entry.overClientLimit) {
      ctx.close(); // idle: nothing to say
      return;
    }
    server.timedOut.incrementAndGet();
    server.notePressure();
    answer(
        server.dispatcher.error(
            408,
            "request head not complete within "
                + seconds(limits.headTimeout())
                + "; send the whole request at once"),
        true,
        false);
  }

  private void bodyTimedOut() {
    if (state != State.BODY) {
      return;
    }
    server.timedOut.incrementAndGet();
    server.notePressure();
    answer(
        server.dispatcher.error(
            408,
            "request body not complete within "
                + seconds(limits.bodyTimeout())
                + "; send the whole request at once"),
        true,
        false);
  }

  private Reply tooLarge(int max) {
    return server.dispatcher.error(413, "request body larger than " + max + " bytes");
  }

  private Reply internalError() {
    return server.dispatcher.error(500, "internal error; see the daemon's log");
  }

  private int status(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return 414;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return 431;
    }
    return 400;
  }

  /** What was wrong, for people; never the library's own words, which name Java types. */
  private String message(HttpRequest req, Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return "request line longer than " + limits.maxRequestLine() + " bytes";
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return "request headers larger than " + limits.maxHeaderBytes() + " bytes";
    }
    String m = cause.getMessage() == null ? "" : cause.getMessage();
    if (m.contains("Line Feed must be preceded")) {
      return "lines of a request must end with CR LF";
    }
    if (req instanceof FullHttpRequest) {
      // the decoder's stand-in for a request line it could not read
      return "malformed request line; send 'METHOD /path HTTP/1.1'";
    }
    if (m.contains("Content-Length") || m.contains("Transfer-Encoding")) {
      return "Content-Length must be one whole number of bytes, given once, and not together"
          + " with Transfer-Encoding";
    }
    return "malformed header; send each header as 'Name: value' on a line of its own";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private void arm(Duration after, Runnable action) {
    cancelTimer();
    timer = ctx.executor().schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
