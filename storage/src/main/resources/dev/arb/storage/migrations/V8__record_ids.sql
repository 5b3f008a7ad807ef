-- V8: record ids are never given twice. Ids used to be the current maximum + 1, so pruning the
-- newest records (or all of them) let a later record take an old record's id, and whatever kept
-- that id (alerts, logs, executions, dead letters) then pointed at the wrong record. The last id
-- given is now kept here and advanced in the same transaction as the insert; it starts at the
-- highest id in the table, so existing ids stay as they are.
-- Self-contained: only adds a table.

CREATE TABLE id_sequence (
  name    TEXT    PRIMARY KEY,  -- the table whose ids it gives
  last_id INTEGER NOT NULL      -- the highest id ever given (0: none yet)
) WITHOUT ROWID;

INSERT INTO id_sequence (name, last_id)
  SELECT 'arbitrage_record', coalesce(max(id), 0) FROM arbitrage_record;
