-- V1: the opportunity records (the seed's ArbitrageRecord).
-- Times are epoch milliseconds UTC; amounts are exact decimal strings (TEXT), never REAL.

CREATE TABLE arbitrage_record (
  id               INTEGER PRIMARY KEY,
  detected_at      INTEGER NOT NULL,
  status           TEXT    NOT NULL,
  start_asset      TEXT    NOT NULL,
  -- display forms, JSON arrays in order of first use; filters use the child tables below
  exchanges        TEXT    NOT NULL,
  assets           TEXT    NOT NULL,
  path             TEXT    NOT NULL,
  solution         TEXT    NOT NULL,
  estimated_profit TEXT    NOT NULL,
  return_bp        REAL    NOT NULL,
  realized_profit  TEXT,
  reason           TEXT
);

CREATE INDEX arbitrage_record_by_detected_at ON arbitrage_record (detected_at);
CREATE INDEX arbitrage_record_by_status ON arbitrage_record (status, detected_at);
CREATE INDEX arbitrage_record_by_return_bp ON arbitrage_record (return_bp);

-- Exchanges a record touches, lower-case, for `arb history --exchange`.
CREATE TABLE arbitrage_record_exchange (
  record_id INTEGER NOT NULL REFERENCES arbitrage_record (id) ON DELETE CASCADE,
  exchange  TEXT    NOT NULL,
  PRIMARY KEY (record_id, exchange)
) WITHOUT ROWID;

CREATE INDEX arbitrage_record_exchange_by_exchange ON arbitrage_record_exchange (exchange, record_id);

-- Assets a record passes through (start asset included), lower-case, for `arb history --asset`.
CREATE TABLE arbitrage_record_asset (
  record_id INTEGER NOT NULL REFERENCES arbitrage_record (id) ON DELETE CASCADE,
  asset     TEXT    NOT NULL,
  PRIMARY KEY (record_id, asset)
) WITHOUT ROWID;

CREATE INDEX arbitrage_record_asset_by_asset ON arbitrage_record_asset (asset, record_id);
