-- V3: the gasless relayer's requests, one row per request received, and what became of each.
-- The relayer's spending limits (per signer per UTC day, total per UTC day) are read back from
-- these rows, so they survive a restart. Self-contained: touches no other table.
-- Times are epoch milliseconds UTC; wei and gas are exact decimal integers (TEXT), never REAL.
-- Addresses, selector, digest, signature and hashes are 0x-hex, lower case. The signature is
-- public data (it authorises one request, once, on one forwarder), kept for audit.

CREATE TABLE relay_requests (
  id           INTEGER PRIMARY KEY,
  received_at  INTEGER NOT NULL,
  -- UTC day of received_at (YYYY-MM-DD): the day the request counts against
  utc_day      TEXT    NOT NULL,
  signer       TEXT    NOT NULL,
  target       TEXT    NOT NULL,
  selector     TEXT    NOT NULL,
  nonce        TEXT    NOT NULL,
  deadline     INTEGER NOT NULL,  -- epoch seconds
  gas_limit    TEXT    NOT NULL,  -- the gas the request asks the forwarder to pass on
  digest       TEXT    NOT NULL,  -- EIP-712 digest that was signed
  signature    TEXT    NOT NULL,
  outcome      TEXT    NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'mined', 'reverted')),
  reason_code  TEXT,              -- e.g. NONCE, SIMULATION_FAILED; null when mined
  reason       TEXT,
  tx_hash      TEXT,
  gas_used     TEXT,
  wei_reserved TEXT,              -- worst case reserved against the limits when accepted
  wei_paid     TEXT               -- share of gas used x effective gas price, once mined
);

CREATE INDEX relay_requests_by_day_signer ON relay_requests (utc_day, signer);
CREATE INDEX relay_requests_by_received_at ON relay_requests (received_at);
