-- One crawl, whatever dialect started it: the seed, its scope, limits, politeness and formats, the
-- owner, and its lifecycle. Dialects map their wire fields onto these columns.
create table crawl (
    id                     bigserial primary key,
    public_id              uuid        not null unique,
    dialect                text        not null check (dialect in ('crawlcrawl', 'alterlab', 'firecrawl_v1', 'firecrawl_v2')),
    account_id             bigint      not null,
    project_id             bigint      not null,
    seed_url               text        not null,
    seed_kind              text        not null default 'url' check (seed_kind in ('url', 'sitemap')),
    sitemap_mode           text        not null default 'include' check (sitemap_mode in ('include', 'skip', 'only')),
    sitemap_path           text,
    include_subdomains     boolean     not null default false,
    max_depth              int         not null check (max_depth between 0 and 50),
    max_pages              int         not null check (max_pages between 1 and 100000),
    include_patterns       text[]      not null default '{}',
    exclude_patterns       text[]      not null default '{}',
    budget                 jsonb,
    priority               jsonb,
    delay_ms               int         not null default 0 check (delay_ms >= 0),
    concurrency            int,
    respect_robots         boolean     not null default true,
    store_html             boolean     not null default true,
    formats                text[]      not null default '{}',
    only_main_content      boolean     not null default true,
    extraction             jsonb,
    request_headers        jsonb,
    cookies                text,
    proxy_url              text,
    user_agent             text,
    cache                  jsonb,
    change_tracking        jsonb,
    webhook_subscription   text,
    stream_subscription    text,
    status                 text        not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    -- page slots taken: a slot is held from claim to completion, so pages never exceed max_pages
    slots_used             int         not null default 0,
    page_count             int         not null default 0,
    error_count            int         not null default 0,
    discovered_count       int         not null default 0,
    current_depth          int         not null default 0,
    credits_debited        bigint      not null default 0,
    credits_used           bigint      not null default 0,
    credits_refunded       bigint      not null default 0,
    idempotency_key        text,
    enqueued_at            timestamptz not null default now(),
    started_at             timestamptz,
    finished_at            timestamptz,
    error_message          text,
    expires_at             timestamptz,
    -- the running-crawl slot at auth-service and the credit refund, settled once after the end
    settled                boolean     not null default false,
    last_claim_at          timestamptz
);
create index crawl_owner on crawl (account_id, id desc);
create index crawl_active on crawl (status) where status in ('queued', 'running');
create unique index crawl_idempotency on crawl (project_id, idempotency_key) where idempotency_key is not null;
create index crawl_expiry on crawl (expires_at) where expires_at is not null;

-- The frontier: one row per (crawl, normalized URL). A claim is a lease; an expired lease returns
-- the URL to the queue. The unique key is the dedup.
create table frontier (
    id          bigserial primary key,
    crawl_id    bigint      not null references crawl (id) on delete cascade,
    url         text        not null,
    url_key     bytea       not null,
    depth       int         not null,
    priority    real        not null default 0.5,
    budget_rule text,
    kind        text        not null default 'page' check (kind in ('page', 'sitemap', 'discover')),
    state       text        not null default 'queued' check (state in ('queued', 'leased', 'done', 'failed', 'skipped')),
    holds_slot  boolean     not null default false,
    lease_until timestamptz,
    leased_by   text,
    attempts    int         not null default 0,
    unique (crawl_id, url_key)
);
create index frontier_claim on frontier (crawl_id, priority desc, depth, id) where state = 'queued';
create index frontier_leases on frontier (crawl_id, lease_until) where state = 'leased';

-- Fetched pages, 404s included: a page is anything the target answered. HTML is zstd-compressed.
create table page (
    id            bigserial primary key,
    crawl_id      bigint      not null references crawl (id) on delete cascade,
    account_id    bigint      not null,
    url           text        not null,
    final_url     text        not null,
    depth         int         not null,
    status        int         not null,
    bytes         int         not null,
    content_type  text,
    fetched_at    timestamptz not null,
    fetch_ms      int         not null,
    content_hash  text        not null,
    metadata      jsonb       not null default '{}',
    outlinks      int         not null default 0,
    html_zstd     bytea,
    formats       jsonb,
    change_status text,
    change_diff   jsonb,
    from_cache    boolean     not null default false,
    credits       int         not null default 0
);
create index page_crawl on page (crawl_id, id);
create index page_crawl_status on page (crawl_id, status, id);

-- Crawler-side failures (DNS, TLS, connect, timeouts, robots): not pages, but counted and listed.
create table crawl_error (
    id         bigserial primary key,
    crawl_id   bigint      not null references crawl (id) on delete cascade,
    url        text        not null,
    kind       text        not null,
    message    text        not null,
    at         timestamptz not null default now()
);
create index crawl_error_crawl on crawl_error (crawl_id, id);

-- Per-path budgets: pages counted per longest-matching pattern.
create table budget_count (
    crawl_id bigint not null references crawl (id) on delete cascade,
    rule     text   not null,
    admitted int    not null default 0,
    pages    int    not null default 0,
    primary key (crawl_id, rule)
);

-- Change tracking across crawls: the last observation of each URL per tracking id.
create table tracking_snapshot (
    account_id   bigint      not null,
    tracking_id  text        not null,
    url          text        not null,
    content_hash text        not null,
    text_zstd    bytea,
    structured   jsonb,
    crawl_id     bigint      not null,
    seen_at      timestamptz not null,
    primary key (account_id, tracking_id, url)
);

-- The per-page response cache (AlterLab's cache option).
create table page_cache (
    account_id   bigint      not null,
    url_key      bytea       not null,
    url          text        not null,
    status       int         not null,
    content_type text,
    html_zstd    bytea       not null,
    cached_at    timestamptz not null,
    expires_at   timestamptz not null,
    primary key (account_id, url_key)
);

-- Events, written in the same transaction as the state change they describe; a relay publishes them.
create table outbox (
    seq              bigserial primary key,
    event_id         text        not null unique,
    type             text        not null,
    account_id       bigint      not null,
    crawl_id         bigint      not null,
    subscription_ids text[]      not null default '{}',
    body             jsonb       not null,
    occurred_at      timestamptz not null default now(),
    published_at     timestamptz,
    -- webhook-service said it holds the event; until then the relay may publish it again
    confirmed_at     timestamptz
);
create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_unconfirmed on outbox (published_at) where confirmed_at is null;
