-- V2: executed cycles (paper now, live later) and the paper balance ledger.
-- Times are epoch milliseconds UTC; amounts are exact decimal strings (TEXT), never REAL.

CREATE TABLE executions (
  id              INTEGER PRIMARY KEY,
  executed_at     INTEGER NOT NULL,
  -- detected_at of the opportunity record this execution belongs to
  detected_at     INTEGER NOT NULL,
  mode            TEXT    NOT NULL,  -- paper | live
  status          TEXT    NOT NULL,  -- executed | aborted | unwound | stranded
  start_asset     TEXT    NOT NULL,
  exchanges       TEXT    NOT NULL,  -- JSON array
  start_spent     TEXT    NOT NULL,
  start_returned  TEXT    NOT NULL,
  expected_profit TEXT    NOT NULL,
  realized_profit TEXT    NOT NULL,
  difference      TEXT    NOT NULL,  -- realized - expected
  -- JSON arrays of fills: leg, order id, requested, spent, received, base, price, fee, note
  legs            TEXT    NOT NULL,
  unwind          TEXT    NOT NULL,
  -- JSON array of what is still held after an incomplete unwind
  leftover        TEXT    NOT NULL,
  reason          TEXT
);

CREATE INDEX executions_by_executed_at ON executions (executed_at);

-- The paper ledger: one row per exchange and asset.
CREATE TABLE paper_balance (
  exchange   TEXT    NOT NULL,
  asset      TEXT    NOT NULL,
  amount     TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (exchange, asset)
) WITHOUT ROWID;
