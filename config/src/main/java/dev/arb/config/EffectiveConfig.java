package dev.arb.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The effective configuration as a flat list of settings, each with its value and origin, for
 * {@code arb config show}. Built from the typed tree, so it shows exactly what arb uses. Secret
 * settings show only where the secret is kept and whether it is there, never the secret.
 */
public final class EffectiveConfig {

  /**
   * One setting.
   *
   * @param key full key path, such as {@code arb.storage.batch-size}
   * @param value the value as plain data: {@code String}, {@code Number}, {@code Boolean}, {@code
   *     List<String>}, a {@code Map} for a secret reference ({@code env} or {@code file}), or
   *     {@code null}; durations as HOCON strings such as {@code "200ms"}, decimals as strings
   * @param origin where the value came from: a file and line, {@code environment ARB_X}, {@code
   *     command line} or {@code default}
   * @param note for secret settings: whether the secret is present; its value is never shown
   */
  public record Setting(String key, Object value, String origin, Optional<String> note) {}

  private EffectiveConfig() {}

  /** Every setting of {@code loaded}, in {@code reference.conf} order. */
  public static List<Setting> settings(LoadedConfig loaded, Map<String, String> env) {
    ArbConfig c = loaded.config();
    Builder b = new Builder(loaded, env);
    String dataDirOrigin = b.origin("arb.data-dir");
    ConfigValue rawDataDir = ConfigOrigins.lookup(loaded.raw().root(), "arb.data-dir");
    if (rawDataDir == null || rawDataDir.valueType() == ConfigValueType.NULL) {
      String xdg = env.get("XDG_DATA_HOME");
      dataDirOrigin =
          xdg != null && !xdg.isBlank()
              ? "default ($XDG_DATA_HOME/arb)"
              : "default (~/.local/share/arb)";
    }
    b.out.add(new Setting("arb.data-dir", c.dataDir().toString(), dataDirOrigin, Optional.empty()));
    b.add("arb.logging.level", c.logging().level());
    b.add("arb.logging.format", c.logging().format().name().toLowerCase(java.util.Locale.ROOT));
    b.add("arb.storage.batch-size", c.storage().batchSize());
    b.add("arb.storage.flush-interval", duration(c.storage().flushInterval()));
    b.add("arb.storage.queue-capacity", c.storage().queueCapacity());
    b.add("arb.storage.busy-timeout", duration(c.storage().busyTimeout()));
    b.add("arb.scan.max-length", c.scan().maxLength());
    b.add("arb.scan.top", c.scan().top());
    b.add("arb.scan.min-profit-bp", c.scan().minProfitBp());
    b.add("arb.scan.start-assets", c.scan().startAssets());
    b.add("arb.scan.amount", c.scan().amount().map(BigDecimal::toPlainString).orElse(null));
    b.add("arb.scan.max-age", c.scan().maxAge().map(EffectiveConfig::duration).orElse(null));
    for (ExchangeConfig e : new TreeMap<>(c.exchanges()).values()) {
      String p = "arb.exchanges." + e.name();
      b.add(p + ".enabled", e.enabled());
      b.add(p + ".markets", e.markets());
      b.add(p + ".taker-fee", e.takerFee().map(BigDecimal::toPlainString).orElse(null));
      b.add(p + ".base-url", e.baseUrl().orElse(null));
      b.add(p + ".streaming", e.streaming());
      b.add(p + ".ws-url", e.wsUrl().orElse(null));
      b.add(p + ".api", e.api().orElse(null));
      b.secret(p + ".api-key", e.apiKey());
      b.secret(p + ".api-secret", e.apiSecret());
    }
    b.add("arb.http.enabled", c.http().enabled());
    b.add("arb.http.host", c.http().host());
    b.add("arb.http.port", c.http().port());
    b.secret("arb.http.token", c.http().token());
    b.add("arb.run.interval", duration(c.run().interval()));
    b.add("arb.run.shutdown-timeout", duration(c.run().shutdownTimeout()));
    b.add("arb.run.retention", c.run().retention().map(EffectiveConfig::duration).orElse(null));
    b.add("arb.run.wait", c.run().runnerWait().name().toLowerCase(java.util.Locale.ROOT));
    b.secret("arb.alerts.webhook", c.alerts().webhook());
    b.add("arb.alerts.format", c.alerts().format().name().toLowerCase(java.util.Locale.ROOT));
    b.add("arb.alerts.min-profit-bp", c.alerts().minProfitBp());
    b.add("arb.alerts.timeout", duration(c.alerts().timeout()));
    b.add("arb.alerts.exchange-down-after", duration(c.alerts().exchangeDownAfter()));
    b.add("arb.chat.telegram.enabled", c.chat().telegram().enabled());
    b.add("arb.chat.telegram.api-url", c.chat().telegram().apiUrl().toString());
    b.add("arb.chat.telegram.allowed-chats", c.chat().telegram().allowedChats());
    b.secret("arb.chat.telegram.token", c.chat().telegram().token());
    b.add("arb.chat.telegram.poll-timeout", duration(c.chat().telegram().pollTimeout()));
    c.paper()
        .balances()
        .forEach(
            (ex, assets) ->
                assets.forEach(
                    (asset, amount) ->
                        b.add("arb.paper.balances." + ex + "." + asset, amount.toPlainString())));
    b.add("arb.paper.default-balance", c.paper().defaultBalance().toPlainString());
    b.add("arb.paper.latency", duration(c.paper().latency()));
    b.add("arb.paper.slippage-bp", c.paper().slippageBp().toPlainString());
    b.add(
        "arb.risk.max-trade-notional",
        c.risk().maxTradeNotional().map(BigDecimal::toPlainString).orElse(null));
    b.add(
        "arb.risk.max-daily-notional",
        c.risk().maxDailyNotional().map(BigDecimal::toPlainString).orElse(null));
    b.add("arb.risk.min-profit", c.risk().minProfit().toPlainString());
    b.add("arb.risk.slippage-buffer-bp", c.risk().slippageBufferBp().toPlainString());
    b.add(
        "arb.risk.max-data-age", c.risk().maxDataAge().map(EffectiveConfig::duration).orElse(null));
    b.add(
        "arb.risk.daily-loss-limit",
        c.risk().dailyLossLimit().map(BigDecimal::toPlainString).orElse(null));
    b.add("arb.risk.max-open-cycles", c.risk().maxOpenCycles());
    b.add("arb.trading.mode", c.trading().mode().code());
    b.add("arb.trading.legs", c.trading().legs().code());
    b.add("arb.trading.order-timeout", duration(c.trading().orderTimeout()));
    b.add("arb.trading.poll-interval", duration(c.trading().pollInterval()));
    b.add("arb.defi.rpc-url", c.defi().rpcUrl().orElse(null));
    b.add("arb.defi.chain-id", c.defi().chainId());
    b.add("arb.defi.keystore", c.defi().keystore().map(Path::toString).orElse(null));
    b.secret("arb.defi.keystore-password", c.defi().keystorePassword());
    b.add("arb.defi.max-fee-gwei", c.defi().maxFeeGwei().toPlainString());
    b.add("arb.defi.receipt-timeout", duration(c.defi().receiptTimeout()));
    b.add(
        "arb.defi.replace-after",
        c.defi().replaceAfter().map(EffectiveConfig::duration).orElse(null));
    b.add("arb.defi.max-replacements", c.defi().maxReplacements());
    b.add("arb.defi.min-profit-margin", c.defi().minProfitMargin().toPlainString());
    java.util.Optional<RelayerConfig> relayer = c.defi().relayer();
    b.add("arb.defi.relayer.forwarder", relayer.map(RelayerConfig::forwarder).orElse(null));
    if (relayer.isPresent()) {
      RelayerConfig x = relayer.get();
      b.add("arb.defi.relayer.allow", x.allow());
      b.add("arb.defi.relayer.max-request-gas", x.maxRequestGas().toString());
      b.add("arb.defi.relayer.max-wei-per-request", x.maxWeiPerRequest().toString());
      b.add("arb.defi.relayer.max-wei-per-signer", x.maxWeiPerSigner().toString());
      b.add("arb.defi.relayer.max-wei-total", x.maxWeiTotal().toString());
      b.add("arb.defi.relayer.max-requests-per-signer", x.maxRequestsPerSigner());
      b.add("arb.defi.relayer.min-validity", duration(x.minValidity()));
    }
    for (ChainConfig chain : new TreeMap<>(c.chains()).values()) {
      chainSettings(b, chain);
    }
    return List.copyOf(b.out);
  }

