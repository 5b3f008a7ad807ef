package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kraken stand-in on 127.0.0.1 that fills orders: the recorded public pair and asset lists
 * (LICENSE.XChange), one ETH/USD book (Kraken's Depth format), balances, and orders that fill in
 * full at their limit price at once (AddOrder answered as recorded; QueryOrders built from the
 * recorded OpenOrders entry with the order's own amounts, fee 0.26 %). {@link #rejectOrders} makes
 * AddOrder answer Kraken's "EOrder:Insufficient funds" error instead.
 */
final class KrakenStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final BigDecimal FEE = new BigDecimal("0.0026");

  /** One order as placed. */
  record Order(String txid, String pair, String type, BigDecimal volume, BigDecimal price) {}

  private final HttpServer server;
  private final List<Order> orders = new CopyOnWriteArrayList<>();
  private final Map<String, Order> byTxid = new ConcurrentHashMap<>();
  private final AtomicInteger seq = new AtomicInteger();
  private volatile boolean reject;
  private final String depth;
  private final String balance;

  /**
   * @param asks the ETH/USD asks, {@code [price, volume]}
   * @param bids the ETH/USD bids
   * @param usd the account's USD balance
   */
  KrakenStandIn(String[][] asks, String[][] bids, String usd) throws IOException {
    this.depth = depth(asks, bids);
    this.balance = "{\"error\":[],\"result\":{\"ZUSD\":\"" + usd + "\",\"XETH\":\"0.0000000000\"}}";
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Order> orders() {
    return List.copyOf(orders);
  }

  /** From now on, AddOrder answers Kraken's insufficient-funds error (nothing is placed). */
  void rejectOrders() {
    reject = true;
  }

  private static String depth(String[][] asks, String[][] bids) {
    StringBuilder b = new StringBuilder("{\"error\":[],\"result\":{\"XETHZUSD\":{\"asks\":[");
    levels(b, asks);
    b.append("],\"bids\":[");
    levels(b, bids);
    return b.append("]}}}").toString();
  }

  private static void levels(StringBuilder b, String[][] levels) {
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < levels.length; i++) {
      b.append(i > 0 ? "," : "")
          .append("[\"")
          .append(levels[i][0])
          .append("\",\"")
          .append(levels[i][1])
          .append("\",")
          .append(now)
          .append(']');
    }
  }

  private static String resource(String name) {
    try (InputStream in = KrakenStandIn.class.getResourceAsStream("/dev/arb/cli/venue/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try {
      String path = x.getRequestURI().getPath();
      Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), UTF8));
      String body =
          switch (path) {
            case "/0/public/AssetPairs" -> resource("AssetPairs.json");
            case "/0/public/Assets" -> resource("Assets.json");
            case "/0/public/Depth" -> depth;
            case "/0/private/Balance" -> balance;
            case "/0/private/TradeBalance" -> resource("TradeBalance.json");
            case "/0/private/TradeVolume" -> resource("TradeVolume.json");
            case "/0/private/AddOrder" -> addOrder(form);
            case "/0/private/QueryOrders" -> queryOrders(form);
            case "/0/private/CancelOrder" -> resource("kraken-cancelorder.json");
            case "/0/private/OpenOrders" -> "{\"error\":[],\"result\":{\"open\":{}}}";
            case "/0/private/ClosedOrders" -> "{\"error\":[],\"result\":{\"closed\":{}}}";
            default -> null;
          };
      if (body == null) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      byte[] out = body.getBytes(UTF8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, out.length);
      x.getResponseBody().write(out);
    } finally {
      x.close();
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static Map<String, String> form(String body) {
    Map<String, String> m = new HashMap<>();
    for (String kv : body.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(kv.substring(0, eq), UTF8),
            URLDecoder.decode(kv.substring(eq + 1), UTF8));
      }
    }
    return m;
  }

  private String addOrder(Map<String, String> form) {
    if (reject) {
      return "{\"error\":[\"EOrder:Insufficient funds\"]}";
    }
    String txid = String.format("OINV%02d-AAAAA-BBBBB%d", seq.incrementAndGet(), seq.get() % 10);
    Order o =
        new Order(
            txid,
            form.get("pair"),
            form.get("type"),
            new BigDecimal(form.get("volume")),
            new BigDecimal(form.get("price")));
    orders.add(o);
    byTxid.put(txid, o);
    return resource("kraken-addorder.json").replace("OHMFXD-DVWOT-XTF4AU", txid);
  }

  private String queryOrders(Map<String, String> form) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("error");
    ObjectNode result = root.putObject("result");
    List<String> ids = new ArrayList<>(List.of(form.getOrDefault("txid", "").split(",")));
    for (String id : ids) {
      Order o = byTxid.get(id);
      if (o == null) {
        continue;
      }
      ObjectNode e =
          (ObjectNode)
              JSON.readTree(resource("kraken-openorders.json"))
                  .path("result")
                  .path("open")
                  .get("OP2S3K-2SEPL-XTZNO4")
                  .deepCopy();
      BigDecimal cost = o.volume().multiply(o.price()).setScale(5, RoundingMode.DOWN);
      BigDecimal fee = cost.multiply(FEE).setScale(5, RoundingMode.UP);
      e.put("status", "closed");
      ((ObjectNode) e.get("descr"))
          .put("pair", o.pair())
          .put("type", o.type())
          .put("price", o.price().toPlainString())
          .put(
              "order",
              o.type()
                  + " "
                  + o.volume().toPlainString()
                  + " "
                  + o.pair()
                  + " @ limit "
                  + o.price().toPlainString());
      e.put("vol", o.volume().toPlainString());
      e.put("vol_exec", o.volume().toPlainString());
      e.put("cost", cost.toPlainString());
      e.put("fee", fee.toPlainString());
      e.put("price", o.price().toPlainString());
      result.set(id, e);
    }
    return JSON.writeValueAsString(root);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
