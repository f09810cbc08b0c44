-- Why an item's last lease came to nothing (its work threw, or its result could not be written).
-- An item leased more often than orbweaver.crawl.max-attempts becomes a page error naming it,
-- instead of being fetched again every time its lease runs out.
alter table frontier add column last_error text;
