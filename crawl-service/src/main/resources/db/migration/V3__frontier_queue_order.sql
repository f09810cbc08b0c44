-- A claim reads a crawl's queue in this order: helpers (robots.txt, sitemaps) before pages, then
-- priority, depth and age. With the index in that order a claim reads only the rows it takes; the
-- old index left out the kind, so every claim sorted the crawl's whole queue.
create index frontier_queue on frontier (crawl_id, (kind = 'page'), priority desc, depth, id)
    where state = 'queued';
drop index frontier_claim;

-- Rows in a crawl's frontier, kept by the statement that adds them: the link-trap cap is checked
-- on every batch of results, and counting the rows each time cost more than the batch's inserts.
alter table crawl add column frontier_rows int not null default 0;
update crawl c set frontier_rows = (select count(*) from frontier f where f.crawl_id = c.id);
