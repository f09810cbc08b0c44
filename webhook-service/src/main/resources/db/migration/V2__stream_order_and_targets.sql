-- Where each event sat in the Redis Stream: a stream subscription gets its deliveries in this order,
-- and only once every earlier entry of the stream is stored (another replica may still hold one).
ALTER TABLE delivery ADD COLUMN stream_ms  bigint NOT NULL DEFAULT 0;
ALTER TABLE delivery ADD COLUMN stream_seq bigint NOT NULL DEFAULT 0;
CREATE INDEX delivery_pending_in_order ON delivery (subscription_id, stream_ms, stream_seq, id)
    WHERE status = 'pending';

-- The receiver a subscription delivers to (scheme://host[:port], no user info): attempts in flight
-- are capped per target, so that a slow receiver holds only its own share. Nullable, so that a
-- build from before this column can still subscribe against a migrated schema (shared test
-- databases); such a subscription counts as a target of its own.
ALTER TABLE subscription ADD COLUMN target text;
UPDATE subscription
   SET target = lower(regexp_replace(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*'),
                                     '://[^@]*@', '://'));
