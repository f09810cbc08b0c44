-- Webhook targets: where an owner's (a crawl's) events go, how they are signed and filtered.
CREATE TABLE subscription (
    id          text        PRIMARY KEY,            -- sub_ + 24 base62
    account_id  bigint      NOT NULL,
    owner_ref   text        NOT NULL,               -- e.g. 'crawl:42'
    style       text        NOT NULL CHECK (style IN ('crawlcrawl', 'alterlab', 'stream')),
    url         text        NOT NULL,
    secret_enc  bytea,                              -- AES-256-GCM: nonce || ciphertext
    events      text[],                             -- null: the style's default
    headers     jsonb       NOT NULL DEFAULT '{}',
    metadata    jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_ref, style)
);

-- Every event taken off the stream, whether or not anyone wanted it: crawl-service's relay asks
-- here before it publishes an event again.
CREATE TABLE event_received (
    event_id    text        PRIMARY KEY,
    type        text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- One delivery per (event, subscription): the durable retry schedule.
CREATE TABLE delivery (
    id              bigserial   PRIMARY KEY,
    event_id        text        NOT NULL,
    subscription_id text        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    type            text        NOT NULL,
    body            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    UNIQUE (event_id, subscription_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_of_subscription ON delivery (subscription_id, occurred_at, id);
