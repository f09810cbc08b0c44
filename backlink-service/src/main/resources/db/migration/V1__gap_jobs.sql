-- Gap-analysis jobs: submitted by an account, computed by any replica's worker, kept 7 days.
create table gap_job (
  id                 text primary key,
  account_id         bigint      not null,
  project_id         bigint      not null,
  release_id         text        not null,
  my_domain          text        not null,
  competitor_domains text[]      not null,
  status             text        not null check (status in ('queued', 'running', 'completed', 'failed')),
  progress_pct       smallint    not null default 0 check (progress_pct between 0 and 100),
  -- A worker owns a running job until lease_until; past it another worker takes the job over.
  lease_until        timestamptz,
  attempts           integer     not null default 0,
  result             jsonb,
  error_code         text,
  error_message      text,
  created_at         timestamptz not null,
  started_at         timestamptz,
  completed_at       timestamptz
);

-- Workers look for work in submission order among the few unfinished jobs.
create index gap_job_unfinished on gap_job (created_at) where status in ('queued', 'running');
-- The purge drops jobs by age.
create index gap_job_created on gap_job (created_at);
