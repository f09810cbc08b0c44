package dev.orbweaver.gateway.console.backlinks;

import io.quarkus.qute.TemplateData;

/** A Common Crawl release to choose in the forms. */
@TemplateData
public record ReleaseView(String id, String label, boolean available) {}