  /** An optional endpoint, shown only when set: a secret reference as such, a URL as written. */
  private static void endpoint(Builder b, String key, Optional<ChainConfig.RpcUrl> url) {
    if (url.isEmpty()) {
      return;
    }
    if (url.get() instanceof ChainConfig.RpcUrl.Kept k) {
      b.secret(key, Optional.of(k.ref()));
    } else {
      b.add(key, ((ChainConfig.RpcUrl.Plain) url.get()).url());
    }
  }

  private static void chainSettings(Builder b, ChainConfig chain) {
    String p = "arb.chains." + chain.name();
    if (chain.rpcUrl().isPresent() && chain.rpcUrl().get() instanceof ChainConfig.RpcUrl.Kept k) {
      b.secret(p + ".rpc-url", Optional.of(k.ref()));
    } else {
      // a URL written in the file is shown as the file has it, like arb.defi.rpc-url
      b.add(
          p + ".rpc-url",
          chain.rpcUrl().map(u -> ((ChainConfig.RpcUrl.Plain) u).url()).orElse(null));
    }
    endpoint(b, p + ".submit-url", chain.submitUrl());
    endpoint(b, p + ".ws-url", chain.wsUrl());
    b.add(p + ".chain-id", chain.chainId());
    b.add(p + ".native-token", chain.nativeToken().orElse(null));
    for (ChainConfig.DexConfig d : chain.dexes().values()) {
      String dp = p + ".dexes." + d.name();
      b.add(dp + ".factory", d.factory());
      if (d.concentrated()) {
        b.add(dp + ".kind", d.kind());
        b.add(dp + ".fee-tiers", d.feeTiers());
        b.add(dp + ".tick-words", d.tickWords());
      } else {
        b.add(dp + ".fee", d.fee().toPlainString());
        b.add(dp + ".max-pools", d.maxPools());
      }
    }
    b.add(p + ".pools", chain.pools());
    b.add(p + ".tokens", chain.tokens());
    chain.sameAs().forEach((token, asset) -> b.add(p + ".same-as." + token, asset));
    b.add(p + ".batch-size", chain.batchSize());
    b.add(p + ".request-timeout", duration(chain.requestTimeout()));
    if (chain.follow().isPresent()) {
      ChainConfig.Follow f = chain.follow().get();
      b.add(p + ".follow.contract", f.contract());
      b.add(p + ".follow.balancer-vault", f.balancerVault().orElse(null));
      b.add(p + ".follow.aave-pool", f.aavePool().orElse(null));
      b.add(p + ".follow.start-tokens", f.startTokens());
      b.add(p + ".follow.max-hops", f.maxHops());
      b.add(p + ".follow.poll-interval", duration(f.pollInterval()));
      b.add(p + ".follow.replace-after-blocks", f.replaceAfterBlocks());
      b.add(p + ".follow.inventory", f.inventory());
    }
  }

