package dev.arb.xchange.spi;

import info.bitrich.xchangestream.service.netty.NettyStreamingService;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observable;

/**
 * The connection side shared by the exchanges' {@link BookStream}s: one XChange netty streaming
 * service, built by the subclass with the configured URI, with XChange's own reconnecting turned
 * off (the common adapter's stream feed reconnects, with its backoff and REST fallback).
 */
public abstract class NettyBookStream implements BookStream {
  private final NettyStreamingService<?> connection;

  protected NettyBookStream(NettyStreamingService<?> connection) {
    this.connection = connection;
    connection.setAutoReconnect(false);
  }

  @Override
  public final Completable connect() {
    return connection.connect();
  }

  @Override
  public final Observable<Object> drops() {
    return connection.subscribeDisconnect();
  }

  @Override
  public final Completable disconnect() {
    return connection.disconnect();
  }
}
