-- How a crawl's include and exclude patterns read: AlterLab's globs, or Firecrawl's regular
-- expressions over the URL's path (or, with regexOnFullURL, the whole URL).
alter table crawl add column pattern_syntax text not null default 'glob'
    check (pattern_syntax in ('glob', 'path_regex', 'url_regex'));
-- Crawls Firecrawl started before this migration read their patterns as globs, as they always did.

-- A seed the crawl's patterns leave out is fetched for its links only ('links'), never stored as a page.
alter table frontier drop constraint frontier_kind_check;
alter table frontier add constraint frontier_kind_check
    check (kind in ('page', 'sitemap', 'discover', 'links'));
