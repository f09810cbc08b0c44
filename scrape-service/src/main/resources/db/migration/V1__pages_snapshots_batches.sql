-- scrape-service's own schema. Every tenant row carries account_id and every query filters by it.

-- The full-text index of an account's pages: what it scraped here and what crawl-service reports
-- it crawled (POST /internal/v1/search-index/pages). One row per account and URL; the newest wins.
CREATE TABLE page_index (
    id           bigserial PRIMARY KEY,
    account_id   bigint      NOT NULL,
    project_id   bigint      NOT NULL,
    url          text        NOT NULL,
    url_hash     bytea       NOT NULL,
    title        text,
    description  text,
    language     text,
    body         text        NOT NULL,
    source       text        NOT NULL,   -- 'scrape' or 'crawl'
    source_ref   text,                   -- e.g. 'crawl:<id>', so a deleted crawl can take its pages along
    status_code  integer,
    fetched_at   timestamptz NOT NULL,
    indexed_at   timestamptz NOT NULL DEFAULT now(),
    search       tsvector    NOT NULL,
    UNIQUE (account_id, url_hash)
);
CREATE INDEX page_index_search ON page_index USING gin (search);
CREATE INDEX page_index_account_fetched ON page_index (account_id, fetched_at DESC);
CREATE INDEX page_index_source_ref ON page_index (account_id, source_ref);

-- The last snapshot of a page per account and tag, for Firecrawl v2's stateful change tracking.
CREATE TABLE snapshots (
    account_id   bigint      NOT NULL,
    url_hash     bytea       NOT NULL,
    tag          text        NOT NULL DEFAULT '',
    url          text        NOT NULL,
    markdown     text,
    json         jsonb,
    content_hash text        NOT NULL,
    captured_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, url_hash, tag)
);

-- Batch scrape jobs and their pages. Pages are claimed with a lease, so a replica that dies
-- mid-page hands it back when the lease runs out, and jobs survive restarts.
CREATE TABLE batch_jobs (
    id              uuid        PRIMARY KEY,
    account_id      bigint      NOT NULL,
    project_id      bigint      NOT NULL,
    dialect         text        NOT NULL,   -- 'v1' or 'v2': which document shape the pages are read in
    status          text        NOT NULL,   -- scraping, completed, failed, cancelled
    spec            jsonb       NOT NULL,   -- the scrape options (no secrets)
    total           integer     NOT NULL,
    invalid_urls    jsonb       NOT NULL DEFAULT '[]',
    warnings        jsonb       NOT NULL DEFAULT '[]',
    idempotency_key text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    expires_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX batch_jobs_idempotency ON batch_jobs (account_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX batch_jobs_expiry ON batch_jobs (expires_at);

CREATE TABLE batch_items (
    job_id      uuid        NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    position    integer     NOT NULL,
    url         text        NOT NULL,
    state       text        NOT NULL DEFAULT 'pending',   -- pending, running, done, failed
    attempts    integer     NOT NULL DEFAULT 0,
    lease_until timestamptz,
    document    jsonb,
    error       text,
    error_code  text,
    finished_at timestamptz,
    PRIMARY KEY (job_id, position)
);
CREATE INDEX batch_items_claimable ON batch_items (state, lease_until) WHERE state IN ('pending', 'running');
