package dev.arb.defi.chain;

import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.RetryPolicy;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One EVM chain over JSON-RPC (web3j). Checks the chain id when it connects, puts timeouts on every
 * request, retries reads with backoff on transport errors (through the core's {@link Retry}; never
 * sends, which are not idempotent once signed with a fresh nonce), signs EIP-1559 transactions and
 * waits for their receipts. Library and transport failures leave it as {@link ChainException}s that
 * say what failed where.
 */
public final class ChainClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainClient.class);
  private static final int READ_ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  /** Reads: 3 attempts, 200 ms then 400 ms apart; transport failures only are retried. */
  private static final Retry READS =
      Retry.of(RetryPolicy.doubling(READ_ATTEMPTS, FIRST_BACKOFF), ChainClient::classify);

  /** The zero address, used as sender of read-only calls. */
  public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  /**
   * Connection settings.
   *
   * @param rpcUrl JSON-RPC endpoint (http or https)
   * @param expectedChainId the chain the caller means; connecting to any other fails
   * @param requestTimeout timeout of each HTTP request
   * @param receiptPollInterval how often to ask for a receipt (short on a local chain; web3j's
   *     default is 15 s)
   * @param receiptTimeout how long to wait for a receipt before giving up
   */
  public record Settings(
      String rpcUrl,
      long expectedChainId,
      Duration requestTimeout,
      Duration receiptPollInterval,
      Duration receiptTimeout) {
    public Settings {
      Objects.requireNonNull(rpcUrl, "rpcUrl");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(receiptPollInterval, "receiptPollInterval");
      Objects.requireNonNull(receiptTimeout, "receiptTimeout");
      if (receiptPollInterval.isZero() || receiptPollInterval.isNegative()) {
        throw new IllegalArgumentException("receiptPollInterval must be positive");
      }
    }

    /** Settings for a local dev chain: 10 s requests, receipts polled every 50 ms for 30 s. */
    public static Settings local(String rpcUrl, long chainId) {
      return new Settings(
          rpcUrl, chainId, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(30));
    }
  }

  private final Settings settings;
  private final HttpService service;
  private final Web3j web3j;
  private final long chainId;
  private volatile Web3j submitter;
  private volatile String submitUrl;

  private ChainClient(Settings settings, HttpService service, long chainId) {
    this.settings = settings;
    this.service = service;
    this.web3j = Web3j.build(service);
    this.chainId = chainId;
  }

  /**
   * Connects and checks the chain id.
   *
   * @throws ChainException if the node is unreachable or serves another chain
   */
  public static ChainClient connect(Settings settings) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.requestTimeout())
            .readTimeout(settings.requestTimeout())
            .writeTimeout(settings.requestTimeout())
            .callTimeout(settings.requestTimeout())
            .build();
    ChainClient probe =
        new ChainClient(
            settings, new HttpService(settings.rpcUrl(), http), settings.expectedChainId());
    long actual;
    try {
      actual =
          probe.read("eth_chainId", () -> probe.web3j.ethChainId().send()).getChainId().longValue();
    } catch (ChainException e) {
      probe.close();
      throw e;
    }
    if (actual != settings.expectedChainId()) {
      probe.close();
      throw new ChainException(
          "chain: "
              + redact(settings.rpcUrl())
              + " serves chain id "
              + actual
              + ", expected "
              + settings.expectedChainId()
              + "; check the RPC URL and the configured chain id");
    }
    return probe;
  }

  /**
   * Hands signed transactions ({@code eth_sendRawTransaction}) to {@code url} from now on instead
   * of the RPC URL: a private-transaction endpoint (a builder or relay that keeps them out of the
   * public mempool). Every read, receipts included, stays on the RPC URL.
   *
   * @param url a JSON-RPC endpoint (http or https)
   * @return this client
   */
  public ChainClient submitThrough(String url) {
    Objects.requireNonNull(url, "url");
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.requestTimeout())
            .readTimeout(settings.requestTimeout())
            .writeTimeout(settings.requestTimeout())
            .callTimeout(settings.requestTimeout())
            .build();
    Web3j old = submitter;
    submitter = Web3j.build(new HttpService(url, http));
    submitUrl = url;
    if (old != null) {
      old.shutdown();
    }
    return this;
  }

  /** Where signed transactions go: the submit URL (redacted) if one is set, else the RPC URL. */
  public String submitUrl() {
    String s = submitUrl;
    return s == null ? rpcUrl() : redact(s);
  }

  /** The chain id checked at connect. */
  public long chainId() {
    return chainId;
  }

  /**
   * The RPC URL safe to print: scheme, host and port only. Provider URLs often carry an API key in
   * the path, query or user info ({@code https://eth.example/v3/KEY}), so those are cut.
   */
  public String rpcUrl() {
    return redact(settings.rpcUrl());
  }

  /** {@code url} without user info, path, query and fragment; {@code …} marks what was cut. */
  public static String redact(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return "(unparsable RPC URL)";
      }
      String base =
          u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
      boolean cut =
          u.getRawUserInfo() != null
              || (u.getRawPath() != null
                  && !u.getRawPath().isEmpty()
                  && !u.getRawPath().equals("/"))
              || u.getRawQuery() != null
              || u.getRawFragment() != null;
      return cut ? base + "/…" : base;
    } catch (URISyntaxException e) {
      return "(unparsable RPC URL)";
    }
  }

  /** The underlying web3j instance, for reads this class does not wrap. */
  public Web3j web3j() {
    return web3j;
  }

  /** Latest block number. */
  public BigInteger blockNumber() {
    return read("eth_blockNumber", () -> web3j.ethBlockNumber().send()).getBlockNumber();
  }

  /** Next nonce of {@code address}, counting its pending transactions. */
  public BigInteger pendingNonce(String address) {
    return read(
            "eth_getTransactionCount",
            () -> web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send())
        .getTransactionCount();
  }

  /** Ether balance of {@code address} in wei. */
  public BigInteger etherBalance(String address) {
    return read(
            "eth_getBalance",
            () -> web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send())
        .getBalance();
  }

  /**
   * Runs {@code data} against {@code to} from {@code from} at the latest block without sending. A
   * revert is a value ({@link CallResult.Reverted}) decoded with {@code decoder}.
   */
  public CallResult call(String from, String to, String data, RevertDecoder decoder) {
    return call(from, to, data, decoder, DefaultBlockParameterName.LATEST);
  }

  /** Like {@link #call(String, String, String, RevertDecoder)} at a given block. */
  public CallResult call(
      String from, String to, String data, RevertDecoder decoder, DefaultBlockParameter block) {
    EthCall r =
        read(
            "eth_call",
            () -> web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), block).send(),
            true);
    if (r.hasError()) {
      Response.Error e = r.getError();
      String revertData = hex(e.getData());
      return new CallResult.Reverted(decoder.decode(revertData, e.getMessage()), revertData);
    }
    if (r.isReverted()) {
      return new CallResult.Reverted(r.getRevertReason(), "0x");
    }
    return new CallResult.Success(r.getValue());
  }

  /**
   * A read-only call expected to succeed (a view function); returns its 0x-hex result.
   *
   * @throws ChainException if it reverts
   */
  public String view(String to, String data) {
    CallResult r = call(ZERO_ADDRESS, to, data, new RevertDecoder());
    if (r instanceof CallResult.Reverted rev) {
      throw new ChainException("chain: read of " + to + " reverted: " + rev.reason());
    }
    return ((CallResult.Success) r).data();
  }

  /**
   * Several read-only calls in one JSON-RPC batch (one round trip), each expected to succeed;
   * {@code calls} are (to, data) pairs, results come back in the same order.
   *
   * @throws ChainException if any of them reverts or the batch fails
   */
  public List<String> viewBatch(List<Map.Entry<String, String>> calls) {
    BatchRequest batch = web3j.newBatch();
    for (Map.Entry<String, String> c : calls) {
      batch.add(
          web3j.ethCall(
              Transaction.createEthCallTransaction(ZERO_ADDRESS, c.getKey(), c.getValue()),
              DefaultBlockParameterName.LATEST));
    }
    BatchResponse response =
        read("batch of " + calls.size() + " eth_call", () -> wrap(batch.send())).getResult();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      EthCall r = (EthCall) response.getResponses().get(i);
      if (r.hasError() || r.isReverted()) {
        throw new ChainException(
            "chain: batched read of "
                + calls.get(i).getKey()
                + " reverted: "
                + (r.hasError() ? r.getError().getMessage() : r.getRevertReason()));
      }
      out.add(r.getValue());
    }
    return out;
  }

  /** A batch response as a {@link Response}, so {@link #read} can retry it. */
  private static BatchAsResponse wrap(BatchResponse b) {
    BatchAsResponse r = new BatchAsResponse();
    r.setResult(b);
    return r;
  }

  private static final class BatchAsResponse extends Response<BatchResponse> {}

  /** Storage word {@code slot} of {@code address} (0x-hex, 32 bytes). */
  public String storageAt(String address, BigInteger slot) {
    return read(
            "eth_getStorageAt",
            () -> web3j.ethGetStorageAt(address, slot, DefaultBlockParameterName.LATEST).send())
        .getData();
  }

  /**
   * Gas the node estimates for the call; a revert is a {@link CallResult.Reverted}, success a
   * {@link CallResult.Success} holding the estimate as a decimal string.
   */
  public CallResult estimateGas(String from, String to, String data, RevertDecoder decoder) {
    EthEstimateGas r =
        read(
            "eth_estimateGas",
            () -> web3j.ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send(),
            true);
    if (r.hasError()) {
      Response.Error e = r.getError();
      String revertData = hex(e.getData());
      return new CallResult.Reverted(decoder.decode(revertData, e.getMessage()), revertData);
    }
    return new CallResult.Success(r.getAmountUsed().toString());
  }

  /**
   * Signs and sends a transaction without waiting for it to be mined. Sends exactly once: a
   * transport error after the node may have accepted it is reported, not retried blindly.
   *
   * @param to recipient, or {@code null} to create a contract from {@code data}
   * @return the transaction hash
   * @throws NonceTooLow if the node has already seen this nonce from this sender
   */
  public String sendRaw(
      Credentials sender,
      BigInteger nonce,
      String to,
      String data,
      BigInteger value,
      BigInteger gasLimit,
      Fees fees) {
    return submit(sign(sender, nonce, to, data, value, gasLimit, fees));
  }

  /**
   * A signed transaction, ready to hand to a node. Handing the same one over again is idempotent:
   * same bytes, same hash, at most one of them is ever mined.
   *
   * @param hex the raw signed transaction, 0x-hex
   * @param hash its hash
   * @param sender the signing address
   * @param nonce its nonce
   */
  public record SignedTx(String hex, String hash, String sender, BigInteger nonce) {
    public SignedTx {
      Objects.requireNonNull(hex, "hex");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(nonce, "nonce");
    }
  }

  /** Signs an EIP-1559 transaction for this chain; {@code to == null} creates a contract. */
  public SignedTx sign(
      Credentials sender,
      BigInteger nonce,
      String to,
      String data,
      BigInteger value,
      BigInteger gasLimit,
      Fees fees) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId,
            nonce,
            gasLimit,
            to == null ? "" : to,
            value,
            data,
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, sender));
    return new SignedTx(signed, Hash.sha3(signed), sender.getAddress(), nonce);
  }

  /**
   * Hands a signed transaction to the node once. A node that answers it already has this very
   * transaction ("already known") counts as accepted: that is what a resubmission after a lost
   * answer looks like.
   *
   * @return the transaction hash
   * @throws SendUnknown on a transport failure: it may or may not have reached the node
   * @throws NonceTooLow if the node has already seen this nonce from this sender
   * @throws ChainException if the node refused it
   */
  public String submit(SignedTx tx) {
    EthSendTransaction sent;
    try {
      Web3j to = submitter;
      sent = (to == null ? web3j : to).ethSendRawTransaction(tx.hex()).send();
    } catch (IOException | ClientConnectionException e) {
      // the node may have taken it before the connection broke: say which transaction it was
      ChainException t = transport("eth_sendRawTransaction", submitUrl(), e);
      throw new SendUnknown(t.getMessage(), tx.hash(), e);
    }
    if (sent.hasError()) {
      String message = sent.getError().getMessage();
      String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
      if (ALREADY_KNOWN.stream().anyMatch(lower::contains)) {
        return tx.hash();
      }
      String text =
          "chain: node rejected the transaction from "
              + tx.sender()
              + " (nonce "
              + tx.nonce()
              + "): "
              + message;
      if (lower.contains("nonce too low")) {
        throw new NonceTooLow(text);
      }
      throw new ChainException(text);
    }
    return sent.getTransactionHash();
  }

  /**
   * How nodes say they already hold the transaction just submitted: geth "already known", older
   * geth and Parity "known transaction", anvil "transaction already imported".
   */
  private static final List<String> ALREADY_KNOWN =
      List.of("already known", "known transaction", "already imported");

  /** Whether the node knows the transaction {@code txHash} (pending or mined). */
  public boolean knowsTransaction(String txHash) {
    return read("eth_getTransactionByHash", () -> web3j.ethGetTransactionByHash(txHash).send())
        .getTransaction()
        .isPresent();
  }

  /**
   * Handing a signed transaction to the node failed in transport: it may or may not have reached
   * the node, so it may still be mined.
   */
  public static final class SendUnknown extends ChainException {
    private static final long serialVersionUID = 1L;
    private final String txHash;

    SendUnknown(String message, String txHash, Throwable cause) {
      super(message, cause);
      this.txHash = txHash;
    }

    /** Hash of the signed transaction that may have reached the node. */
    public String txHash() {
      return txHash;
    }
  }

  /** The node has already seen this nonce from this sender: resynchronise and take another. */
  public static final class NonceTooLow extends ChainException {
    private static final long serialVersionUID = 1L;

    NonceTooLow(String message) {
      super(message);
    }
  }

  /**
   * Polls for the receipt of any of {@code txHashes} (the same nonce sent with different fees) for
   * up to {@code timeout}.
   *
   * @return the first receipt found, empty if none within the timeout
   */
  public Optional<TransactionReceipt> awaitAnyReceipt(List<String> txHashes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String hash : txHashes) {
        Optional<TransactionReceipt> r =
            read("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(hash).send())
                .getTransactionReceipt();
        if (r.isPresent()) {
          return r;
        }
      }
      if (System.nanoTime() - deadline >= 0) {
        return Optional.empty();
      }
      sleep(settings.receiptPollInterval());
    }
  }

  /** How long to wait for a receipt before giving up. */
  public Duration receiptTimeout() {
    return settings.receiptTimeout();
  }

  /**
   * Any JSON-RPC method, e.g. anvil's {@code evm_snapshot}; returns the raw result.
   *
   * @throws ChainException if the node answers with an error
   */
  public Object rpc(String method, List<?> params) {
    return read(method, () -> new Request<>(method, params, service, RawResponse.class).send())
        .getResult();
  }

  /** Response of {@link #rpc}: whatever JSON the node returned. */
  public static final class RawResponse extends Response<Object> {}

  @Override
  public void close() {
    web3j.shutdown();
    Web3j s = submitter;
    if (s != null) {
      s.shutdown();
    }
  }

  /** A JSON-RPC request that can be retried safely. */
  @FunctionalInterface
  interface Read<T> {
    T send() throws IOException;
  }

  private <T extends Response<?>> T read(String method, Read<T> request) {
    return read(method, request, false);
  }

  private <T extends Response<?>> T read(String method, Read<T> request, boolean errorIsValue) {
    Retry.Outcome<T> o =
        READS.callUnchecked(
            () -> {
              T response = request.send();
              if (response.hasError() && !errorIsValue) {
                throw new ChainException(
                    "chain: "
                        + method
                        + " at "
                        + rpcUrl()
                        + " failed: "
                        + response.getError().getMessage());
              }
              return response;
            },
            (attempt, fault, wait) ->
                LOG.debug(
                    "{} attempt {} failed ({}), retrying in {}",
                    method,
                    attempt,
                    fault.message(),
                    wait),
            e -> new ChainException("chain: interrupted while retrying", e));
    if (o.ok()) {
      return o.value();
    }
    if (o.error() instanceof IOException || o.error() instanceof ClientConnectionException) {
      throw transport(method, (Exception) o.error());
    }
    // the node's error answer (a ChainException), or anything else web3j threw: as it is
    throw o.rethrow(e -> transport(method, e));
  }

  /**
   * Transport failures are worth another attempt: an IOException, or web3j's {@code
   * ClientConnectionException} (an HTTP error status, e.g. 502 from a proxy whose node died).
   * Anything else, such as the node's error answer, is not.
   */
  static Fault classify(Throwable t) {
    String detail = t.getClass().getSimpleName() + ": " + t.getMessage();
    return t instanceof IOException || t instanceof ClientConnectionException
        ? Fault.of(Fault.Kind.CONNECTION, detail)
        : Fault.of(Fault.Kind.REJECTED, detail);
  }

  private ChainException transport(String method, Exception e) {
    return transport(method, rpcUrl(), e);
  }

  private ChainException transport(String method, String url, Exception e) {
    return new ChainException(
        "chain: "
            + method
            + " to "
            + url
            + " failed ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); is the node running and the URL right?",
        e);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("chain: interrupted while retrying", e);
    }
  }

  /**
   * Revert data as plain 0x-hex: web3j keeps the JSON text of {@code error.data}, quotes included.
   */
  static String hex(String data) {
    if (data == null) {
      return "0x";
    }
    String d = data.strip();
    if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) {
      d = d.substring(1, d.length() - 1);
    }
    return d.matches("0x[0-9a-fA-F]*") ? d : "0x";
  }
}
