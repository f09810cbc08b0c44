package dev.orbweaver.gateway.console.crawls;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** One page of the account's runs, newest first, and where the neighbouring pages start. */
@TemplateData
public record CrawlList(List<CrawlView> runs, Integer previousOffset, Integer nextOffset) {}
