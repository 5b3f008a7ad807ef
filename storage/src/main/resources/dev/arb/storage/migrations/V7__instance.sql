-- V7: the arb process (arb.instance: ARB_INSTANCE, else the host name) that wrote each row, so
-- that several daemons can share one database (PostgreSQL) and `arb history --instance` can tell
-- their rows apart. Rows written before this migration belong to no named instance ('').

ALTER TABLE arbitrage_record ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE executions ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE dead_letters ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE relay_requests ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE live_orders ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE spill_batches ADD COLUMN instance TEXT NOT NULL DEFAULT '';

CREATE INDEX arbitrage_record_by_instance ON arbitrage_record (instance, detected_at);
