-- When a delivery became final (delivered or dead): retention counts from here. Rows final before
-- this column existed count from their last attempt.
ALTER TABLE delivery ADD COLUMN settled_at timestamptz;
UPDATE delivery SET settled_at = coalesce(delivered_at, next_attempt_at) WHERE status <> 'pending';
CREATE INDEX delivery_settled ON delivery (settled_at) WHERE status <> 'pending';
CREATE INDEX event_received_at ON event_received (received_at);
