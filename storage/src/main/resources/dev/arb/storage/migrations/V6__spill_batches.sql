-- V6: the batches of records that were kept in the spill file next to the database
-- (arb.db.spill.jsonl) while the database could not be written, by the id each batch got there.
-- A batch goes into arbitrage_record in the same transaction as its row here, so a replay that is
-- cut short (a crash) and run again writes every batch exactly once.
-- Self-contained: only adds a table. Times are epoch milliseconds UTC.

CREATE TABLE spill_batches (
  batch       TEXT    PRIMARY KEY,  -- the id the batch got in the spill file
  records     INTEGER NOT NULL,     -- how many records it held
  replayed_at INTEGER NOT NULL
) WITHOUT ROWID;
