-- Monthly quota counters: one row per account, resource and calendar month (UTC).
-- used counts committed (2xx) calls; reserved counts calls in flight.
create table quota_counter (
    account_id bigint not null references account (id),
    resource   text   not null,
    period     date   not null,
    used       bigint not null default 0 check (used >= 0),
    reserved   bigint not null default 0 check (reserved >= 0),
    primary key (account_id, resource, period)
);

create table quota_reservation (
    id         text primary key,
    account_id bigint      not null references account (id),
    resource   text        not null,
    period     date        not null,
    amount     int         not null check (amount > 0),
    state      text        not null check (state in ('reserved', 'committed', 'refunded')),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index quota_reservation_expiry on quota_reservation (expires_at) where state = 'reserved';

-- Held concurrency slots (e.g. running crawls): one row per holder.
create table concurrency_slot (
    account_id  bigint      not null references account (id),
    resource    text        not null,
    holder      text        not null,
    acquired_at timestamptz not null default now(),
    primary key (account_id, resource, holder)
);

-- Credits: a balance (null = unlimited) and a ledger whose refs make every movement idempotent.
create table credit_balance (
    account_id bigint primary key references account (id),
    balance    bigint check (balance is null or balance >= 0)
);

create table credit_ledger (
    id         bigserial primary key,
    account_id bigint      not null references account (id),
    kind       text        not null check (kind in ('grant', 'debit', 'refund')),
    amount     bigint      not null check (amount >= 0),
    ref        text        not null,
    created_at timestamptz not null default now(),
    unique (account_id, kind, ref)
);
