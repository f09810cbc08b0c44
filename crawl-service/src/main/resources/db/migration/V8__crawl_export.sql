-- Where a crawl's results go once it ends, besides PostgreSQL: the platform's object store (AlterLab
-- storage s3/r2: one JSONL object, downloaded through a presigned URL) or a customer's bucket
-- (AlterLab output s3/gcs). One row per crawl and target; credentials only sealed (SecretCipher).
create table crawl_export (
    crawl_id            bigint      not null references crawl (id) on delete cascade,
    target              text        not null check (target in ('platform', 'customer')),
    -- type (s3, r2, gcs), bucket, prefix, region, endpoint, format: never a credential
    connector           jsonb       not null,
    sealed_credentials  bytea,
    state               text        not null default 'waiting' check (state in ('waiting', 'written', 'failed')),
    attempts            int         not null default 0,
    next_attempt_at     timestamptz not null default now(),
    object_key          text,
    objects             int         not null default 0,
    last_error          text,
    written_at          timestamptz,
    primary key (crawl_id, target)
);
create index crawl_export_due on crawl_export (next_attempt_at) where state = 'waiting';
