-- V4: the dead-letter queue. Every execution that did not end as planned (unwound, stranded,
-- first order failed) gets one row here, written in the same transaction as its executions row.
-- Self-contained: it only adds a table and its index. Times are epoch milliseconds UTC; amounts
-- inside the context JSON are exact decimal strings.

CREATE TABLE dead_letters (
  id            INTEGER PRIMARY KEY,
  created_at    INTEGER NOT NULL,
  -- the executions row it belongs to
  execution_id  INTEGER NOT NULL,
  -- detected_at of the opportunity the execution traded
  detected_at   INTEGER NOT NULL,
  kind          TEXT    NOT NULL,  -- cycle_failed | unwind_incomplete | order_failed | reconcile_unknown
  error         TEXT    NOT NULL,
  -- JSON: mode, plan, fills, unwind, leftover holdings, exchanges, risk limits at the time
  context       TEXT    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'open',  -- open | retried | dropped
  resolved_at   INTEGER,
  resolution    TEXT,
  CHECK (status IN ('open', 'retried', 'dropped'))
);

CREATE INDEX dead_letters_by_status ON dead_letters (status, created_at);
