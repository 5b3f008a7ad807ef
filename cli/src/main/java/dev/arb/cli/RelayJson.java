package dev.arb.cli;

import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.engine.record.RelayRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of relayed requests, shared by {@code arb defi relay}, {@code arb defi relays}
 * and the daemon's {@code POST /relay}: amounts of wei and gas as exact decimal strings.
 */
final class RelayJson {
  private RelayJson() {}

  /** One request and its outcome: {@code status} is rejected, mined or reverted. */
  static Map<String, Object> outcome(SignedRequest s, RelayOutcome o) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("from", s.request().from());
    row.put("to", s.request().to());
    row.put("nonce", s.request().nonce().toString());
    if (o instanceof RelayOutcome.Rejected r) {
      row.put("status", "rejected");
      row.put("reason", r.reason().name());
      row.put("detail", r.detail());
    } else if (o instanceof RelayOutcome.Mined m) {
      row.put("status", "mined");
      row.put("txHash", m.txHash());
      row.put("gasUsed", m.gasUsed().toString());
      row.put("costWei", m.costWei().toString());
    } else if (o instanceof RelayOutcome.Reverted r) {
      row.put("status", "reverted");
      row.put("txHash", r.txHash());
      row.put("gasUsed", r.gasUsed().toString());
      row.put("costWei", r.costWei().toString());
      row.put("detail", r.reason());
    }
    return row;
  }

  /** One stored record, every column; absent values as null. */
  static Map<String, Object> record(RelayRecord r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", r.id());
    o.put("receivedAt", r.receivedAt().toString());
    o.put("outcome", r.outcome().code());
    o.put("signer", r.signer());
    o.put("target", r.target());
    o.put("selector", r.selector());
    o.put("nonce", r.nonce().toString());
    o.put("deadline", r.deadline());
    o.put("gasLimit", r.gasLimit().toString());
    o.put("digest", r.digest());
    o.put("signature", r.signature());
    o.put("reasonCode", r.reasonCode());
    o.put("reason", r.reason());
    o.put("txHash", r.txHash());
    o.put("gasUsed", text(r.gasUsed()));
    o.put("weiReserved", text(r.weiReserved()));
    o.put("weiPaid", text(r.weiPaid()));
    return o;
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }
}
