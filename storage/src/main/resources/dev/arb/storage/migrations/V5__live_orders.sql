-- V5: the live order journal. One row per live order, written before the order is sent and
-- updated after every answer, so that orders in flight at a crash can be resolved on restart.
-- Times are epoch milliseconds UTC; amounts are exact decimal strings (TEXT), never REAL.
-- Self-contained: references no other table.

CREATE TABLE live_orders (
  client_order_id TEXT    PRIMARY KEY,   -- arb's idempotency key
  execution_ref   TEXT    NOT NULL,      -- the execution (cycle) the order belongs to
  exchange        TEXT    NOT NULL,
  base            TEXT    NOT NULL,
  quote           TEXT    NOT NULL,
  side            TEXT    NOT NULL,      -- buy | sell
  amount          TEXT    NOT NULL,      -- base amount ordered
  limit_price     TEXT    NOT NULL,
  -- intent -> sent -> (filled | partial | cancelled | rejected | unknown)
  state           TEXT    NOT NULL,
  venue_order_id  TEXT,
  filled_base     TEXT    NOT NULL,
  spent           TEXT    NOT NULL,
  received        TEXT    NOT NULL,
  fee             TEXT    NOT NULL,
  fee_asset       TEXT    NOT NULL,
  error           TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX live_orders_by_state ON live_orders (state);
CREATE INDEX live_orders_by_execution ON live_orders (execution_ref);
