-- Firecrawl crawls' webhooks: Firecrawl's body wording and X-Firecrawl-Signature.
ALTER TABLE subscription DROP CONSTRAINT subscription_style_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_style_check
    CHECK (style IN ('crawlcrawl', 'alterlab', 'stream', 'firecrawl'));
