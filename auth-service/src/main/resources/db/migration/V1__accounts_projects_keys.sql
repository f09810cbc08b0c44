-- Tenants: an account owns projects; every API key belongs to one project of one account.
create table account (
    id         bigserial primary key,
    name       text        not null,
    plan       text        not null check (plan in ('free', 'lifetime', 'selfhost')),
    status     text        not null default 'active' check (status in ('active', 'disabled')),
    created_at timestamptz not null default now()
);

create table project (
    id         bigserial primary key,
    account_id bigint      not null references account (id),
    name       text        not null,
    created_at timestamptz not null default now()
);
create index project_account on project (account_id);

-- Only the SHA-256 of a key is kept; the key itself is shown once, at creation.
create table api_key (
    id           text primary key,
    account_id   bigint      not null references account (id),
    project_id   bigint      not null references project (id),
    hash         bytea       not null unique,
    prefix       text        not null,
    label        text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_key_active on api_key (account_id) where revoked_at is null;

-- Per-account limits that override the plan's: kind 'quota' (monthly) or 'concurrency'.
-- A row with a null limit means unlimited for that account.
create table account_limit (
    account_id bigint not null references account (id),
    kind       text   not null check (kind in ('quota', 'concurrency')),
    resource   text   not null,
    "limit"    bigint check ("limit" is null or "limit" >= 0),
    primary key (account_id, kind, resource)
);
