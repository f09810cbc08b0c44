-- What the indexed text was derived from (the fetched text and the options that shaped it), so that
-- a page scraped again unchanged skips deriving its text as well as to_tsvector. NULL for rows
-- written before, and for text that crawl-service sent: those take the comparing path.
ALTER TABLE page_index ADD COLUMN source_hash bytea;
