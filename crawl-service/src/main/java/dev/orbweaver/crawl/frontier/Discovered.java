package dev.orbweaver.crawl.frontier;

/** A URL found on a page or in a sitemap, scored and ready to enter the frontier. */
public record Discovered(
    String url,
    byte[] urlKey,
    int depth,
    double priority,
    String budgetRule,
    FrontierItem.Kind kind) {}
