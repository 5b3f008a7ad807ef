package dev.arb.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server of the daemon's endpoint (see the package for what it defends against). One
 * I/O thread reads and writes every connection without blocking; a request whose head and body are
 * complete runs on its {@link Lane}'s pool; its answer is written back by the I/O thread.
 */
public final class NettyHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NettyHttpServer.class);

  /** How often at most the server says in the log that it is under pressure. */
  private static final long PRESSURE_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

  final HttpLimits limits;
  final Dispatcher dispatcher;
  final ConnectionTable table;
  private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
  private final EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel server;

  final AtomicLong timedOut = new AtomicLong();
  final AtomicLong overClientLimit = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong busy = new AtomicLong();
  private final AtomicLong lastPressureLog = new AtomicLong(System.nanoTime() - PRESSURE_LOG_NANOS);
  private final AtomicLong evictedLogged = new AtomicLong();

  private NettyHttpServer(
      HttpLimits limits,
      Dispatcher dispatcher,
      EventLoopGroup group,
      Map<Lane, ExecutorService> lanes,
      String host,
      int port)
      throws IOException {
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.table = new ConnectionTable(limits.maxConnections(), limits.maxConnectionsPerClient());
    this.group = group;
    this.lanes.putAll(lanes);
    ServerBootstrap boot =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    ConnectionHandler handler = new ConnectionHandler(NettyHttpServer.this);
                    ch.pipeline()
                        .addLast("bytes", handler.byteWatch())
                        .addLast(
                            "decoder",
                            new HttpRequestDecoder(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(limits.maxRequestLine())
                                    .setMaxHeaderSize(limits.maxHeaderBytes())
                                    .setMaxChunkSize(8192)))
                        .addLast("encoder", new HttpResponseEncoder())
                        .addLast("arb", handler);
                  }
                });
    ChannelFuture bound = boot.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      throw new IOException(
          cause == null || cause.getMessage() == null ? "cannot bind" : cause.getMessage(), cause);
    }
    this.server = bound.channel();
  }

  /**
   * Binds and starts serving.
   *
   * @param host address to bind
   * @param port port, 0 for a free one
   * @throws IOException if the address cannot be bound
   */
  public static NettyHttpServer start(
      String host, int port, HttpLimits limits, Dispatcher dispatcher) throws IOException {
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("arb-http-io", true));
    Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    for (Lane lane : Lane.values()) {
      int n = limits.threads(lane);
      lanes.put(
          lane,
          new ThreadPoolExecutor(
              n,
              n,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(limits.queuePerLane()),
              new DefaultThreadFactory(
                  "arb-http-" + lane.name().toLowerCase(java.util.Locale.ROOT), true)));
    }
    try {
      return new NettyHttpServer(limits, dispatcher, group, lanes, host, port);
    } catch (IOException | RuntimeException e) {
      lanes.values().forEach(ExecutorService::shutdownNow);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Connections open now. */
  public int openConnections() {
    return table.open();
  }

  /** The pool of {@code lane}. */
  ExecutorService lane(Lane lane) {
    return lanes.get(lane);
  }

  /**
   * Says in the log, at most once a minute, what the server turned away since it last said so: the
   * operator learns of an attack from the log, not from a dead endpoint.
   */
  void notePressure() {
    long now = System.nanoTime();
    long last = lastPressureLog.get();
    if (now - last < PRESSURE_LOG_NANOS) {
      return;
    }
    long evictedNow = table.evicted();
    long turnedAway = timedOut.get() + overClientLimit.get() + malformed.get() + busy.get();
    if (turnedAway == 0 && evictedNow == evictedLogged.get()
        || !lastPressureLog.compareAndSet(last, now)) {
      return;
    }
    LOG.warn(
        "HTTP endpoint under pressure since the last report: {} slow requests timed out, {}"
            + " connections over a client's share, {} closed to make room, {} malformed"
            + " requests, {} requests refused while busy; {} connections open",
        timedOut.getAndSet(0),
        overClientLimit.getAndSet(0),
        evictedNow - evictedLogged.getAndSet(evictedNow),
        malformed.getAndSet(0),
        busy.getAndSet(0),
        table.open());
  }

  /** Stops accepting, lets handlers in progress finish for up to a second, closes everything. */
  @Override
  public void close() {
    server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    for (ExecutorService e : lanes.values()) {
      e.shutdown();
    }
    for (ExecutorService e : lanes.values()) {
      try {
        if (!e.awaitTermination(1, TimeUnit.SECONDS)) {
          e.shutdownNow();
        }
      } catch (InterruptedException ex) {
        e.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }
}
