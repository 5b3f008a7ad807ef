package dev.arb.xchange.coinbase.advanced;

import java.net.URI;
import java.util.Objects;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.RestInvocation;

/**
 * The {@code Authorization} header of one private Advanced Trade request: {@code Bearer} and a
 * fresh {@link CdpJwt} whose {@code uri} claim is the request's method, host and path ({@code POST
 * api.coinbase.com/api/v3/brokerage/orders}; the port only when the base URL names one, as a local
 * stand-in's does; never the query).
 */
final class CdpAuth implements ParamsDigest {
  private final CdpJwt jwt;

  CdpAuth(CdpJwt jwt) {
    this.jwt = Objects.requireNonNull(jwt, "jwt");
  }

  @Override
  public String digestParams(RestInvocation inv) {
    return "Bearer " + jwt.token(inv.getHttpMethod(), hostAndPath(inv.getBaseUrl(), inv.getPath()));
  }

  /** {@code api.coinbase.com/api/v3/brokerage/orders} for a base URL and a request path. */
  static String hostAndPath(String baseUrl, String path) {
    URI base = URI.create(baseUrl);
    StringBuilder b = new StringBuilder(base.getHost());
    if (base.getPort() > 0) {
      b.append(':').append(base.getPort());
    }
    String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    b.append(prefix);
    String p = path == null ? "" : path;
    int q = p.indexOf('?');
    if (q >= 0) {
      p = p.substring(0, q);
    }
    if (!p.startsWith("/")) {
      b.append('/');
    }
    return b.append(p).toString();
  }
}
