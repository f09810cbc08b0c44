-- The request an Idempotency-Key first started, as a SHA-256 of the crawl it asked for: the same key
-- with another request is refused (409) instead of answered with a run it did not ask for. Runs
-- started before have none and are replayed for any request, as they were.
alter table crawl add column idempotency_fingerprint text;
