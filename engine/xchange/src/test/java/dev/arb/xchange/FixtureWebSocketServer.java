package dev.arb.xchange;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket server on 127.0.0.1 and a free port that stands in for an exchange's stream: every
 * text frame a client sends is given to a {@link Script}, and the frames it returns are sent back.
 * Tests can drop every connection (as an exchange restart would) and count connections.
 */
final class FixtureWebSocketServer implements AutoCloseable {

  /** What the server answers to one client message. */
  interface Script {
    /**
     * @param connection 1 for the first connection, 2 for the next...
     * @param message the client's text frame
     * @return frames to send back, in order
     */
    List<String> answer(int connection, String message);
  }

  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AtomicInteger connections = new AtomicInteger();
  final List<String> received = new CopyOnWriteArrayList<>();

  /** The request URI (path and query) of each WebSocket handshake, in order. */
  final List<String> paths = new CopyOnWriteArrayList<>();

  private final Channel server;

  FixtureWebSocketServer(Script script) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    int n = connections.incrementAndGet();
                    clients.add(ch);
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpRequest>(false) {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpRequest req) {
                                paths.add(req.uri());
                                ctx.fireChannelRead(req);
                              }
                            })
                        // any path: Binance's combined stream names its streams in the query
                        .addLast(
                            new WebSocketServerProtocolHandler("/", null, true, 65536, false, true))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                String text = frame.text();
                                received.add(text);
                                for (String out : script.answer(n, text)) {
                                  ctx.writeAndFlush(new TextWebSocketFrame(out));
                                }
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  /** {@code ws://127.0.0.1:PORT/}. */
  String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/";
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Sends a text frame to every connected client. */
  void sendAll(String text) {
    clients.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Closes every client connection (the server keeps accepting new ones). */
  void dropAll() throws InterruptedException {
    clients.close().sync();
  }

  @Override
  public void close() throws InterruptedException {
    clients.close().sync();
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
