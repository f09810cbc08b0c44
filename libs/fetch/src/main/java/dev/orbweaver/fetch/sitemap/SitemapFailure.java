package dev.orbweaver.fetch.sitemap;

/** A sitemap that could not be read, and why (a fetch failure code or a parse problem). */
public record SitemapFailure(String sitemapUrl, String reason) {}
