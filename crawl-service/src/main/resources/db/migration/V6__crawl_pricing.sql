-- What a crawl's pages cost, fixed when it starts (AlterLab's cost controls): the tier that fetches
-- them, the credits a fetch at that tier costs, the most one page may cost (the fetch plus a
-- change-tracking diff), and the cap on the crawl's spend. A claim holds page_credits per page it
-- leases (credits_held) until the page is written and charged (credits_used), so that the pages in
-- flight can never spend past max_credits. tier_pages counts the pages fetched at each tier.
alter table crawl add column tier             text   not null default '1';
alter table crawl add column tier_credits     int    not null default 0 check (tier_credits >= 0);
alter table crawl add column page_credits     int    not null default 0 check (page_credits >= tier_credits);
alter table crawl add column max_credits      bigint check (max_credits >= 1);
alter table crawl add column credits_held     bigint not null default 0;
alter table crawl add column tier_pages       jsonb  not null default '{}';

-- AlterLab crawls started before: tier 1 at one credit, what their diffs add, and what they hold and
-- have spent so far, so that those still running are charged as they were.
update crawl set tier_credits = 1,
                 page_credits = 1 + case when coalesce((change_tracking ->> 'includeDiff')::boolean, false)
                                         then case when change_tracking ->> 'mode' = 'structured' then 2 else 1 end
                                         else 0 end
 where dialect = 'alterlab';
update crawl c set credits_held = c.page_credits * (select count(*) from frontier f
                                                    where f.crawl_id = c.id and f.state = 'leased' and f.holds_slot),
                   credits_used = (select coalesce(sum(credits), 0) from page p where p.crawl_id = c.id)
 where c.status in ('queued', 'running');
-- Every page so far was fetched at tier 1, or served from the cache.
update crawl c set tier_pages = jsonb_build_object('1', t.pages)
  from (select crawl_id, count(*) as pages from page where not from_cache group by crawl_id) t
 where t.crawl_id = c.id;