  /**
   * A setting's value as HOCON/JSON text: strings quoted, {@code null}, lists and secret references
   * in brackets and braces.
   */
  public static String render(Object value) {
    return ConfigValueFactory.fromAnyRef(value)
        .render(ConfigRenderOptions.concise().setFormatted(false));
  }

  /** A duration the way HOCON writes it: {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (!d.equals(Duration.ofMillis(ms))) {
      return d.toNanos() + "ns";
    }
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms != 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static final class Builder {
    final List<Setting> out = new ArrayList<>();
    final LoadedConfig loaded;
    final Map<String, String> env;

    Builder(LoadedConfig loaded, Map<String, String> env) {
      this.loaded = loaded;
      this.env = env;
    }

    String origin(String key) {
      ConfigValue v = ConfigOrigins.lookup(loaded.raw().root(), key);
      return v == null ? "default" : ConfigOrigins.describe(v.origin());
    }

    void add(String key, Object value) {
      out.add(new Setting(key, value, origin(key), Optional.empty()));
    }

    void secret(String key, Optional<SecretRef> ref) {
      if (ref.isEmpty()) {
        out.add(new Setting(key, null, origin(key), Optional.of("not configured")));
        return;
      }
      Map<String, Object> value = new LinkedHashMap<>();
      String note;
      if (ref.get() instanceof SecretRef.Env e) {
        value.put("env", e.name());
        String v = env.get(e.name());
        note =
            v == null || v.isEmpty()
                ? e.name() + " is not set"
                : e.name() + " is set (value redacted)";
        out.add(new Setting(key, value, origin(key + ".env"), Optional.of(note)));
      } else {
        Path p = ((SecretRef.File) ref.get()).path();
        value.put("file", p.toString());
        note = Files.isRegularFile(p) ? "file exists (content redacted)" : "file does not exist";
        out.add(new Setting(key, value, origin(key + ".file"), Optional.of(note)));
      }
    }
  }
}
